//! 轮岗、借用 (W10, seed 001 株洲): rotation due on the 5-year anniversary in the same
//! post (a leap-day start's in a common year on 1 March), key posts (人、财、物、项目审批)
//! that must rotate, the exemption of men of 58 and women of 53 on the birthday, a profile
//! without gender listed as incomplete, a rotation recorded closing the alert (and its
//! withdrawal reopening it), secondments alerted before, at and past the 2-month limit,
//! corrections with their reasons, two phones' differing records kept, the home to-dos'
//! counts, the CSV export, and who may record.

mod common;

use chrono::NaiveDate;
use common::cadre::{self as w4, profile, HOLDER, POST};
use common::{d, Device};
use jishi::domain::annual_assessment::screens::Viewer;
use jishi::domain::cadre_selection::{CadreProfile, Command as CadreCommand};
use jishi::domain::event::{Event, Role};
use jishi::domain::rotation::alerts::{
    anniversary, rotation_list, secondments, RotationStatus, SecondmentStatus,
};
use jishi::domain::rotation::screens::{cadre_screen, list_screen};
use jishi::domain::rotation::{Command, Fix};
use jishi::domain::screen::{texts, Block};

const UNIT: &str = "格日朝鲁苏木";
const TITLE: &str = "党委委员";

fn viewer(role: Role, today: NaiveDate) -> Viewer {
    Viewer {
        role: Some(role),
        today,
        zh: true,
    }
}

fn add_cadre(dev: &mut Device, id: &str, p: CadreProfile) {
    let cmd = CadreCommand::RecordCadre {
        cadre: id.into(),
        profile: p,
        supersedes: vec![],
    };
    dev.ok(Role::Admin, d(2026, 3, 2), cmd);
}

/// A phone with one cadre, 王建军 (男, born 1985-06-15), in `UNIT` `TITLE` since `since`.
fn one(since: NaiveDate) -> Device {
    let mut dev = Device::new("phone-rotation");
    add_cadre(&mut dev, "c-w", profile("王建军", since, &w4::good()));
    dev
}

fn status(dev: &Device, cadre: &str, on: NaiveDate) -> Option<RotationStatus> {
    let list = rotation_list(dev.state(), on);
    list.into_iter()
        .find(|a| a.cadre == cadre)
        .map(|a| a.status)
}

fn rotate(cadre: &str, on: NaiveDate) -> Command {
    Command::Rotate {
        cadre: cadre.into(),
        to_unit: "旗财政局".into(),
        to_title: "副局长".into(),
        on,
        note: "旗委常委会 2026-03-05 决定".into(),
        fix: Fix::default(),
    }
}

fn second(name: &str, start: NaiveDate) -> Command {
    Command::Second {
        name: name.into(),
        from_unit: "市工业园区管委会".into(),
        to_unit: "委机关运行监测科".into(),
        start,
        basis: "委主要领导、分管领导同意，报人事教育科备案".into(),
        fix: Fix::default(),
    }
}

fn fix(record: &str, withdrawn: bool, reason: &str, seen: Vec<String>) -> Fix {
    Fix {
        record: record.into(),
        withdrawn,
        reason: reason.into(),
        seen,
    }
}

fn id(events: &[Event]) -> String {
    events[0].id.clone()
}

#[test]
fn rotation_falls_due_on_the_fifth_anniversary_not_a_day_before() {
    let dev = one(d(2021, 3, 1));
    // Listed 30 days before (policy default), not 31.
    assert_eq!(status(&dev, "c-w", d(2026, 1, 29)), None);
    assert_eq!(
        status(&dev, "c-w", d(2026, 1, 30)),
        Some(RotationStatus::Coming)
    );
    // 4 years 364 days: still coming; 5 years exactly: due.
    assert_eq!(
        status(&dev, "c-w", d(2026, 2, 28)),
        Some(RotationStatus::Coming)
    );
    assert_eq!(
        status(&dev, "c-w", d(2026, 3, 1)),
        Some(RotationStatus::Due)
    );
    // Overdue once more than 90 days past the due day.
    assert_eq!(
        status(&dev, "c-w", d(2026, 5, 30)),
        Some(RotationStatus::Due)
    );
    assert_eq!(
        status(&dev, "c-w", d(2026, 5, 31)),
        Some(RotationStatus::Overdue)
    );
    let a = rotation_list(dev.state(), d(2026, 3, 1)).remove(0);
    assert_eq!((a.since, a.due), (d(2021, 3, 1), d(2026, 3, 1)));
    assert!(a.key.is_none());
}

#[test]
fn a_leap_day_start_falls_due_on_the_first_of_march() {
    assert_eq!(anniversary(d(2020, 2, 29), 5), d(2025, 3, 1));
    assert_eq!(anniversary(d(2020, 2, 29), 4), d(2024, 2, 29));
    let dev = one(d(2020, 2, 29));
    assert_eq!(
        status(&dev, "c-w", d(2025, 2, 28)),
        Some(RotationStatus::Coming)
    );
    assert_eq!(
        status(&dev, "c-w", d(2025, 3, 1)),
        Some(RotationStatus::Due)
    );
}

#[test]
fn men_of_58_and_women_of_53_are_exempt_from_the_birthday() {
    let mut dev = one(d(2020, 3, 1));
    let mut man = profile("巴图", d(2020, 3, 1), &w4::good());
    man.birth = d(1968, 4, 10);
    add_cadre(&mut dev, "c-man", man);
    let mut woman = profile("其其格", d(2020, 3, 1), &w4::good());
    woman.gender = "女".into();
    woman.birth = d(1973, 4, 10);
    add_cadre(&mut dev, "c-woman", woman);
    // The day before the birthday: 57 and 52, not exempt (due since 2025-03-01, overdue).
    let before = d(2026, 4, 9);
    assert_eq!(status(&dev, "c-man", before), Some(RotationStatus::Overdue));
    assert_eq!(
        status(&dev, "c-woman", before),
        Some(RotationStatus::Overdue)
    );
    let on = d(2026, 4, 10);
    assert_eq!(
        status(&dev, "c-man", on),
        Some(RotationStatus::Exempt { age: 58, limit: 58 })
    );
    assert_eq!(
        status(&dev, "c-woman", on),
        Some(RotationStatus::Exempt { age: 53, limit: 53 })
    );
    // A man of 53 is not exempt.
    let mut younger = profile("额尔敦", d(2020, 3, 1), &w4::good());
    younger.birth = d(1973, 4, 10);
    add_cadre(&mut dev, "c-m53", younger);
    assert_eq!(status(&dev, "c-m53", on), Some(RotationStatus::Overdue));
    // The list says why.
    let page = texts(&list_screen(dev.state(), &viewer(Role::Recorder, on))).join("\n");
    assert!(page.contains("免于轮岗（2人）"), "{page}");
    assert!(
        page.contains("女性，53周岁（年满53周岁可不轮岗）"),
        "{page}"
    );
    assert!(
        page.contains("男性，58周岁（年满58周岁可不轮岗）"),
        "{page}"
    );
}

#[test]
fn a_profile_without_gender_is_listed_as_incomplete_not_guessed() {
    let mut dev = one(d(2020, 3, 1));
    let mut p = profile("某某", d(2020, 3, 1), &w4::good());
    p.gender = String::new();
    p.birth = d(1960, 1, 1);
    add_cadre(&mut dev, "c-x", p);
    let s = status(&dev, "c-x", d(2026, 4, 10)).expect("listed");
    assert_eq!(s.label(true), "资料不全");
    assert_eq!(s.why("", true), "性别未填写，无法判断年龄免于轮岗");
}

#[test]
fn a_cadre_without_gender_but_younger_than_53_is_still_due_and_counted_on_home() {
    // Below both exemption ages (52 on the day), the gender cannot change the answer:
    // the cadre is overdue like anyone else, and the home page counts them.
    let mut dev = one(d(2026, 3, 1));
    let mut p = profile("某某", d(2020, 3, 1), &w4::good());
    p.gender = String::new();
    p.birth = d(1973, 4, 11);
    add_cadre(&mut dev, "c-young", p);
    let on = d(2026, 4, 10);
    assert_eq!(status(&dev, "c-young", on), Some(RotationStatus::Overdue));
    // At 53 the exemption may apply for a woman: then the profile is incomplete, and the
    // home page still says so rather than counting no one.
    let mut old = profile("某甲", d(2020, 3, 1), &w4::good());
    old.gender = " ".into();
    old.birth = d(1973, 4, 10);
    add_cadre(&mut dev, "c-old", old);
    let s = status(&dev, "c-old", on).expect("listed");
    assert_eq!(s.label(true), "资料不全");
    let todos = jishi::domain::rotation::todos::todos(dev.state(), on, true);
    let texts: Vec<&str> = todos.iter().map(|t| t.text.as_str()).collect();
    assert!(
        texts.contains(&"轮岗：0人到期应轮岗，1人逾期未轮岗"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"轮岗：1人资料不全，无法判断是否免于轮岗"),
        "{texts:?}"
    );
}

#[test]
fn a_key_post_must_rotate_matched_by_post_id_or_unit_and_title() {
    let mut dev = w4::setup();
    let on = d(2026, 3, 2);
    // 巴特尔 holds the W4 post 副苏木达 (p-fsmd) since 2022-01-01; the others are 党委委员
    // since 2020-03-01 with no post id.
    let mark_post = Command::MarkKeyPost {
        post: POST.into(),
        unit: UNIT.into(),
        title: "副苏木达".into(),
        basis: "分管项目审批".into(),
        fix: Fix::default(),
    };
    dev.ok(Role::Admin, on, mark_post.clone());
    assert_eq!(
        dev.refused(Role::Admin, on, mark_post),
        "rotation.key_exists"
    );
    let due = d(2027, 1, 1);
    let a = rotation_list(dev.state(), due)
        .into_iter()
        .find(|a| a.cadre == HOLDER)
        .expect("holder listed");
    assert_eq!(a.status, RotationStatus::Due);
    assert_eq!(a.key.map(|k| k.basis.as_str()), Some("分管项目审批"));
    let mark_text = Command::MarkKeyPost {
        post: String::new(),
        unit: UNIT.into(),
        title: TITLE.into(),
        basis: "管人：负责组织人事".into(),
        fix: Fix::default(),
    };
    let marked = dev.ok(Role::Recorder, on, mark_text);
    let list = rotation_list(dev.state(), on);
    assert!(list
        .iter()
        .filter(|a| a.cadre != HOLDER)
        .all(|a| a.key.is_some()));
    let page = texts(&list_screen(dev.state(), &viewer(Role::Recorder, on))).join("\n");
    assert!(page.contains("关键岗位，必须轮岗"), "{page}");
    // Withdrawn with a reason: the posts are ordinary again (应当轮岗).
    let unmark = |reason: &str| Command::MarkKeyPost {
        post: String::new(),
        unit: String::new(),
        title: String::new(),
        basis: String::new(),
        fix: fix(&id(&marked), true, reason, vec![id(&marked)]),
    };
    assert_eq!(
        dev.refused(Role::Recorder, on, unmark(" ")),
        "field.required"
    );
    dev.ok(Role::Recorder, on, unmark("误标：党委委员不分管人财物"));
    let list = rotation_list(dev.state(), on);
    assert!(list
        .iter()
        .filter(|a| a.cadre != HOLDER)
        .all(|a| a.key.is_none()));
}

#[test]
fn a_rotation_recorded_closes_the_alert_and_its_withdrawal_reopens_it() {
    let mut dev = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    assert_eq!(status(&dev, "c-w", on), Some(RotationStatus::Due));
    let todos = jishi::domain::rotation::todos::todos(dev.state(), on, true);
    assert_eq!(todos[0].text, "轮岗：1人到期应轮岗，0人逾期未轮岗");
    // Not into the same post, not in the future, not for an unknown cadre.
    let mut same = rotate("c-w", on);
    if let Command::Rotate {
        to_unit, to_title, ..
    } = &mut same
    {
        *to_unit = UNIT.into();
        *to_title = TITLE.into();
    }
    assert_eq!(dev.refused(Role::Recorder, on, same), "rotation.same_post");
    assert_eq!(
        dev.refused(Role::Recorder, on, rotate("c-w", d(2026, 3, 11))),
        "rotation.date"
    );
    assert_eq!(
        dev.refused(Role::Recorder, on, rotate("c-none", on)),
        "rotation.cadre"
    );
    // Before any post held: refused with the reason.
    assert_eq!(
        dev.refused(Role::Recorder, on, rotate("c-w", d(2007, 8, 1))),
        "rotation.no_post"
    );
    dev.ok(Role::Recorder, d(2026, 3, 5), rotate("c-w", d(2026, 3, 5)));
    assert_eq!(status(&dev, "c-w", on), None);
    assert!(jishi::domain::rotation::todos::todos(dev.state(), on, true).is_empty());
    // The years count again from the rotation: due on 2031-03-05.
    assert_eq!(
        status(&dev, "c-w", d(2031, 3, 5)),
        Some(RotationStatus::Due)
    );
    let page = texts(&cadre_screen(
        dev.state(),
        "c-w",
        &viewer(Role::Recorder, on),
    ))
    .join("\n");
    assert!(
        page.contains(
            "2026-03-05 格日朝鲁苏木党委委员 → 旗财政局副局长（旗委常委会 2026-03-05 决定）"
        ),
        "{page}"
    );
    assert!(
        page.contains("现任格日朝鲁苏木党委委员，自2026-03-05起计算，2031-03-05满5年"),
        "{page}"
    );
    assert!(
        page.contains("已于2026-03-05轮岗至旗财政局副局长，请在干部信息中补录新的任职经历"),
        "{page}"
    );
    // The profile brought up to date: the reminder goes, the count is the same.
    let mut p = profile("王建军", d(2021, 3, 1), &w4::good());
    p.positions[1].end = Some(d(2026, 3, 4));
    p.positions.push(jishi::domain::cadre_selection::Position {
        unit: "旗财政局".into(),
        title: "副局长".into(),
        post: String::new(),
        start: d(2026, 3, 5),
        end: None,
    });
    let update = CadreCommand::RecordCadre {
        cadre: "c-w".into(),
        profile: p,
        supersedes: w4::cadre_versions(&dev, "c-w"),
    };
    dev.ok(Role::Admin, on, update);
    let page = texts(&cadre_screen(
        dev.state(),
        "c-w",
        &viewer(Role::Recorder, on),
    ))
    .join("\n");
    assert!(
        page.contains("现任旗财政局副局长，自2026-03-05起计算，2031-03-05满5年"),
        "{page}"
    );
    assert!(!page.contains("补录"), "{page}");
    // On a phone whose profile still holds the old post, the rotation withdrawn
    // (recorded by mistake) with the reason brings the alert back.
    let mut dev = one(d(2021, 3, 1));
    let done = dev.ok(Role::Recorder, d(2026, 3, 5), rotate("c-w", d(2026, 3, 5)));
    let withdraw = Command::Rotate {
        cadre: String::new(),
        to_unit: String::new(),
        to_title: String::new(),
        on,
        note: String::new(),
        fix: fix(&id(&done), true, "录错人员", vec![id(&done)]),
    };
    let events = dev.ok(Role::Recorder, on, withdraw);
    assert_eq!(status(&dev, "c-w", on), Some(RotationStatus::Due));
    let json = serde_json::to_value(&events[0].body).unwrap();
    assert_eq!(json["rotation_recorded"]["reason"], "录错人员");
    assert_eq!(json["rotation_recorded"]["corrects"], id(&done).as_str());
}

#[test]
fn a_rotation_recorded_differently_on_two_phones_is_kept_and_shown() {
    let mut a = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    let first = a.ok(Role::Recorder, on, rotate("c-w", d(2026, 3, 5)));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let correct = |to: &str, reason: &str| Command::Rotate {
        cadre: String::new(),
        to_unit: to.into(),
        to_title: "副局长".into(),
        on: d(2026, 3, 5),
        note: String::new(),
        fix: fix(&id(&first), false, reason, vec![id(&first)]),
    };
    a.ok(
        Role::Recorder,
        on,
        correct("旗发展和改革委员会", "单位录错"),
    );
    b.ok(Role::Approver, on, correct("旗审计局", "单位录错"));
    b.send_to(&mut a);
    a.send_to(&mut b);
    for dev in [&a, &b] {
        let page = texts(&cadre_screen(
            dev.state(),
            "c-w",
            &viewer(Role::Recorder, on),
        ))
        .join("\n");
        assert!(page.contains("（两部手机记录不一致，待更正）"), "{page}");
        // Whichever version shows, the rotation stands: the alert stays closed.
        assert_eq!(status(dev, "c-w", on), None);
    }
    // Correcting without seeing the versions is refused as stale.
    let stale = Command::Rotate {
        cadre: String::new(),
        to_unit: "旗审计局".into(),
        to_title: "副局长".into(),
        on: d(2026, 3, 5),
        note: String::new(),
        fix: fix(&id(&first), false, "统一", vec![]),
    };
    assert_eq!(a.refused(Role::Recorder, on, stale), "rotation.stale");
}

#[test]
fn a_secondment_is_alerted_before_at_and_past_its_two_months() {
    let mut dev = Device::new("phone-second");
    let start = d(2026, 3, 10);
    let rec = dev.ok(Role::Recorder, start, second("刘芳", start));
    let at = |dev: &Device, on| secondments(dev.state(), on)[0].status;
    assert_eq!(secondments(dev.state(), start)[0].limit, d(2026, 5, 10));
    // Alerted 14 days before the limit (policy default), not 15.
    assert_eq!(at(&dev, d(2026, 4, 25)), SecondmentStatus::Running);
    assert_eq!(at(&dev, d(2026, 4, 26)), SecondmentStatus::Coming);
    assert_eq!(at(&dev, d(2026, 5, 9)), SecondmentStatus::Coming);
    assert_eq!(at(&dev, d(2026, 5, 10)), SecondmentStatus::AtLimit);
    assert_eq!(at(&dev, d(2026, 5, 11)), SecondmentStatus::Over);
    let todos = jishi::domain::rotation::todos::todos(dev.state(), d(2026, 5, 11), true);
    assert_eq!(todos[0].text, "借用：0人即将或今日满期，1人超期未结束");
    assert!(todos[0].urgent);
    let end = |s: &str, on| Command::EndSecondment {
        secondment: s.into(),
        on,
        fix: Fix::default(),
    };
    let today = d(2026, 5, 12);
    assert_eq!(
        dev.refused(Role::Recorder, today, end(&id(&rec), d(2026, 3, 9))),
        "rotation.date"
    );
    assert_eq!(
        dev.refused(Role::Recorder, today, end("nope", today)),
        "rotation.no_secondment"
    );
    dev.ok(Role::Recorder, today, end(&id(&rec), d(2026, 5, 12)));
    assert_eq!(at(&dev, today), SecondmentStatus::Ended { late: true });
    assert_eq!(
        dev.refused(Role::Recorder, today, end(&id(&rec), today)),
        "rotation.ended"
    );
    assert!(jishi::domain::rotation::todos::todos(dev.state(), today, true).is_empty());
    // A month-end start reaches its limit on the shorter month's last day.
    let mut dev = Device::new("phone-second-2");
    dev.ok(
        Role::Recorder,
        d(2025, 12, 31),
        second("张伟", d(2025, 12, 31)),
    );
    assert_eq!(
        secondments(dev.state(), d(2026, 1, 1))[0].limit,
        d(2026, 2, 28)
    );
    // The same unit lending to itself is refused.
    let mut same = second("李雷", d(2026, 1, 5));
    if let Command::Second {
        from_unit, to_unit, ..
    } = &mut same
    {
        *from_unit = to_unit.clone();
    }
    assert_eq!(
        dev.refused(Role::Recorder, d(2026, 1, 5), same),
        "rotation.same_unit"
    );
}

#[test]
fn a_secondment_corrected_on_one_phone_and_withdrawn_on_another_stays_shown_as_differing() {
    let mut a = Device::new("phone-a");
    let start = d(2026, 3, 10);
    let rec = a.ok(Role::Recorder, start, second("刘芳", start));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let on = d(2026, 3, 20);
    let mut corrected = second("刘芳", d(2026, 3, 12));
    if let Command::Second { fix: f, .. } = &mut corrected {
        *f = fix(&id(&rec), false, "开始日期录错", vec![id(&rec)]);
    }
    a.ok(Role::Recorder, on, corrected);
    let mut withdrawn = second("", start);
    if let Command::Second { fix: f, .. } = &mut withdrawn {
        *f = fix(&id(&rec), true, "未实际借用", vec![id(&rec)]);
    }
    b.ok(Role::Recorder, on, withdrawn);
    b.send_to(&mut a);
    a.send_to(&mut b);
    for dev in [&a, &b] {
        let lines = secondments(dev.state(), on);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].differs);
        assert_eq!(lines[0].secondment.start, d(2026, 3, 12));
    }
    // A correction needs its reason.
    let mut no_reason = second("刘芳", d(2026, 3, 11));
    if let Command::Second { fix: f, .. } = &mut no_reason {
        let seen = a.state().rotation.secondments.by_id[&id(&rec)].live_ids();
        *f = fix(&id(&rec), false, "", seen);
    }
    assert_eq!(a.refused(Role::Recorder, on, no_reason), "field.required");
}

#[test]
fn the_list_exports_as_csv_with_its_header_and_rows() {
    let mut dev = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    dev.ok(Role::Recorder, on, second("刘芳", d(2026, 3, 1)));
    let screen = list_screen(dev.state(), &viewer(Role::Recorder, on));
    let files: Vec<(String, String)> = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .filter_map(|b| match b {
            Block::Download { file, content, .. } => Some((file.clone(), content.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(files[0].0, "轮岗名单.csv");
    assert_eq!(
        files[0].1,
        "\u{feff}类别,姓名,性别,出生日期,单位,职务,任现职（或上次轮岗）日期,满年限日期,岗位,说明\r\n\
         到期应轮岗,王建军,男,1985-06-15,格日朝鲁苏木,党委委员,2021-03-01,2026-03-01,应当轮岗,\r\n"
    );
    assert_eq!(files[1].0, "借用名单.csv");
    assert!(files[1].1.starts_with("\u{feff}姓名,原单位,借用单位,开始日期,满期日期,结束日期,状态,审批备案\r\n刘芳,市工业园区管委会,委机关运行监测科,2026-03-01,2026-05-01,,借用中,"));
}

#[test]
fn only_the_organization_department_records_and_the_forms_show_only_to_it() {
    let mut dev = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    for role in [Role::Reviewer, Role::VillageHead, Role::Assessor] {
        assert_eq!(dev.refused(role, on, rotate("c-w", on)), "auth.role");
        let page = texts(&list_screen(dev.state(), &viewer(role, on))).join("\n");
        assert!(page.contains("只有"), "{page}");
    }
    for role in [Role::Recorder, Role::Approver, Role::Admin] {
        let screen = list_screen(dev.state(), &viewer(role, on));
        let forms = screen
            .iter()
            .flat_map(|c| &c.blocks)
            .filter(|b| matches!(b, Block::Form(_)))
            .count();
        assert!(forms >= 3, "{role:?}");
    }
}

fn form_on(dev: &Device, key: &str, on: NaiveDate) -> jishi::domain::screen::FormBlock {
    let page = list_screen(dev.state(), &viewer(Role::Recorder, on));
    page.iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Form(f) if f.form.key == key => Some((**f).clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("the form {key}"))
}

fn send(
    dev: &mut Device,
    block: &jishi::domain::screen::FormBlock,
    on: NaiveDate,
    fields: &[(&str, &str)],
) -> Result<Vec<Event>, String> {
    let inputs: jishi::domain::form::Inputs = fields
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let sent = jishi::domain::screen::Sent {
        today: on,
        now_ms: 1_800_000_000_000,
        random: 3,
    };
    let cmd = block.command(&inputs, &sent, dev.state()).map_err(|e| {
        e.iter()
            .map(|v| v.zh.clone())
            .collect::<Vec<_>>()
            .join("；")
    })?;
    dev.run(Role::Recorder, on, cmd)
        .map_err(|e| e.message(true))
}

#[test]
fn the_forms_mark_a_key_post_record_a_rotation_and_a_secondment_and_its_end() {
    let mut dev = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    let key = form_on(&dev, "rotation_key", on);
    let (value, label) = key.options.list("posts")[0].clone();
    assert_eq!(label, "格日朝鲁苏木党委委员");
    send(
        &mut dev,
        &key,
        on,
        &[("post", &value), ("basis", "分管人事")],
    )
    .expect("marked");
    assert!(rotation_list(dev.state(), on)[0].key.is_some());
    let rotate = form_on(&dev, "rotation_rotate", on);
    let (cadre, label) = rotate.options.list("cadres")[0].clone();
    assert_eq!(
        (cadre.as_str(), label.as_str()),
        ("c-w", "王建军（格日朝鲁苏木党委委员）")
    );
    // Nothing typed: every field's message, nothing saved.
    let err = send(&mut dev, &rotate, on, &[("cadre", "c-w")]).unwrap_err();
    assert!(err.contains("轮岗到的单位"), "{err}");
    assert!(status(&dev, "c-w", on).is_some());
    let fields = [
        ("cadre", "c-w"),
        ("to_unit", "旗财政局"),
        ("to_title", "副局长"),
        ("on", "2026-03-09"),
    ];
    send(&mut dev, &rotate, on, &fields).expect("rotated");
    assert_eq!(status(&dev, "c-w", on), None);
    let second = form_on(&dev, "rotation_second", on);
    let fields = [
        ("name", "刘芳"),
        ("from_unit", "市工业园区管委会"),
        ("to_unit", "委机关运行监测科"),
        ("start", "2026-01-09"),
        ("basis", "主要领导、分管领导同意，人事教育科备案"),
    ];
    send(&mut dev, &second, on, &fields).expect("seconded");
    assert_eq!(
        secondments(dev.state(), on)[0].status,
        SecondmentStatus::Over
    );
    let end = form_on(&dev, "rotation_end", on);
    let (id, _) = end.options.list("running")[0].clone();
    send(
        &mut dev,
        &end,
        on,
        &[("secondment", &id), ("on", "2026-03-10")],
    )
    .expect("ended");
    assert_eq!(
        secondments(dev.state(), on)[0].status,
        SecondmentStatus::Ended { late: true }
    );
    // The end withdrawn, with the reason: over the limit again.
    let withdraw = form_on(&dev, "rotation_withdraw_end", on);
    let (record, _) = withdraw.options.list("ended")[0].clone();
    send(
        &mut dev,
        &withdraw,
        on,
        &[("record", &record), ("reason", "人员尚未返回")],
    )
    .expect("withdrawn");
    assert_eq!(
        secondments(dev.state(), on)[0].status,
        SecondmentStatus::Over
    );
}

#[test]
fn the_policy_numbers_default_to_the_seed_and_are_bounded() {
    use jishi::domain::policy::{Policy, RotationPolicy};
    let p = RotationPolicy::default();
    assert_eq!(
        (
            p.years_in_post,
            p.exempt_age_men,
            p.exempt_age_women,
            p.secondment_months
        ),
        (5, 58, 53, 2)
    );
    let mut bad = Policy::default();
    bad.rotation.years_in_post = 0;
    bad.rotation.exempt_age_men = 200;
    let fields: Vec<Option<String>> = bad.problems().into_iter().map(|v| v.field).collect();
    assert!(
        fields.contains(&Some("rotation_years_in_post".into())),
        "{fields:?}"
    );
    assert!(
        fields.contains(&Some("rotation_exempt_age_men".into())),
        "{fields:?}"
    );
    // A policy of 6 years moves the due day a year on.
    let mut dev = one(d(2021, 3, 1));
    let mut six = Policy::default();
    six.rotation.years_in_post = 6;
    let cmd = jishi::domain::master_decide::Command::ChangePolicy {
        effective_from: d(2026, 1, 1),
        policy: Box::new(six),
    };
    dev.ok(Role::Admin, d(2026, 1, 1), cmd);
    assert_eq!(status(&dev, "c-w", d(2026, 3, 1)), None);
    assert_eq!(
        status(&dev, "c-w", d(2027, 3, 1)),
        Some(RotationStatus::Due)
    );
}

#[test]
fn one_rotation_recorded_twice_from_two_phones_is_shown_as_differing_and_refused_on_one() {
    // Two phones, each with 王建军 in post since 2021: each records his rotation, on
    // different days and to different posts, offline.
    let mut a = one(d(2021, 3, 1));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let on = d(2026, 3, 10);
    a.ok(Role::Recorder, on, rotate("c-w", d(2026, 3, 5)));
    let mut other = rotate("c-w", d(2026, 3, 8));
    if let Command::Rotate { to_unit, .. } = &mut other {
        *to_unit = "旗审计局".into();
    }
    b.ok(Role::Recorder, on, other.clone());
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        let page = texts(&cadre_screen(
            dev.state(),
            "c-w",
            &viewer(Role::Recorder, on),
        ))
        .join("\n");
        assert!(
            page.contains("2026-03-05 格日朝鲁苏木党委委员 → 旗财政局副局长"),
            "{page}"
        );
        assert!(
            page.contains("2026-03-08 格日朝鲁苏木党委委员 → 旗审计局副局长"),
            "{page}"
        );
        assert_eq!(
            page.matches("两部手机记录不一致").count(),
            2,
            "both rotations of the one post are marked: {page}"
        );
    }
    // On one phone, a second rotation out of the same post is refused: correct the first.
    assert_eq!(a.refused(Role::Recorder, on, other), "rotation.already");
}

#[test]
fn a_cadre_back_in_a_post_may_rotate_out_of_it_again() {
    // 王建军 left 党委委员 in 2016, came back to it in 2021 (the profile says so), and
    // rotates out of it again in 2026: not the same rotation twice.
    let mut dev = Device::new("phone-return");
    let mut p = profile("王建军", d(2021, 3, 1), &w4::good());
    p.positions[0].end = Some(d(2011, 2, 28));
    let mut earlier = p.positions[1].clone();
    earlier.start = d(2011, 3, 1);
    earlier.end = Some(d(2016, 3, 1));
    p.positions.insert(1, earlier);
    add_cadre(&mut dev, "c-w", p);
    let on = d(2026, 3, 10);
    dev.ok(Role::Recorder, on, rotate("c-w", d(2016, 3, 2)));
    dev.ok(Role::Recorder, on, rotate("c-w", d(2026, 3, 5)));
    let page = texts(&cadre_screen(
        dev.state(),
        "c-w",
        &viewer(Role::Recorder, on),
    ))
    .join("\n");
    assert!(!page.contains("两部手机记录不一致"), "{page}");
}

#[test]
fn a_rotation_before_the_current_post_is_not_called_missing_from_the_profile_but_a_clash_is_shown()
{
    // 王建军 rotated out of 科员 in 2019 (recorded late); the profile holds 党委委员 from
    // 2021: nothing is missing from the profile.
    let mut dev = one(d(2021, 3, 1));
    let on = d(2026, 3, 10);
    dev.ok(Role::Recorder, on, rotate("c-w", d(2019, 5, 1)));
    let page = texts(&cadre_screen(
        dev.state(),
        "c-w",
        &viewer(Role::Recorder, on),
    ))
    .join("\n");
    assert!(!page.contains("补录"), "{page}");
    // A rotation on the day the profile's post starts, to another post: the two disagree,
    // and the page says so.
    let mut dev = one(d(2021, 3, 1));
    dev.ok(Role::Recorder, on, rotate("c-w", d(2021, 3, 1)));
    let page = texts(&cadre_screen(
        dev.state(),
        "c-w",
        &viewer(Role::Recorder, on),
    ))
    .join("\n");
    assert!(
        page.contains("轮岗记录（2021-03-01至旗财政局副局长）与干部信息（2021-03-01起任格日朝鲁苏木党委委员）不一致，请核对更正"),
        "{page}"
    );
}

#[test]
fn an_exempt_cadre_on_a_key_post_is_not_told_both_must_rotate_and_exempt() {
    // 巴图 (男, 58 on 2026-04-10) holds a key post for 6 years: listed as exempt, and the
    // line does not also say 必须轮岗.
    let mut dev = one(d(2026, 3, 1));
    let mut man = profile("巴图", d(2020, 3, 1), &w4::good());
    man.birth = d(1968, 4, 10);
    add_cadre(&mut dev, "c-man", man);
    let mark = Command::MarkKeyPost {
        post: String::new(),
        unit: UNIT.into(),
        title: TITLE.into(),
        basis: "管钱：负责财务审批".into(),
        fix: Fix::default(),
    };
    let on = d(2026, 4, 10);
    dev.ok(Role::Admin, on, mark);
    let page = texts(&list_screen(dev.state(), &viewer(Role::Recorder, on))).join("\n");
    assert!(page.contains("关键岗位，年满年龄可不轮岗"), "{page}");
    assert!(!page.contains("关键岗位，必须轮岗"), "{page}");
    let (_, rows) = jishi::domain::rotation::screens::rotation_rows(dev.state(), on, false);
    assert!(
        rows.iter()
            .any(|r| r.contains(&"key post: exempt by age".to_string())),
        "{rows:?}"
    );
}

#[test]
fn a_secondment_ended_on_one_phone_before_its_start_corrected_on_another_is_shown_as_differing() {
    // Phone A records 刘芳's end on 2026-03-20; phone B, not yet synced, corrects her start
    // to 2026-03-25. Together the end precedes the start: kept, and shown for correction.
    let mut a = Device::new("phone-a");
    let start = d(2026, 3, 10);
    let rec = a.ok(Role::Recorder, start, second("刘芳", start));
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    let on = d(2026, 3, 26);
    let end = Command::EndSecondment {
        secondment: id(&rec),
        on: d(2026, 3, 20),
        fix: Fix::default(),
    };
    a.ok(Role::Recorder, on, end);
    let mut later = second("刘芳", d(2026, 3, 25));
    if let Command::Second { fix: f, .. } = &mut later {
        *f = fix(&id(&rec), false, "开始日期录错", vec![id(&rec)]);
    }
    b.ok(Role::Recorder, on, later);
    a.send_to(&mut b);
    b.send_to(&mut a);
    for dev in [&a, &b] {
        let lines = secondments(dev.state(), on);
        assert_eq!(lines[0].secondment.start, d(2026, 3, 25));
        assert_eq!(lines[0].ended, Some(d(2026, 3, 20)));
        assert!(lines[0].differs, "an end before the start is flagged");
    }
}

#[test]
fn a_man_born_on_29_february_is_exempt_from_1_march_in_a_common_year() {
    let mut dev = one(d(2020, 3, 1));
    let mut man = profile("巴图", d(2020, 3, 1), &w4::good());
    man.birth = d(1968, 2, 29);
    add_cadre(&mut dev, "c-leap", man);
    assert_eq!(
        status(&dev, "c-leap", d(2026, 2, 28)),
        Some(RotationStatus::Overdue)
    );
    assert_eq!(
        status(&dev, "c-leap", d(2026, 3, 1)),
        Some(RotationStatus::Exempt { age: 58, limit: 58 })
    );
}

#[test]
fn a_secondment_limit_is_two_calendar_months_from_30_november_and_29_february() {
    let mut dev = Device::new("phone-limits");
    dev.ok(
        Role::Recorder,
        d(2025, 11, 30),
        second("甲", d(2025, 11, 30)),
    );
    dev.ok(Role::Recorder, d(2028, 2, 29), second("乙", d(2028, 2, 29)));
    let limit = |name: &str, on| {
        secondments(dev.state(), on)
            .into_iter()
            .find(|l| l.secondment.name == name)
            .map(|l| (l.limit, l.status))
    };
    assert_eq!(
        limit("甲", d(2026, 1, 30)),
        Some((d(2026, 1, 30), SecondmentStatus::AtLimit))
    );
    assert_eq!(
        limit("甲", d(2026, 1, 31)),
        Some((d(2026, 1, 30), SecondmentStatus::Over))
    );
    assert_eq!(
        limit("乙", d(2028, 4, 29)),
        Some((d(2028, 4, 29), SecondmentStatus::AtLimit))
    );
}
