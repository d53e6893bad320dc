#![cfg(not(target_arch = "wasm32"))]
//! Village heads over time and 退后关爱 (W3, seed 002 扎鲁特旗): years served from
//! tenures, the 10-year boundary, the yearly list and its confirmation, corrections,
//! two phones, roles, and the forms and pages as a person sees them.

mod common;

use common::heads::*;
use common::*;
use jishi::domain::command::Command as AnyCommand;
use jishi::domain::event::Role;
use jishi::domain::form::Inputs;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::policy::{Policy, RetiredCarePolicy};
use jishi::domain::screen::{texts, Block, Focus, Focuses, FormBlock, Screen, Sent};
use jishi::domain::village_heads::forms::{tenure_inputs, TENURE_FORM};
use jishi::domain::village_heads::screens::{
    care_screen, people_screen, person_screen, Viewer, TENURE_AREA,
};
use jishi::domain::village_heads::{
    care_lines, changes_since, entries, total_yuan, CareExclusion, CareStatus, Command, EndReason,
    ExclusionReason, HeadPost,
};

const TODAY: (i32, u32, u32) = (2026, 12, 1);

fn today() -> chrono::NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

fn history() -> Device {
    let mut dev = Device::new("phone-county");
    dev.master_data();
    heads_history(&mut dev);
    dev
}

fn status_of(dev: &Device, year: i32, person: &str) -> CareStatus {
    let lines = care_lines(dev.state(), year);
    let line = lines
        .iter()
        .find(|l| l.person == person)
        .expect("on the list");
    line.status
}

fn viewer(role: Role, zh: bool) -> Viewer {
    Viewer {
        role: Some(role),
        today: today(),
        zh,
    }
}

fn sent() -> Sent {
    Sent {
        today: today(),
        now_ms: beijing_ms(today()),
        random: 7,
    }
}

fn forms(screen: &Screen) -> Vec<&FormBlock> {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let forms = blocks.filter_map(|b| match b {
        Block::Form(f) => Some(f.as_ref()),
        _ => None,
    });
    forms.collect()
}

fn inputs(pairs: &[(&str, &str)]) -> Inputs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn left_off(person: &str, reason: ExclusionReason) -> CareExclusion {
    CareExclusion {
        person: person.into(),
        name: String::new(),
        reason,
    }
}

#[test]
fn ten_years_to_the_day_qualifies_and_a_day_short_does_not() {
    let dev = history();
    assert_eq!(status_of(&dev, 2027, BAO), CareStatus::Qualifies);
    assert_eq!(status_of(&dev, 2027, HAN), CareStatus::TooShort);
    // Secretary 2006–2014 and director 2012–2017 of one village: 11 years, once.
    assert_eq!(status_of(&dev, 2027, MENG), CareStatus::Qualifies);
    assert_eq!(status_of(&dev, 2027, QI), CareStatus::Died);
    assert_eq!(status_of(&dev, 2027, BAI), CareStatus::Sitting);
    let lines = care_lines(dev.state(), 2027);
    let han = lines.iter().find(|l| l.person == HAN).unwrap();
    assert_eq!(han.why(10, true), "任正职9年11个月28天，不满10年");
    let screen = texts(&care_screen(dev.state(), 2027, viewer(Role::Admin, true)));
    assert!(
        screen.contains(&"共2人，合计4800元".to_string()),
        "{screen:?}"
    );
    let rule = "以2027-01-01为准：已离任、任正职满10年的村（嘎查）干部，每人每年生活补贴2400元";
    assert!(screen.contains(&rule.to_string()), "{screen:?}");
    assert!(screen.iter().any(|s| s.contains("在任，已任正职6年10个月")));
}

#[test]
fn each_list_counts_as_of_its_own_first_day() {
    let mut dev = history();
    // 其木格 died in office on 2019-06-01: on 1 January 2019 she still held the post.
    assert_eq!(status_of(&dev, 2019, QI), CareStatus::Sitting);
    assert_eq!(status_of(&dev, 2020, QI), CareStatus::Died);
    // 苏和: secretary 2000–2012, back as director 2020–2023. On the 2018 list he is a
    // former head of 12 years; in 2021 he holds a post again.
    let mut su = |id, post, start, end| {
        let t = tenure("hp-su", "苏和", MID, post, start, end);
        record(&mut dev, today(), id, t);
    };
    let term = EndReason::TermEnded;
    su(
        "ht-su-1",
        HeadPost::Secretary,
        d(2000, 1, 1),
        Some((d(2012, 1, 1), term)),
    );
    su(
        "ht-su-2",
        HeadPost::Director,
        d(2020, 1, 1),
        Some((d(2023, 1, 1), term)),
    );
    assert_eq!(status_of(&dev, 2018, "hp-su"), CareStatus::Qualifies);
    // Back in office on the list's very day: sitting, not paid.
    assert_eq!(status_of(&dev, 2020, "hp-su"), CareStatus::Sitting);
    assert_eq!(status_of(&dev, 2021, "hp-su"), CareStatus::Sitting);
    assert_eq!(status_of(&dev, 2024, "hp-su"), CareStatus::Qualifies);
    let lines = care_lines(dev.state(), 2024);
    let su_line = lines.iter().find(|l| l.person == "hp-su").unwrap();
    assert_eq!(su_line.served.years, 15);
    // Two five-year terms with a gap count 10 years whatever leap days fall between.
    let mut wu = |id, start, end| {
        let t = tenure(
            "hp-wu",
            "乌力吉",
            LARGE,
            HeadPost::Director,
            start,
            Some((end, term)),
        );
        record(&mut dev, today(), id, t);
    };
    wu("ht-wu-1", d(2003, 1, 1), d(2008, 1, 1));
    wu("ht-wu-2", d(2009, 1, 1), d(2014, 1, 1));
    assert_eq!(status_of(&dev, 2015, "hp-wu"), CareStatus::Qualifies);
}

#[test]
fn the_county_confirms_a_list_once_and_again_only_when_the_records_change() {
    let mut dev = history();
    let on = today();
    dev.ok(Role::Admin, on, confirm_list(&dev, 2027, Vec::new()));
    let confirmed = dev
        .state()
        .village_heads
        .confirmed(2027)
        .unwrap()
        .value
        .clone();
    let paid: Vec<(&str, u32)> = confirmed
        .entries
        .iter()
        .map(|e| (e.name.as_str(), e.yuan))
        .collect();
    assert_eq!(paid, vec![("包金山", 2_400), ("孟根", 2_400)]);
    let again = confirm_list(&dev, 2027, Vec::new());
    assert_eq!(dev.refused(Role::Admin, on, again), "care.unchanged");
    // 韩宝音's end was recorded a day early: the correction is a new version; the
    // confirmed list is not silently changed; the page says what differs, and the
    // home page asks for it to be confirmed again (in December, for next year's list).
    let term = Some((d(2020, 3, 1), EndReason::TermEnded));
    let corrected = tenure(HAN, "韩宝音", MID, HeadPost::Secretary, d(2010, 3, 1), term);
    record(&mut dev, on, "ht-han", corrected);
    assert_eq!(
        dev.state().village_heads.confirmed(2027).unwrap().value,
        confirmed
    );
    let changes = changes_since(dev.state(), 2027, true);
    assert_eq!(changes, vec!["韩宝音：现符合条件，名单中没有".to_string()]);
    let todos = jishi::domain::workflows::todos(dev.state(), on, true);
    let asked = todos
        .iter()
        .find(|t| t.text == "2027年退后关爱名单需重新确认");
    assert!(asked.is_some_and(|t| t.urgent), "{todos:?}");
    dev.ok(Role::Admin, on, confirm_list(&dev, 2027, Vec::new()));
    let again = &dev.state().village_heads.confirmed(2027).unwrap().value;
    assert_eq!(again.entries.len(), 3);
    assert_eq!(total_yuan(&again.entries), 7_200);
    assert!(changes_since(dev.state(), 2027, true).is_empty());
}

#[test]
fn someone_who_qualifies_is_left_off_only_with_a_reason_of_their_own() {
    let mut dev = history();
    let on = today();
    let not_qualifying = confirm_list(&dev, 2027, vec![left_off(HAN, ExclusionReason::Other)]);
    assert_eq!(
        dev.refused(Role::Admin, on, not_qualifying),
        "care.excluded"
    );
    let died = ExclusionReason::Died;
    let twice = confirm_list(&dev, 2027, vec![left_off(BAO, died), left_off(BAO, died)]);
    assert_eq!(dev.refused(Role::Admin, on, twice), "care.excluded");
    // Through the form: a reason per person, chosen in the row of each.
    let screen = care_screen(dev.state(), 2027, viewer(Role::Admin, true));
    let form = forms(&screen)[0];
    let cmd = form
        .command(
            &inputs(&[("excluded.hp-bao", "died")]),
            &sent(),
            dev.state(),
        )
        .unwrap();
    dev.ok(Role::Admin, on, cmd);
    let list = &dev.state().village_heads.confirmed(2027).unwrap().value;
    let names: Vec<&str> = list.entries.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, vec!["孟根"]);
    assert_eq!(list.excluded[0].name, "包金山");
    let screen = texts(&care_screen(dev.state(), 2027, viewer(Role::Admin, true)));
    assert!(
        screen.contains(&"不列入：包金山（已去世）".to_string()),
        "{screen:?}"
    );
    // The total on the page is the confirmed one: one person; the one left off says so.
    assert!(
        screen.contains(&"共1人，合计2400元".to_string()),
        "{screen:?}"
    );
    let row = "巴彦芒哈嘎查 · 任正职10年，已于2020-03-01离任 · 不列入（已去世）";
    assert!(screen.contains(&row.to_string()), "{screen:?}");
    // Confirming again starts from who the list leaves off.
    let again = care_screen(dev.state(), 2027, viewer(Role::Admin, true));
    let init = &forms(&again)[0].init;
    assert_eq!(
        init.get("excluded.hp-bao").map(String::as_str),
        Some("died")
    );
    // A list confirmed from a page drawn before a tenure changed is refused.
    let stale = confirm_list(&dev, 2027, Vec::new());
    let term = Some((d(2020, 3, 1), EndReason::TermEnded));
    let corrected = tenure(HAN, "韩宝音", MID, HeadPost::Secretary, d(2010, 3, 1), term);
    record(&mut dev, on, "ht-han", corrected);
    assert_eq!(dev.refused(Role::Admin, on, stale), "care.changed");
}

#[test]
fn only_the_county_records_tenures_and_confirms_lists() {
    let mut dev = history();
    let on = today();
    let t = tenure(
        "hp-new",
        "新人",
        MID,
        HeadPost::Director,
        d(2021, 1, 1),
        None,
    );
    for role in [
        Role::Organizer,
        Role::Assessor,
        Role::VillageHead,
        Role::Recorder,
        Role::Approver,
    ] {
        let cmd = Command::RecordTenure {
            tenure: "ht-new".into(),
            record: t.clone(),
            seen: Vec::new(),
        };
        assert_eq!(dev.refused(role, on, cmd), "auth.role", "{role:?}");
        let list = confirm_list(&dev, 2027, Vec::new());
        assert_eq!(dev.refused(role, on, list), "auth.role", "{role:?}");
        // Everyone else reads, with no form, and is told who may.
        for screen in [
            people_screen(dev.state(), viewer(role, true)),
            care_screen(dev.state(), 2027, viewer(role, true)),
        ] {
            assert!(forms(&screen).is_empty(), "{role:?}");
            let said = texts(&screen);
            assert!(
                said.contains(
                    &"只有县委组织部管理员可以登记村两委正职任职和确认退后关爱名单".to_string()
                ),
                "{said:?}"
            );
        }
    }
    assert_eq!(
        forms(&people_screen(dev.state(), viewer(Role::Admin, true))).len(),
        1
    );
}

#[test]
fn a_tenure_ended_on_two_phones_differently_waits_for_a_person() {
    let mut a = history();
    let mut b = Device::new("phone-county-b");
    a.send_to(&mut b);
    let ended = |day| {
        let end = Some((day, EndReason::Resigned));
        tenure(
            BAI,
            "白玉兰",
            SMALL,
            HeadPost::Secretary,
            d(2020, 3, 1),
            end,
        )
    };
    record(&mut a, d(2026, 11, 25), "ht-bai", ended(d(2026, 11, 24)));
    record(&mut b, d(2026, 11, 26), "ht-bai", ended(d(2026, 11, 26)));
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        assert_eq!(dev.state().village_heads.tenure_conflicts(), vec!["ht-bai"]);
    }
    let list = confirm_list(&a, 2027, Vec::new());
    assert_eq!(
        a.refused(Role::Admin, today(), list),
        "care.tenure_conflict"
    );
    let care = texts(&care_screen(a.state(), 2027, viewer(Role::Admin, true)));
    assert!(
        care.iter().any(|s| s.contains("核对后才能确认")),
        "{care:?}"
    );
    let todos = jishi::domain::workflows::todos(a.state(), today(), true);
    assert!(todos
        .iter()
        .any(|t| t.text.contains("白玉兰的任职记录在两部手机上被同时修改")));
    let page = texts(&person_screen(
        a.state(),
        BAI,
        viewer(Role::Admin, true),
        &Focuses::default(),
    ));
    assert!(page.iter().any(|s| s.contains("两部手机")), "{page:?}");
    // In English, no full-width punctuation joins who said what.
    let english = texts(&person_screen(
        a.state(),
        BAI,
        viewer(Role::Admin, false),
        &Focuses::default(),
    ));
    assert!(english.iter().all(|s| !s.contains('：')), "{english:?}");
    // The correction names both versions: one version stands again.
    record(&mut a, today(), "ht-bai", ended(d(2026, 11, 24)));
    assert!(a.state().village_heads.tenure_conflicts().is_empty());
    a.ok(Role::Admin, today(), confirm_list(&a, 2027, Vec::new()));
}

#[test]
fn a_correction_made_from_an_old_page_does_not_overwrite_what_arrived_meanwhile() {
    let mut a = history();
    let mut b = Device::new("phone-county-b");
    a.send_to(&mut b);
    // Phone A opens 白玉兰's tenure to correct it; meanwhile phone B's end arrives.
    let seen = a.state().village_heads.tenure_live_ids("ht-bai");
    let end = Some((d(2026, 11, 20), EndReason::Resigned));
    let ended = tenure(
        BAI,
        "白玉兰",
        SMALL,
        HeadPost::Secretary,
        d(2020, 3, 1),
        end,
    );
    record(&mut b, d(2026, 11, 21), "ht-bai", ended);
    b.send_to(&mut a);
    let fixed_start = tenure(
        BAI,
        "白玉兰",
        SMALL,
        HeadPost::Secretary,
        d(2020, 4, 1),
        None,
    );
    let cmd = Command::RecordTenure {
        tenure: "ht-bai".into(),
        record: fixed_start,
        seen,
    };
    a.ok(Role::Admin, today(), cmd);
    assert_eq!(a.state().village_heads.tenure_conflicts(), vec!["ht-bai"]);
    // A new tenure may not reuse the id of one that exists.
    let clash = Command::RecordTenure {
        tenure: "ht-bai".into(),
        record: tenure(
            BAI,
            "白玉兰",
            SMALL,
            HeadPost::Director,
            d(2021, 1, 1),
            None,
        ),
        seen: Vec::new(),
    };
    assert_eq!(a.refused(Role::Admin, today(), clash), "heads.exists");
}

#[test]
fn the_policy_in_force_on_the_first_day_of_the_year_sets_years_and_amount() {
    let mut dev = history();
    let mut policy = Policy::default();
    policy.retired_care.min_years = 9;
    policy.retired_care.yearly_yuan = 3_000;
    let change = MasterCommand::ChangePolicy {
        effective_from: d(2027, 1, 1),
        policy: Box::new(policy),
    };
    dev.ok(Role::Admin, today(), change);
    assert_eq!(status_of(&dev, 2026, HAN), CareStatus::TooShort);
    assert_eq!(status_of(&dev, 2027, HAN), CareStatus::Qualifies);
    let paid = entries(dev.state(), 2027, &[]);
    assert!(paid.iter().all(|e| e.yuan == 3_000) && paid.len() == 3);
    let bad = Policy {
        retired_care: RetiredCarePolicy {
            min_years: 0,
            yearly_yuan: 2_400,
        },
        ..Policy::default()
    };
    assert!(bad.validate().is_err());
}

#[test]
fn a_tenure_is_refused_with_every_problem_at_once() {
    let dev = history();
    let screen = people_screen(dev.state(), viewer(Role::Admin, true));
    let form = forms(&screen)[0];
    let fields = |problems: Vec<jishi::domain::RuleViolation>| {
        let mut named: Vec<String> = problems.into_iter().filter_map(|p| p.field).collect();
        named.sort();
        named
    };
    // Nothing typed: the first day and the name at once.
    let blank = inputs(&[("village", MID), ("post", "secretary")]);
    let problems = form.command(&blank, &sent(), dev.state()).unwrap_err();
    assert_eq!(fields(problems), vec!["name", "start"]);
    let wrong = inputs(&[
        ("village", "v-nowhere"),
        ("post", "secretary"),
        ("start", "2027-01-01"),
        ("end", "2020-01-01"),
    ]);
    let problems = form.command(&wrong, &sent(), dev.state()).unwrap_err();
    assert_eq!(
        fields(problems),
        vec!["end", "end_reason", "name", "start", "village"]
    );
    // A new person's tenure: ids are made, the name kept, nothing else invented.
    let good = inputs(&[
        ("name", "苏和"),
        ("village", MID),
        ("post", "director"),
        ("start", "2021-01-01"),
    ]);
    let cmd = form.command(&good, &sent(), dev.state()).unwrap();
    let AnyCommand::VillageHeads(Command::RecordTenure {
        tenure,
        record,
        seen,
    }) = cmd
    else {
        panic!("a tenure")
    };
    assert!(tenure.starts_with("ht") && record.person.starts_with("hp") && seen.is_empty());
    assert_eq!(
        (record.name.as_str(), record.end, record.end_reason),
        ("苏和", None, None)
    );
    // Someone new with a recorded person's name must be told apart, or chosen.
    let homonym = inputs(&[
        ("name", "孟根"),
        ("village", MID),
        ("post", "director"),
        ("start", "2021-01-01"),
    ]);
    let problems = form.command(&homonym, &sent(), dev.state()).unwrap_err();
    assert_eq!(problems[0].code, "heads.same_name");
    let chosen = inputs(&[
        ("person", MENG),
        ("village", MID),
        ("post", "director"),
        ("start", "2021-01-01"),
    ]);
    let AnyCommand::VillageHeads(Command::RecordTenure { record, .. }) =
        form.command(&chosen, &sent(), dev.state()).unwrap()
    else {
        panic!("a tenure")
    };
    assert_eq!(
        (record.person.as_str(), record.name.as_str()),
        (MENG, "孟根")
    );
    // A death while another tenure of theirs goes on is refused.
    let died_early = inputs(&[
        ("person", BAI),
        ("village", SMALL),
        ("post", "director"),
        ("start", "2015-01-01"),
        ("end", "2018-01-01"),
        ("end_reason", "died"),
    ]);
    let problems = form.command(&died_early, &sent(), dev.state()).unwrap_err();
    assert_eq!(problems[0].code, "heads.after_death");
    // No tenure after the person's death.
    let after = inputs(&[
        ("person", QI),
        ("village", MID),
        ("post", "director"),
        ("start", "2020-01-01"),
    ]);
    let problems = form.command(&after, &sent(), dev.state()).unwrap_err();
    assert_eq!(problems[0].code, "heads.after_death");
}

#[test]
fn a_tenure_reads_back_as_itself_through_the_tenure_form() {
    let mut dev = history();
    let t = dev
        .state()
        .village_heads
        .tenure("ht-meng-d")
        .unwrap()
        .clone();
    let seen = dev.state().village_heads.tenure_live_ids("ht-meng-d");
    let mut turned = Focuses::default();
    turned.set(Focus {
        area: TENURE_AREA,
        form: TENURE_FORM.key.into(),
        replaces: seen.clone(),
        from: "ht-meng-d".into(),
        follow: false,
        each: false,
    });
    let page = person_screen(dev.state(), MENG, viewer(Role::Admin, true), &turned);
    let form = forms(&page)[0];
    assert_eq!(form.init, tenure_inputs(Some(&t)));
    let cmd = form.command(&form.init, &sent(), dev.state()).unwrap();
    let expected = Command::RecordTenure {
        tenure: "ht-meng-d".into(),
        record: t,
        seen,
    };
    assert_eq!(cmd, expected.into());
    // Saving it unchanged records nothing.
    assert_eq!(
        dev.refused(Role::Admin, today(), cmd_of(&dev, "ht-meng-d")),
        "heads.unchanged"
    );
    // The same turn gives someone who may not record no form.
    let page = person_screen(dev.state(), MENG, viewer(Role::Recorder, true), &turned);
    assert!(forms(&page).is_empty());
    assert!(texts(&page)
        .iter()
        .any(|s| s.contains("已离任，累计任正职11年")));
}

fn cmd_of(dev: &Device, id: &str) -> Command {
    let heads = &dev.state().village_heads;
    Command::RecordTenure {
        tenure: id.into(),
        record: heads.tenure(id).unwrap().clone(),
        seen: heads.tenure_live_ids(id),
    }
}

#[test]
fn the_heads_page_shows_where_the_villages_page_disagrees_with_the_tenures() {
    let dev = history();
    let page = texts(&people_screen(dev.state(), viewer(Role::Admin, true)));
    // 基础信息 still names 包金山 as 巴彦芒哈's secretary; the tenures say 白玉兰 since 2020.
    let said = "巴彦芒哈嘎查 党组织书记：基础信息为包金山，任职记录中在任的为白玉兰";
    assert!(page.contains(&said.to_string()), "{page:?}");
}

#[test]
fn a_year_outside_the_lists_shows_no_list_and_no_form() {
    let dev = history();
    for year in [i32::MIN, -1, 0, 1948, 2028, i32::MAX] {
        let screen = care_screen(dev.state(), year, viewer(Role::Admin, true));
        assert!(forms(&screen).is_empty(), "{year}");
        assert!(
            texts(&screen).contains(&"只有1949年至2027年的名单".to_string()),
            "{year}"
        );
    }
    let english = texts(&care_screen(dev.state(), 2027, viewer(Role::Admin, false)));
    let no_cjk = [
        "Care subsidy list 2027",
        "Qualify",
        "Do not qualify (yet)",
        "Not confirmed yet",
    ];
    for line in no_cjk {
        assert!(english.contains(&line.to_string()), "{english:?}");
    }
}

/// 乌力吉木仁苏木 graded for 2026 (95, 75, 65, 50: the smallest fails), its heads'
/// history, and the 2026 care list confirmed.
fn graded_with_heads() -> Device {
    let mut dev = graded_with_small_failing();
    heads_history(&mut dev);
    let on = d(2026, 12, 29);
    dev.ok(Role::Admin, on, confirm_list(&dev, 2026, Vec::new()));
    dev
}

fn cells_of(dev: &Device, year: i32, zh: bool) -> Vec<Vec<String>> {
    use jishi::domain::village_heads::pay_sheet::{cells, pay_sheet};
    let sheet = pay_sheet(dev.state(), year, d(2026, 12, 31), zh).unwrap();
    let lines = sheet.townships.iter().flat_map(|t| &t.lines);
    lines.map(cells).collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[test]
fn the_pay_sheet_is_right_to_the_yuan_with_the_seed_numbers() {
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let dev = graded_with_heads();
    // Village, post, name, base, performance, 事业 pay, subsidy, total, note. Base pay by
    // population (800 → 7,000; 1,000 and 2,999 → 8,000; 3,000 → 9,000), performance by
    // grade (优秀 4,000; 基本合格 2,000, the policy default; 不合格 0). The heads are the
    // tenures' where a post has any (白玉兰 holds 巴彦芒哈's secretary post since 2020,
    // and the villages page names her its director too), else the villages page's.
    let expected = vec![
        row(&[
            "乌兰哈达嘎查",
            "党组织书记",
            "",
            "",
            "",
            "",
            "",
            "0",
            "空缺",
        ]),
        row(&[
            "乌兰哈达嘎查",
            "村委会主任",
            "吴桂芝",
            "8000",
            "2000",
            "",
            "",
            "10000",
            "基本合格",
        ]),
        row(&[
            "乌力吉木仁嘎查",
            "党组织书记",
            "",
            "",
            "",
            "",
            "",
            "0",
            "空缺",
        ]),
        row(&[
            "乌力吉木仁嘎查",
            "村委会主任",
            "刘建国",
            "9000",
            "4000",
            "",
            "",
            "13000",
            "优秀",
        ]),
        row(&[
            "巴彦芒哈嘎查",
            "书记兼主任",
            "白玉兰",
            "7000",
            "0",
            "",
            "",
            "7000",
            "不合格",
        ]),
        row(&["白音花嘎查", "党组织书记", "", "", "", "", "", "0", "空缺"]),
        row(&["白音花嘎查", "村委会主任", "", "", "", "", "", "0", "空缺"]),
        row(&[
            "巴彦芒哈嘎查",
            "离任村干部",
            "包金山",
            "",
            "",
            "",
            "2400",
            "2400",
            "退后关爱",
        ]),
        row(&[
            "白音花嘎查",
            "离任村干部",
            "孟根",
            "",
            "",
            "",
            "2400",
            "2400",
            "退后关爱",
        ]),
    ];
    assert_eq!(cells_of(&dev, 2026, true), expected);
    let sheet = pay_sheet(dev.state(), 2026, d(2026, 12, 31), true).unwrap();
    let t = sheet.townships[0].totals;
    assert_eq!(
        (t.base, t.performance, t.subsidy, t.total()),
        (24_000, 6_000, 4_800, 34_800)
    );
    assert_eq!(sheet.totals, t);
    assert!(sheet.provisional.is_empty(), "{:?}", sheet.provisional);
}

#[test]
fn a_year_not_graded_or_confirmed_yet_says_its_sheet_is_provisional() {
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let dev = graded_with_heads();
    let sheet = pay_sheet(dev.state(), 2027, d(2026, 12, 31), true).unwrap();
    assert_eq!(
        sheet.provisional,
        vec![
            "退后关爱名单尚未确认".to_string(),
            "有村尚未评定，绩效工资待定（未计入合计）".to_string()
        ]
    );
    let cells = cells_of(&dev, 2027, true);
    let director = cells.iter().find(|c| c[2] == "刘建国").unwrap();
    assert_eq!(
        director[3..],
        row(&["9000", "", "", "", "9000", "待评定"])[..]
    );
}

/// The sheets on the pay page, each as (caption, column heads, rows as read).
fn pay_sheets(page: &Screen) -> Vec<(String, Vec<String>, Vec<Vec<String>>)> {
    let blocks = page.iter().flat_map(|c| &c.blocks);
    let sheets = blocks.filter_map(|b| match b {
        Block::Sheet(s) => Some(s),
        _ => None,
    });
    let read = |r: &Vec<jishi::domain::screen::SheetCell>| r.iter().map(|c| c.said()).collect();
    let sheets = sheets.map(|s| {
        (
            s.caption.clone(),
            s.columns.clone(),
            s.rows.iter().map(read).collect(),
        )
    });
    sheets.collect()
}

/// The pay sheet's CSV (issue 14): the column heads first (the title is the file's
/// name), then every row of every township's sheet on screen with its township first,
/// then the county's sums; amounts bare whole yuan, a byte-order mark for Excel.
#[test]
fn the_csv_holds_every_row_of_the_sheet_on_screen_with_amounts_as_numbers() {
    use common::csv_read::{bare_number, download, guarded, rows};
    use jishi::domain::village_heads::pay_screen::pay_screen;
    let dev = graded_with_heads();
    let page = pay_screen(dev.state(), 2026, viewer(Role::Admin, true));
    let file = page.iter().flat_map(|c| &c.blocks).find_map(|b| match b {
        Block::Download { file, .. } => Some(file.clone()),
        _ => None,
    });
    assert_eq!(file.as_deref(), Some("2026年嘎查村干部报酬表.csv"));
    let csv = rows(&download(&page, "pay-csv"));
    let said: Vec<Vec<String>> = csv
        .iter()
        .map(|r| r.iter().map(|(f, _)| f.clone()).collect())
        .collect();
    let sheets = pay_sheets(&page);
    let (townships, county) = sheets.split_at(sheets.len() - 1);
    assert_eq!(said[0][0], "乡镇（苏木）");
    assert_eq!(said[0][1..], townships[0].1[..]);
    let mut expected = Vec::new();
    for (caption, _, rows) in townships {
        for row in rows {
            let guarded: Vec<String> = row.iter().map(|c| guarded(c)).collect();
            expected.push([vec![caption.clone()], guarded].concat());
        }
    }
    assert_eq!(said[1..said.len() - 1], expected[..]);
    // The county's sums last, as the summary on screen gives them.
    let last = said.last().unwrap();
    let shown = county[0].2.last().unwrap();
    assert_eq!(shown[0], "全旗县合计");
    assert_eq!(last[..4], row(&["全旗县", "合计", "", ""])[..]);
    assert_eq!(last[4..9], shown[1..]);
    assert_eq!(
        last[4..],
        row(&["24000", "6000", "0", "4800", "34800", ""])[..]
    );
    // With the seed's numbers: 白玉兰 7,000 base pay, no performance pay (不合格).
    let bai = row(&[
        "乌力吉木仁苏木",
        "巴彦芒哈嘎查",
        "书记兼主任",
        "白玉兰",
        "7000",
        "0",
        "",
        "",
        "7000",
        "不合格",
    ]);
    assert!(said.contains(&bai), "{said:?}");
    assert!(said.contains(&row(&[
        "乌力吉木仁苏木",
        "合计",
        "",
        "",
        "24000",
        "6000",
        "0",
        "4800",
        "34800",
        ""
    ])));
    // Every amount is a bare number; no amount is an empty field.
    for r in &csv[1..] {
        for (field, raw) in &r[4..9] {
            assert!(field.is_empty() || bare_number(raw), "{raw} in {r:?}");
        }
    }
    let english = pay_screen(dev.state(), 2026, viewer(Role::Admin, false));
    let english = rows(&download(&english, "pay-csv"));
    let heads: Vec<&str> = english[0].iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        heads[..5],
        ["Township", "Village", "Post", "Name", "Base pay (yuan)"]
    );
}

/// A provisional sheet's CSV says why on the county's line, as the page does above the
/// sheet: the file never reads as more settled than the screen.
#[test]
fn a_provisional_sheet_says_why_in_its_csv() {
    use common::csv_read::rows;
    use jishi::domain::village_heads::pay_sheet::{csv, pay_sheet};
    let dev = graded_with_heads();
    let sheet = pay_sheet(dev.state(), 2027, d(2026, 12, 31), true).unwrap();
    let csv = rows(&csv(&sheet, true));
    let last = csv.last().unwrap();
    assert_eq!(
        last.last().unwrap().0,
        "暂定：退后关爱名单尚未确认；有村尚未评定，绩效工资待定（未计入合计）"
    );
    assert!(csv.iter().all(|r| r.len() == 10), "one shape for every row");
}

#[test]
fn only_the_county_reads_the_pay_sheet() {
    use jishi::domain::village_heads::pay_screen::pay_screen;
    let dev = graded_with_heads();
    for role in [
        Role::Organizer,
        Role::VillageHead,
        Role::Assessor,
        Role::Recorder,
    ] {
        let page = texts(&pay_screen(dev.state(), 2026, viewer(role, true)));
        assert!(
            page.contains(&"只有县委组织部管理员可以查看全旗县村干部报酬表".to_string()),
            "{role:?}"
        );
        assert!(!page.iter().any(|s| s.contains("7000")), "{role:?}");
    }
    let page = texts(&pay_screen(dev.state(), 2026, viewer(Role::Admin, true)));
    assert!(
        page.contains(&"2026年嘎查村干部报酬表".to_string()),
        "{page:?}"
    );
    assert!(page.contains(&"导出 CSV（Excel、WPS 可打开）".to_string()));
    let outside = texts(&pay_screen(dev.state(), 2030, viewer(Role::Admin, true)));
    assert!(outside.contains(&"该年份没有报酬表".to_string()));
}

#[test]
fn a_head_who_left_during_the_year_is_paid_for_the_days_served() {
    use jishi::domain::village_heads::pay_sheet::{pay_sheet, pro_rata};
    let mut dev = graded_with_heads();
    // 白玉兰 resigned on 2026-07-01 (181 days of 365); 苏和 took over the same day.
    let end = Some((d(2026, 7, 1), EndReason::Resigned));
    let ended = tenure(
        BAI,
        "白玉兰",
        SMALL,
        HeadPost::Secretary,
        d(2020, 3, 1),
        end,
    );
    record(&mut dev, d(2026, 12, 30), "ht-bai", ended);
    let su = tenure(
        "hp-su",
        "苏和",
        SMALL,
        HeadPost::Secretary,
        d(2026, 7, 1),
        None,
    );
    record(&mut dev, d(2026, 12, 30), "ht-su", su);
    let cells = cells_of(&dev, 2026, true);
    let small: Vec<&Vec<String>> = cells
        .iter()
        .filter(|c| c[0] == "巴彦芒哈嘎查" && c[1] != "离任村干部")
        .collect();
    assert_eq!(
        small,
        vec![
            // Secretary for 181 days, director (the villages page's) all year: one line,
            // the whole year once.
            &row(&[
                "巴彦芒哈嘎查",
                "书记兼主任",
                "白玉兰",
                "7000",
                "0",
                "",
                "",
                "7000",
                "不合格"
            ]),
            // 184 days of 365: 7,000 × 184 / 365 = 3,528.8 → 3,529.
            &row(&[
                "巴彦芒哈嘎查",
                "党组织书记",
                "苏和",
                "3529",
                "0",
                "",
                "",
                "3529",
                "不合格；任职184天，按天折算"
            ]),
        ],
    );
    assert_eq!(pro_rata(4_000, 183, 366), 2_000);
    assert_eq!(pro_rata(1, 1, 2), 1, "half a yuan rounds up");
    assert_eq!(pro_rata(u32::MAX, i64::MAX, 365), u32::MAX);
    let sheet = pay_sheet(dev.state(), 2026, d(2026, 12, 31), true).unwrap();
    assert!(sheet.provisional.is_empty(), "{:?}", sheet.provisional);
}

#[test]
fn a_past_year_never_takes_todays_names_and_says_what_is_missing() {
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    let dev = graded_with_heads();
    let sheet = pay_sheet(dev.state(), 2015, d(2026, 12, 31), true).unwrap();
    let cells = cells_of(&dev, 2015, true);
    // 刘建国 is 乌力吉木仁's director today; nothing says he was in 2015.
    assert!(!cells.iter().any(|c| c[2] == "刘建国"), "{cells:?}");
    let unrecorded =
        |c: &&Vec<String>| c[0] == "乌力吉木仁嘎查" && c[1] == "村委会主任" && c[8] == "未登记";
    assert!(cells.iter().any(|c| unrecorded(&c)), "{cells:?}");
    let said = "有村的两委正职当年任职未登记".to_string();
    assert!(sheet.provisional.contains(&said), "{:?}", sheet.provisional);
    // 其木格 was its secretary all of 2015.
    assert!(
        cells.iter().any(|c| c[2] == "其木格" && c[3] == "9000"),
        "{cells:?}"
    );
}

#[test]
fn a_tenure_cannot_go_on_past_its_persons_death() {
    let mut dev = history();
    // 其木格 died on 2019-06-01: an open tenure of hers from 2015 is refused.
    let open = tenure(QI, "其木格", MID, HeadPost::Director, d(2015, 1, 1), None);
    let cmd = Command::RecordTenure {
        tenure: "ht-qi-2".into(),
        record: open,
        seen: Vec::new(),
    };
    assert_eq!(dev.refused(Role::Admin, today(), cmd), "heads.after_death");
    let term = Some((d(2018, 1, 1), EndReason::TermEnded));
    let before = tenure(QI, "其木格", MID, HeadPost::Director, d(2015, 1, 1), term);
    record(&mut dev, today(), "ht-qi-2", before);
}
