//! 实绩纪实 (W6, seed 004 淮安清河: 日记录、周申报): a cadre's day recorded in their own
//! name within the policy's look-back and length, corrected or withdrawn with the trace
//! kept; a week (Monday to Sunday, Beijing dates) submitted from its days, again after a
//! late record, and on two phones; who in a unit has not submitted once the report is
//! due; the roll-ups days → weeks → months → quarters → year, a week across a month end
//! and a year end counted once by its Thursday; the screens each role sees.

mod common;

use common::cadre::{cadres, A, B};
use common::{d, plus, Device};
use jishi::domain::cadre_selection::Command as CadreCommand;
use jishi::domain::event::{EventBody, Role};
use jishi::domain::performance_record::rollup::{
    days_between, last_due_week, monday_of, not_submitted, report_due, sunday_of, units_in_week,
    week, week_name, year_roll, Tally,
};
use jishi::domain::performance_record::screens::{cadre_screen, start_screen, unit_screen, Viewer};
use jishi::domain::performance_record::todos::todos;
use jishi::domain::performance_record::{Command, Fix, PerformanceRecordEvent, WorkCategory};
use jishi::domain::policy::PerformancePolicy;
use jishi::domain::screen::{texts, Block};

const WJJ: &str = "王建军";
const LHM: &str = "李红梅";
const UNIT: &str = "格日朝鲁苏木";

/// A phone with the nine cadres of 格日朝鲁苏木 (recorded on 2 March 2026), and the
/// unit's roster published from them that day.
fn county() -> Device {
    let mut dev = Device::new("phone-wjj");
    for (id, p) in cadres() {
        let cmd = CadreCommand::RecordCadre {
            cadre: id.into(),
            profile: p,
            supersedes: vec![],
        };
        dev.ok(Role::Admin, d(2026, 3, 2), cmd);
    }
    publish(&mut dev, d(2026, 3, 2));
    dev
}

/// The department publishes every changed roster from the cadre records, from `on`.
fn publish(dev: &mut Device, on: chrono::NaiveDate) -> Vec<jishi::domain::event::Event> {
    let seen = jishi::domain::performance_record::rosters_drawn(dev.state());
    let cmd = Command::PublishRosters {
        from: on,
        drawn: seen,
    };
    dev.ok(Role::Admin, on, cmd)
}

fn log_cmd(cadre: &str, day: chrono::NaiveDate, text: &str) -> Command {
    Command::Log {
        cadre: cadre.into(),
        day,
        category: WorkCategory::Development,
        project: "牧区饮水安全工程".into(),
        text: text.into(),
        fix: Fix::default(),
    }
}

/// 王建军 records `text` for `day`, on `day`; returns the record's id.
fn log(dev: &mut Device, day: chrono::NaiveDate, text: &str) -> String {
    log_on(dev, day, day, text)
}

fn log_on(dev: &mut Device, day: chrono::NaiveDate, on: chrono::NaiveDate, text: &str) -> String {
    let events = dev
        .run_as(WJJ, Role::Cadre, on, log_cmd(A, day, text))
        .unwrap_or_else(|e| panic!("refused: {}", e.message(false)));
    events[0].id.clone()
}

fn submit_cmd(monday: chrono::NaiveDate, summary: &str, seen: Vec<String>) -> Command {
    Command::SubmitWeek {
        cadre: A.into(),
        week: monday,
        summary: summary.into(),
        seen,
    }
}

fn submit(
    dev: &mut Device,
    monday: chrono::NaiveDate,
    on: chrono::NaiveDate,
    seen: Vec<String>,
) -> String {
    let events = dev
        .run_as(WJJ, Role::Cadre, on, submit_cmd(monday, "", seen))
        .unwrap_or_else(|e| panic!("refused: {}", e.message(false)));
    events[0].id.clone()
}

fn refused(
    dev: &mut Device,
    name: &str,
    role: Role,
    on: chrono::NaiveDate,
    cmd: Command,
) -> &'static str {
    common::code(dev.run_as(name, role, on, cmd))
}

/// Mon 2 March to Fri 6 March 2026, each recorded on its day.
fn five_days(dev: &mut Device) -> Vec<String> {
    (2..=6)
        .map(|day| {
            log(
                dev,
                d(2026, 3, day),
                &format!("3月{day}日 入户核查饮水工程进度"),
            )
        })
        .collect()
}

fn viewer(role: Role, name: &str, today: chrono::NaiveDate) -> Viewer {
    Viewer {
        role: Some(role),
        name: name.into(),
        today,
        zh: true,
    }
}

#[test]
fn a_week_runs_monday_to_sunday_and_counts_in_the_month_and_year_of_its_thursday() {
    // Sunday 8 March belongs to the week of Monday 2 March; Monday 9 March starts the next.
    assert_eq!(monday_of(d(2026, 3, 8)), d(2026, 3, 2));
    assert_eq!(monday_of(d(2026, 3, 9)), d(2026, 3, 9));
    assert_eq!(sunday_of(d(2026, 3, 2)), d(2026, 3, 8));
    assert_eq!(
        week_name(d(2026, 3, 2), true),
        "2026年第10周（3月2日—3月8日）"
    );
    // Across a month end: 30 March to 5 April.
    assert_eq!(monday_of(d(2026, 4, 5)), d(2026, 3, 30));
    // Across a year end: 29 December 2025 to 4 January 2026 is ISO week 1 of 2026.
    assert_eq!(monday_of(d(2026, 1, 1)), d(2025, 12, 29));
    assert_eq!(
        week_name(d(2025, 12, 29), true),
        "2026年第1周（12月29日—1月4日）"
    );
    assert_eq!(
        week_name(d(2025, 12, 29), false),
        "2026 week 1 (Dec 29–Jan 4)"
    );
    // A report is due the Monday after (grace 1 day); the leader checks the last week due.
    let policy = PerformancePolicy::default();
    assert_eq!(report_due(d(2026, 3, 2), &policy), d(2026, 3, 9));
    assert_eq!(last_due_week(d(2026, 3, 9), &policy), d(2026, 2, 23));
    assert_eq!(last_due_week(d(2026, 3, 10), &policy), d(2026, 3, 2));
}

#[test]
fn a_week_of_days_is_submitted_as_the_weekly_report_compiling_them() {
    let mut dev = county();
    let ids = five_days(&mut dev);
    let report = submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    let w = week(dev.state(), A, d(2026, 3, 2));
    assert_eq!(w.days.len(), 5);
    let s = w.submitted.expect("submitted");
    assert_eq!(
        s.report.entries, ids,
        "the five days, by record id, in day order"
    );
    assert_eq!((w.left_out, w.withdrawn, s.differs), (0, 0, false));
    // Saturday's work recorded on Monday after the report: left out until submitted again.
    let saturday = log_on(
        &mut dev,
        d(2026, 3, 7),
        d(2026, 3, 9),
        "周末值班，处置草原火情隐患",
    );
    let w = week(dev.state(), A, d(2026, 3, 2));
    assert_eq!((w.days.len(), w.left_out), (6, 1));
    // Submitting again without having seen the first report is refused: nothing is lost.
    let stale = refused(
        &mut dev,
        WJJ,
        Role::Cadre,
        d(2026, 3, 9),
        submit_cmd(d(2026, 3, 2), "", vec![]),
    );
    assert_eq!(stale, "performance.stale");
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 9), vec![report.clone()]);
    let w = week(dev.state(), A, d(2026, 3, 2));
    let s = w.submitted.expect("submitted");
    assert_eq!(s.report.entries.len(), 6);
    assert!(s.report.entries.contains(&saturday));
    assert_eq!(
        (w.left_out, s.count),
        (0, 1),
        "the second replaces the first"
    );
    let versions =
        jishi::domain::performance_record::rollup::week_versions(dev.state(), A, d(2026, 3, 2))
            .unwrap();
    assert_eq!(versions.len(), 2, "both submissions are kept");
}

#[test]
fn a_week_is_named_by_its_monday_and_not_before_it_begins() {
    let mut dev = county();
    log(&mut dev, d(2026, 3, 8), "周日加班整理材料");
    let sunday = refused(
        &mut dev,
        WJJ,
        Role::Cadre,
        d(2026, 3, 8),
        submit_cmd(d(2026, 3, 8), "", vec![]),
    );
    assert_eq!(sunday, "performance.week");
    let next = refused(
        &mut dev,
        WJJ,
        Role::Cadre,
        d(2026, 3, 8),
        submit_cmd(d(2026, 3, 9), "小结", vec![]),
    );
    assert_eq!(next, "performance.week");
    // A week with no record needs a summary (e.g. on leave or training away).
    let empty = refused(
        &mut dev,
        WJJ,
        Role::Cadre,
        d(2026, 3, 9),
        submit_cmd(d(2026, 2, 23), "", vec![]),
    );
    assert_eq!(empty, "performance.empty_week");
    let events = dev
        .run_as(
            WJJ,
            Role::Cadre,
            d(2026, 3, 9),
            submit_cmd(d(2026, 2, 23), "参加旗委党校培训一周", vec![]),
        )
        .expect("a summary alone");
    let EventBody::PerformanceRecord(PerformanceRecordEvent::WeekSubmitted {
        entries,
        summary,
        by,
        ..
    }) = &events[0].body
    else {
        panic!("a week submitted");
    };
    assert!(entries.is_empty());
    assert_eq!(
        (summary.as_str(), by.as_str()),
        ("参加旗委党校培训一周", WJJ)
    );
}

#[test]
fn a_correction_keeps_the_first_record_and_a_withdrawal_leaves_the_report_showing_it() {
    let mut dev = county();
    let ids = five_days(&mut dev);
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    let tuesday = ids[1].clone();
    let seen = vec![tuesday.clone()];
    let correct = |reason: &str| Command::Log {
        cadre: A.into(),
        day: d(2026, 3, 3),
        category: WorkCategory::Service,
        project: String::new(),
        text: "为12户牧民办理医保转移".into(),
        fix: Fix {
            record: tuesday.clone(),
            withdrawn: false,
            reason: reason.into(),
            seen: seen.clone(),
        },
    };
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, d(2026, 3, 9), correct(" ")),
        "field.required"
    );
    dev.run_as(WJJ, Role::Cadre, d(2026, 3, 9), correct("写错了事项"))
        .expect("corrected");
    let records = jishi::domain::performance_record::rollup::days_of(dev.state(), A).unwrap();
    assert_eq!(records.by_id[&tuesday].len(), 2, "the first record is kept");
    let w = week(dev.state(), A, d(2026, 3, 2));
    let tue = w
        .days
        .iter()
        .find(|x| x.id == tuesday)
        .expect("still standing");
    assert_eq!(tue.work.text, "为12户牧民办理医保转移");
    assert_eq!(tue.work.category, WorkCategory::Service);
    assert_eq!(
        w.left_out, 0,
        "the report names the record, corrected or not"
    );
    // Wednesday withdrawn: the week shows it gone from the report's five.
    let withdraw = Command::Log {
        cadre: A.into(),
        day: d(2026, 3, 9),
        category: WorkCategory::Other,
        project: String::new(),
        text: String::new(),
        fix: Fix {
            record: ids[2].clone(),
            withdrawn: true,
            reason: "重复记录".into(),
            seen: vec![ids[2].clone()],
        },
    };
    let events = dev
        .run_as(WJJ, Role::Cadre, d(2026, 3, 9), withdraw)
        .expect("withdrawn");
    let EventBody::PerformanceRecord(PerformanceRecordEvent::WorkLogged { day, text, .. }) =
        &events[0].body
    else {
        panic!("a record");
    };
    assert_eq!(
        *day,
        d(2026, 3, 4),
        "a withdrawal repeats what it withdraws"
    );
    assert!(text.contains("3月4日"));
    let w = week(dev.state(), A, d(2026, 3, 2));
    assert_eq!((w.days.len(), w.withdrawn), (4, 1));
    // A record withdrawn cannot be corrected.
    let again = Command::Log {
        cadre: A.into(),
        day: d(2026, 3, 4),
        category: WorkCategory::Other,
        project: String::new(),
        text: "x".repeat(20),
        fix: Fix {
            record: ids[2].clone(),
            withdrawn: false,
            reason: "再改".into(),
            seen: vec![],
        },
    };
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, d(2026, 3, 9), again),
        "performance.no_record"
    );
}

#[test]
fn a_cadre_records_only_their_own_work_within_the_look_back_and_length() {
    let mut dev = county();
    let today = d(2026, 3, 20);
    // Another cadre's profile, and a user who is not a cadre.
    assert_eq!(
        refused(&mut dev, LHM, Role::Cadre, today, log_cmd(A, today, "代记")),
        "performance.not_own"
    );
    assert_eq!(
        refused(
            &mut dev,
            "记录人 周静",
            Role::Recorder,
            today,
            log_cmd(A, today, "代记")
        ),
        "auth.role"
    );
    dev.run_as(LHM, Role::Cadre, today, log_cmd(B, today, "走访企业3家"))
        .expect("her own");
    // Not after today; 14 days back at most (policy default).
    let tomorrow = d(2026, 3, 21);
    assert_eq!(
        refused(
            &mut dev,
            WJJ,
            Role::Cadre,
            today,
            log_cmd(A, tomorrow, "明天")
        ),
        "performance.day"
    );
    assert_eq!(
        refused(
            &mut dev,
            WJJ,
            Role::Cadre,
            today,
            log_cmd(A, d(2026, 3, 5), "补记")
        ),
        "performance.day"
    );
    log_on(&mut dev, d(2026, 3, 6), today, "补记：14天前的工作");
    // At most 200 characters (policy default).
    let long = "测".repeat(201);
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, today, log_cmd(A, today, &long)),
        "performance.too_long"
    );
    log_on(&mut dev, today, today, &"测".repeat(200));
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, today, log_cmd(A, today, "  ")),
        "field.required"
    );
    assert_eq!(days_between(dev.state(), A, d(2026, 3, 1), today).len(), 2);
}

#[test]
fn the_unit_leader_sees_who_has_not_submitted_once_the_report_is_due() {
    let mut dev = county();
    five_days(&mut dev);
    // 李红梅 records but does not submit; the other seven never record.
    dev.run_as(
        LHM,
        Role::Cadre,
        d(2026, 3, 4),
        log_cmd(B, d(2026, 3, 4), "走访企业3家"),
    )
    .expect("logged");
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    let missing = not_submitted(dev.state(), UNIT, d(2026, 3, 2));
    assert_eq!(missing.len(), 8, "nine cadres of the unit, one submitted");
    assert!(missing.iter().any(|m| m.cadre == B && m.days == 1));
    assert!(!missing.iter().any(|m| m.cadre == A));
    let leader = Some(Role::UnitLeader);
    let shown = |today| -> Vec<String> {
        todos(dev.state(), today, true)
            .into_iter()
            .filter(|t| t.shown_to(leader))
            .map(|t| t.text)
            .collect()
    };
    // On Monday 9 March the week of 2 March is not due yet (due that day).
    assert!(!shown(d(2026, 3, 9)).iter().any(|t| t.contains("第10周")));
    let tuesday = shown(d(2026, 3, 10));
    assert!(
        tuesday
            .contains(&"2026年第10周（3月2日—3月8日）周申报：格日朝鲁苏木有8人未提交".to_string()),
        "{tuesday:?}"
    );
    let department: Vec<String> = todos(dev.state(), d(2026, 3, 10), true)
        .into_iter()
        .filter(|t| t.shown_to(Some(Role::Recorder)))
        .map(|t| t.text)
        .collect();
    assert_eq!(
        department,
        vec!["2026年第10周（3月2日—3月8日）周申报：1个单位共8人未提交".to_string()]
    );
    // The leader's page (a leader is a cadre of the unit by name): the count and the list.
    let screen = start_screen(
        dev.state(),
        &viewer(Role::UnitLeader, "巴特尔", d(2026, 3, 10)),
    );
    let all = texts(&screen);
    assert!(
        all.iter().any(|t| t == "共9人，已申报1人，未申报8人"),
        "{all:?}"
    );
    let export = screen.iter().flat_map(|c| &c.blocks).find_map(|b| match b {
        Block::Download {
            content,
            testid: "export-week",
            ..
        } => Some(content.clone()),
        _ => None,
    });
    let export = export.expect("the list exports");
    assert!(export.starts_with("\u{feff}单位,周,姓名,每日记录（条）,周申报\r\n"));
    assert!(export.contains("格日朝鲁苏木,2026年第10周（3月2日—3月8日）,王建军,5,已申报\r\n"));
    assert!(export.contains(",李红梅,1,未申报\r\n"));
}

#[test]
fn days_roll_up_to_weeks_months_quarters_and_the_year() {
    let mut dev = county();
    // Friday 27 March (week of 23 March, March); Tuesday 31 March and Wednesday 1 April
    // (week of 30 March: its Thursday is 2 April, so it counts in April and Q2).
    let a = log(&mut dev, d(2026, 3, 27), "召开项目推进会");
    log(&mut dev, d(2026, 3, 31), "一季度工作总结");
    log(&mut dev, d(2026, 4, 1), "二季度工作部署");
    submit(&mut dev, d(2026, 3, 23), d(2026, 3, 27), vec![]);
    submit(&mut dev, d(2026, 3, 30), d(2026, 4, 5), vec![]);
    let roll = year_roll(dev.state(), A, 2026);
    let t = |days, weeks, submitted| Tally {
        days,
        weeks,
        submitted,
    };
    assert_eq!(
        roll.months[2],
        t(2, 1, 1),
        "March: two days, the week of 23 March"
    );
    assert_eq!(
        roll.months[3],
        t(1, 1, 1),
        "April: one day, the week of 30 March"
    );
    assert_eq!(roll.quarters[0], t(2, 1, 1));
    assert_eq!(roll.quarters[1], t(1, 1, 1));
    assert_eq!(roll.year, t(3, 2, 2));
    assert_eq!(roll.months.len(), 12);
    assert_eq!(roll.quarters.len(), 4);
    // Withdrawing a day takes it out of every roll-up.
    let withdraw = Command::Log {
        cadre: A.into(),
        day: d(2026, 4, 5),
        category: WorkCategory::Other,
        project: String::new(),
        text: String::new(),
        fix: Fix {
            record: a,
            withdrawn: true,
            reason: "误记".into(),
            seen: jishi::domain::performance_record::rollup::days_of(dev.state(), A)
                .unwrap()
                .by_id
                .values()
                .flat_map(|v| v.live_ids())
                .collect(),
        },
    };
    dev.run_as(WJJ, Role::Cadre, d(2026, 4, 5), withdraw)
        .expect("withdrawn");
    let roll = year_roll(dev.state(), A, 2026);
    assert_eq!(
        roll.months[2],
        t(1, 0, 1),
        "the week of 23 March has no day left, its report stays"
    );
    assert_eq!(roll.year, t(2, 1, 2));
}

#[test]
fn a_week_across_the_year_end_counts_in_the_year_of_its_thursday() {
    let mut dev = county();
    log(&mut dev, d(2025, 12, 31), "年终总结");
    submit(&mut dev, d(2025, 12, 29), d(2026, 1, 2), vec![]);
    let old = year_roll(dev.state(), A, 2025);
    let new = year_roll(dev.state(), A, 2026);
    assert_eq!(
        old.year,
        Tally {
            days: 1,
            weeks: 0,
            submitted: 0
        }
    );
    assert_eq!(
        new.year,
        Tally {
            days: 0,
            weeks: 1,
            submitted: 1
        }
    );
    assert_eq!(
        new.months[0],
        Tally {
            days: 0,
            weeks: 1,
            submitted: 1
        }
    );
    let screen = cadre_screen(
        dev.state(),
        A,
        2026,
        &viewer(Role::Recorder, "记录人 周静", d(2026, 1, 5)),
    );
    let all = texts(&screen);
    assert!(
        all.iter()
            .any(|t| t == "全年：记录0条 · 有记录1周 · 已申报1周"),
        "{all:?}"
    );
    assert!(all.iter().any(|t| t == "2026年第1周（12月29日—1月4日）"));
}

#[test]
fn a_week_submitted_on_two_phones_without_seeing_each_other_shows_as_differing() {
    let mut phone = county();
    five_days(&mut phone);
    let mut tablet = Device::new("tablet-wjj");
    phone.send_to(&mut tablet);
    submit(&mut phone, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    tablet
        .run_as(
            WJJ,
            Role::Cadre,
            d(2026, 3, 6),
            submit_cmd(d(2026, 3, 2), "本周以饮水工程为主", vec![]),
        )
        .expect("submitted on the tablet");
    tablet.send_to(&mut phone);
    let w = week(phone.state(), A, d(2026, 3, 2));
    let s = w.submitted.expect("submitted");
    assert!(s.differs);
    assert_eq!(s.count, 2);
    let screen = start_screen(phone.state(), &viewer(Role::Cadre, WJJ, d(2026, 3, 6)));
    let all = texts(&screen);
    assert!(
        all.iter().any(|t| t.contains("两部手机分别申报")),
        "{all:?}"
    );
}

#[test]
fn a_cadre_sees_the_day_form_first_then_the_week_and_its_report() {
    let mut dev = county();
    five_days(&mut dev);
    let screen = start_screen(dev.state(), &viewer(Role::Cadre, WJJ, d(2026, 3, 6)));
    let first = &screen[0].blocks;
    assert!(matches!(&first[0], Block::Title(t) if t == "实绩纪实"));
    assert!(first
        .iter()
        .any(|b| matches!(b, Block::Form(f) if f.testid == "performance_log")));
    let all = texts(&screen);
    assert!(all.iter().any(|t| t == "本周记录5条："), "{all:?}");
    assert!(all
        .iter()
        .any(|t| t == "3月2日 周一 · 发展推动 · 牧区饮水安全工程 · 3月2日 入户核查饮水工程进度"));
    assert!(all.iter().any(|t| t == "未申报"));
    // Someone named as no profile is told so, and offered no form.
    let stranger = start_screen(dev.state(), &viewer(Role::Cadre, "路人甲", d(2026, 3, 6)));
    assert!(!stranger
        .iter()
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Form(_))));
    // The organization department sees the units.
    let units = start_screen(
        dev.state(),
        &viewer(Role::Recorder, "记录人 周静", d(2026, 3, 10)),
    );
    let all = texts(&units);
    assert!(all.iter().any(|t| t.contains("格日朝鲁苏木")), "{all:?}");
    let unit = unit_screen(
        dev.state(),
        UNIT,
        &viewer(Role::Recorder, "记录人 周静", d(2026, 3, 10)),
    );
    assert!(texts(&unit)
        .iter()
        .any(|t| t == "共9人，已申报0人，未申报9人"));
}

// 月测评: the unit's indicator set and raters, five levels with quantified values.

use jishi::domain::performance_record::evaluation::{
    month_result, score_roll, set_for, unit_month, Mean,
};
use jishi::domain::performance_record::Level;

const LEADER: &str = "巴特尔";
const SUN: &str = "c-sq";

fn set_cmd(unit: &str, raters: &[&str], from: chrono::NaiveDate) -> Command {
    Command::SetIndicators {
        unit: unit.into(),
        set: "5+4".into(),
        raters: raters.iter().map(|r| r.to_string()).collect(),
        from,
        seen: vec![],
    }
}

/// The leader sets "5+4" from March 2026 with three raters.
fn with_raters() -> Device {
    let mut dev = county();
    let cmd = set_cmd(UNIT, &[LEADER, WJJ, LHM], d(2026, 3, 1));
    dev.run_as(LEADER, Role::UnitLeader, d(2026, 3, 2), cmd)
        .expect("the set");
    dev
}

fn rate_cmd(cadre: &str, month: chrono::NaiveDate, levels: Vec<Level>) -> Command {
    Command::RateMonth {
        cadre: cadre.into(),
        month,
        levels,
        seen: vec![],
    }
}

/// `first` for the first indicator, `rest` for the other eight of "5+4".
fn levels(first: Level, rest: Level) -> Vec<Level> {
    std::iter::once(first)
        .chain(std::iter::repeat_n(rest, 8))
        .collect()
}

fn rate(
    dev: &mut Device,
    rater: &str,
    role: Role,
    on: chrono::NaiveDate,
    cadre: &str,
    l: Vec<Level>,
) {
    let month = d(on.year(), on.month(), 1);
    dev.run_as(rater, role, on, rate_cmd(cadre, month, l))
        .unwrap_or_else(|e| panic!("refused: {}", e.message(false)));
}

use chrono::Datelike;

#[test]
fn five_levels_score_a_month_exactly_and_show_it_rounded_half_up() {
    let policy = PerformancePolicy::default();
    let values: Vec<u32> = Level::ALL.iter().map(|l| policy.value(*l)).collect();
    assert_eq!(values, vec![100, 85, 70, 55, 40]);
    let mut dev = with_raters();
    let on = d(2026, 3, 31);
    rate(
        &mut dev,
        LEADER,
        Role::UnitLeader,
        on,
        SUN,
        levels(Level::Good, Level::Good),
    );
    rate(
        &mut dev,
        WJJ,
        Role::Cadre,
        on,
        SUN,
        levels(Level::FairlyGood, Level::FairlyGood),
    );
    rate(
        &mut dev,
        LHM,
        Role::Cadre,
        on,
        SUN,
        levels(Level::Good, Level::Average),
    );
    let r = month_result(dev.state(), SUN, d(2026, 3, 1)).expect("rated");
    assert_eq!(r.raters, 3);
    assert_eq!(r.indicators.len(), 9);
    assert_eq!(r.indicators[0].0, "政治素质");
    // 政治素质: 100 + 85 + 100 = 285 over 3 = 95.0; the others 100 + 85 + 70 = 255 over 3.
    assert_eq!(r.indicators[0].1, Mean { sum: 285, count: 3 });
    assert_eq!(r.indicators[0].1.shown(), "95.0");
    assert_eq!(r.indicators[1].1.shown(), "85.0");
    // The month: 285 + 8 × 255 = 2,325 over 27 = 86.11… → 86.1.
    assert_eq!(
        r.overall,
        Mean {
            sum: 2_325,
            count: 27
        }
    );
    assert_eq!(r.overall.shown(), "86.1");
    // Rounded half up at the tenths: 96.25 → 96.3, 96.249… → 96.2; exactly .x0 stays.
    assert_eq!(Mean { sum: 385, count: 4 }.shown(), "96.3");
    assert_eq!(
        Mean {
            sum: 9_624_999,
            count: 100_000
        }
        .shown(),
        "96.2"
    );
    assert_eq!(Mean { sum: 185, count: 2 }.shown(), "92.5");
    assert_eq!(Mean::default().shown(), "—");
    let screen = unit_screen(
        dev.state(),
        UNIT,
        &viewer(Role::UnitLeader, LEADER, d(2026, 3, 31)),
    );
    let all = texts(&screen);
    assert!(
        all.iter().any(|t| t == "1. 孙强 86.1分（3人测评）"),
        "{all:?}"
    );
}

#[test]
fn only_the_units_raters_rate_its_cadres_on_its_indicators() {
    let mut dev = county();
    // A leader sets only their own unit's set, from this month on.
    let other = set_cmd("旗委办公室", &[LEADER], d(2026, 3, 1));
    assert_eq!(
        refused(&mut dev, LEADER, Role::UnitLeader, d(2026, 3, 2), other),
        "performance.not_your_unit"
    );
    let past = set_cmd(UNIT, &[LEADER], d(2026, 2, 1));
    assert_eq!(
        refused(&mut dev, LEADER, Role::UnitLeader, d(2026, 3, 2), past),
        "performance.month"
    );
    let none = set_cmd(UNIT, &[], d(2026, 3, 1));
    assert_eq!(
        refused(&mut dev, LEADER, Role::UnitLeader, d(2026, 3, 2), none),
        "performance.rater"
    );
    // A rater's name of zero-width characters only names nobody (domain::text).
    let invisible = set_cmd(UNIT, &[LEADER, "\u{200B}\u{FEFF}"], d(2026, 3, 1));
    assert_eq!(
        refused(&mut dev, LEADER, Role::UnitLeader, d(2026, 3, 2), invisible),
        "performance.rater"
    );
    let cadre = set_cmd(UNIT, &[LEADER], d(2026, 3, 1));
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, d(2026, 3, 2), cadre),
        "auth.role"
    );
    // No set yet: nobody rates.
    let early = rate_cmd(SUN, d(2026, 3, 1), levels(Level::Good, Level::Good));
    assert_eq!(
        refused(&mut dev, LEADER, Role::UnitLeader, d(2026, 3, 2), early),
        "performance.no_set"
    );
    let mut dev = with_raters();
    let on = d(2026, 3, 20);
    let all_good = || rate_cmd(SUN, d(2026, 3, 1), levels(Level::Good, Level::Good));
    // 张三 is a cadre of the unit but not a rater.
    assert_eq!(
        refused(&mut dev, "张三", Role::Cadre, on, all_good()),
        "performance.not_rater"
    );
    // Every indicator needs its level; not a month ahead.
    let short = rate_cmd(SUN, d(2026, 3, 1), vec![Level::Good; 8]);
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, on, short),
        "performance.levels"
    );
    let ahead = rate_cmd(SUN, d(2026, 4, 1), levels(Level::Good, Level::Good));
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, on, ahead),
        "performance.month"
    );
    let mid = rate_cmd(SUN, d(2026, 3, 15), levels(Level::Good, Level::Good));
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, on, mid),
        "performance.month"
    );
    // A rater's second rating must have seen the first, and then replaces it.
    let first = dev.run_as(WJJ, Role::Cadre, on, all_good()).expect("rated")[0]
        .id
        .clone();
    assert_eq!(
        refused(&mut dev, WJJ, Role::Cadre, on, all_good()),
        "performance.stale"
    );
    let again = Command::RateMonth {
        cadre: SUN.into(),
        month: d(2026, 3, 1),
        levels: levels(Level::Poor, Level::Poor),
        seen: vec![first],
    };
    dev.run_as(WJJ, Role::Cadre, on, again).expect("re-rated");
    let r = month_result(dev.state(), SUN, d(2026, 3, 1)).expect("rated");
    assert_eq!(
        (r.raters, r.overall),
        (
            1,
            Mean {
                sum: 9 * 55,
                count: 9
            }
        )
    );
}

#[test]
fn monthly_scores_roll_up_to_quarters_and_the_year_and_rank_the_unit() {
    let mut dev = with_raters();
    // March: 孙强 all 好 from two raters; April: all 一般 from one; 王建军 all 较好 in March.
    let march = d(2026, 3, 31);
    rate(
        &mut dev,
        LEADER,
        Role::UnitLeader,
        march,
        SUN,
        levels(Level::Good, Level::Good),
    );
    rate(
        &mut dev,
        WJJ,
        Role::Cadre,
        march,
        SUN,
        levels(Level::Good, Level::Good),
    );
    rate(
        &mut dev,
        LHM,
        Role::Cadre,
        march,
        A,
        levels(Level::FairlyGood, Level::FairlyGood),
    );
    rate(
        &mut dev,
        LEADER,
        Role::UnitLeader,
        d(2026, 4, 30),
        SUN,
        levels(Level::Average, Level::Average),
    );
    let roll = score_roll(dev.state(), SUN, 2026);
    assert_eq!(
        roll.months[2],
        Mean {
            sum: 1_800,
            count: 18
        }
    );
    assert_eq!(roll.months[3], Mean { sum: 630, count: 9 });
    assert_eq!(roll.quarters[0].shown(), "100.0");
    assert_eq!(roll.quarters[1].shown(), "70.0");
    // The year pools every level: 2,430 over 27 = 90.0 (not the mean of 100 and 70).
    assert_eq!(
        roll.year,
        Mean {
            sum: 2_430,
            count: 27
        }
    );
    assert_eq!(roll.year.shown(), "90.0");
    let ranked = unit_month(dev.state(), UNIT, d(2026, 3, 1));
    let names: Vec<&str> = ranked.iter().take(2).map(|(_, n, _)| n.as_str()).collect();
    assert_eq!(names, vec!["孙强", "王建军"]);
    assert!(ranked[2].2.is_none(), "the unrated last");
    let screen = cadre_screen(
        dev.state(),
        SUN,
        2026,
        &viewer(Role::Recorder, "记录人 周静", d(2026, 5, 1)),
    );
    let all = texts(&screen);
    assert!(
        all.iter()
            .any(|t| t == "3月：记录0条 · 有记录0周 · 已申报0周 · 测评100.0分"),
        "{all:?}"
    );
    assert!(all
        .iter()
        .any(|t| t == "全年：记录0条 · 有记录0周 · 已申报0周 · 测评90.0分"));
}

#[test]
fn the_county_edits_the_level_values_and_indicator_sets_within_bounds() {
    use jishi::domain::policy::Policy;
    let p = PerformancePolicy::default();
    let sets = p.sets();
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, vec!["5+4", "五力五度"]);
    assert_eq!(
        (sets[0].indicators.len(), sets[1].indicators.len()),
        (9, 10)
    );
    let codes = |p: Policy| -> Vec<&'static str> { p.problems().iter().map(|v| v.code).collect() };
    let mut flat = Policy::default();
    flat.performance_record.level_average = flat.performance_record.level_fairly_good;
    assert_eq!(codes(flat), vec!["policy.levels"]);
    let mut twice = Policy::default();
    twice.performance_record.indicator_sets = vec!["三项：担当、实绩、担当".into()];
    assert_eq!(codes(twice), vec!["policy.indicator_sets"]);
    let mut unnamed = Policy::default();
    unnamed.performance_record.indicator_sets = vec!["担当、实绩".into()];
    assert_eq!(codes(unnamed), vec!["policy.indicator_sets"]);
    let mut none = Policy::default();
    none.performance_record.indicator_sets = vec![];
    assert_eq!(codes(none), vec!["policy.indicator_sets"]);
    let mut long = Policy::default();
    long.performance_record.text_max_chars = 2_001;
    assert_eq!(codes(long), vec!["policy.range"]);
}

// 季分析 and 年总评: talks, visits, the analysis; the place in the unit, the schedule; the
// year's review shown as evidence on the annual assessment's unit page.

use jishi::domain::performance_record::analysis::quarter_view;
use jishi::domain::performance_record::NoteKind;

const RECORDER: &str = "记录人 周静";

fn note_cmd(cadre: &str, quarter: u32, note: NoteKind, text: &str) -> Command {
    Command::NoteQuarter {
        cadre: cadre.into(),
        year: 2026,
        quarter,
        note,
        text: text.into(),
        fix: Fix::default(),
    }
}

#[test]
fn a_quarter_is_measured_talked_visited_and_analysed_and_compared_in_its_unit() {
    let mut dev = with_raters();
    five_days(&mut dev);
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    let march = d(2026, 3, 31);
    rate(
        &mut dev,
        LEADER,
        Role::UnitLeader,
        march,
        SUN,
        levels(Level::Good, Level::Good),
    );
    rate(
        &mut dev,
        LHM,
        Role::Cadre,
        march,
        A,
        levels(Level::FairlyGood, Level::FairlyGood),
    );
    let on = d(2026, 3, 31);
    let talk = note_cmd(
        A,
        1,
        NoteKind::TalkGroup,
        "与苏木党委书记座谈：推进饮水工程有力",
    );
    let talk = dev
        .run_as(RECORDER, Role::Recorder, on, talk)
        .expect("noted")[0]
        .id
        .clone();
    let visit = note_cmd(A, 1, NoteKind::VisitServiceUsers, "走访牧户5户，评价较好");
    dev.run_as(RECORDER, Role::Recorder, on, visit)
        .expect("noted");
    let analysis = note_cmd(A, 1, NoteKind::Analysis, "一季度工作扎实，群众评价较好");
    dev.run_as(RECORDER, Role::Recorder, on, analysis)
        .expect("noted");
    // Not a quarter to come, nor a fifth; not by a cadre.
    let ahead = note_cmd(A, 2, NoteKind::Analysis, "二季度");
    assert_eq!(
        refused(&mut dev, RECORDER, Role::Recorder, on, ahead),
        "performance.quarter"
    );
    let fifth = note_cmd(A, 5, NoteKind::Analysis, "第五季度");
    assert_eq!(
        refused(&mut dev, RECORDER, Role::Recorder, on, fifth),
        "performance.quarter"
    );
    let own = note_cmd(A, 1, NoteKind::Analysis, "自我分析");
    assert_eq!(refused(&mut dev, WJJ, Role::Cadre, on, own), "auth.role");
    // The talk withdrawn with the reason; the trace kept.
    let withdraw = Command::NoteQuarter {
        cadre: A.into(),
        year: 2026,
        quarter: 1,
        note: NoteKind::Analysis,
        text: String::new(),
        fix: Fix {
            record: talk.clone(),
            withdrawn: true,
            reason: "记错了干部".into(),
            seen: vec![talk.clone()],
        },
    };
    dev.run_as(RECORDER, Role::Recorder, on, withdraw)
        .expect("withdrawn");
    let q = quarter_view(dev.state(), A, (2026, 1), d(2026, 4, 1));
    let kinds: Vec<NoteKind> = q.notes.iter().map(|(_, n, _)| n.note).collect();
    assert_eq!(kinds.len(), 2);
    assert!(kinds.contains(&NoteKind::VisitServiceUsers) && kinds.contains(&NoteKind::Analysis));
    assert_eq!(
        dev.state().performance_record.quarters[&(A.to_string(), 2026, 1)].by_id[&talk].len(),
        2
    );
    // 测: five days, one week submitted, 85.0; second of the two rated in the unit.
    assert_eq!(
        q.tally,
        Tally {
            days: 5,
            weeks: 1,
            submitted: 1
        }
    );
    assert_eq!(q.score.shown(), "85.0");
    assert_eq!(q.place, Some((2, 2)));
    assert_eq!(
        quarter_view(dev.state(), SUN, (2026, 1), d(2026, 4, 1)).place,
        Some((1, 2))
    );
    // 序时进度 on 1 April: the 13 weeks whose Thursday lies in Q1 (29 Dec to 29 March)
    // are due; one was submitted.
    assert_eq!(q.schedule, (1, 13));
    // On 20 March: the weeks due by then (to the week of 9 March, due 16 March): 11.
    assert_eq!(
        quarter_view(dev.state(), A, (2026, 1), d(2026, 3, 20)).schedule,
        (1, 11)
    );
    let screen = cadre_screen(
        dev.state(),
        A,
        2026,
        &viewer(Role::Recorder, RECORDER, d(2026, 4, 1)),
    );
    let all = texts(&screen);
    assert!(
        all.iter()
            .any(|t| t == "同一单位测评排名：第2名（共2人）；序时进度：周申报1/13"),
        "{all:?}"
    );
    assert!(all
        .iter()
        .any(|t| t == "析·综合分析：一季度工作扎实，群众评价较好"));
}

#[test]
fn the_years_review_is_evidence_on_the_annual_assessment_page() {
    use jishi::domain::annual_assessment::screens::{
        unit_screen as assessment_unit, Viewer as W5Viewer,
    };
    let mut dev = with_raters();
    five_days(&mut dev);
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    rate(
        &mut dev,
        LHM,
        Role::Cadre,
        d(2026, 3, 31),
        A,
        levels(Level::FairlyGood, Level::FairlyGood),
    );
    let on = d(2026, 12, 20);
    let review = |level, seen: Vec<String>| Command::ReviewYear {
        cadre: A.into(),
        year: 2026,
        level,
        text: "全年实绩突出，饮水工程按期完成".into(),
        seen,
    };
    let first = dev
        .run_as(RECORDER, Role::Recorder, on, review(Level::Good, vec![]))
        .expect("reviewed")[0]
        .id
        .clone();
    assert_eq!(
        refused(
            &mut dev,
            RECORDER,
            Role::Recorder,
            on,
            review(Level::FairlyGood, vec![])
        ),
        "performance.stale"
    );
    dev.run_as(
        RECORDER,
        Role::Recorder,
        on,
        review(Level::FairlyGood, vec![first]),
    )
    .expect("again");
    let next = Command::ReviewYear {
        cadre: A.into(),
        year: 2027,
        level: Level::Good,
        text: "明年".into(),
        seen: vec![],
    };
    assert_eq!(
        refused(&mut dev, RECORDER, Role::Recorder, on, next),
        "performance.year"
    );
    let who = W5Viewer {
        role: Some(Role::Recorder),
        today: on,
        zh: true,
    };
    let all = texts(&assessment_unit(dev.state(), 2026, UNIT, &who));
    let line = "王建军：记录5条 · 有记录1周 · 已申报1周 · 测评85.0分 · 谈访析0条 · 年总评：较好";
    assert!(all.iter().any(|t| t == line), "{all:?}");
    // A unit none of whose cadres has a record shows no such block.
    let other = texts(&assessment_unit(dev.state(), 2026, "旗委办公室", &who));
    assert!(!other.iter().any(|t| t.contains("实绩纪实")));
    let screen = cadre_screen(dev.state(), A, 2026, &viewer(Role::Recorder, RECORDER, on));
    assert!(texts(&screen)
        .iter()
        .any(|t| t == "年总评：较好。全年实绩突出，饮水工程按期完成"));
}

// Review: what a hostile writer can do past the phone (the server checks only that `by`
// and `rater` name the author), and what reaches whom.

use jishi::domain::access::{readable, scope_of_body, Scope};
use jishi::domain::event::{Event, Stamp};

/// An event `author` wrote on their own device, as the server would accept it.
fn forged(
    id: &str,
    author: &str,
    role: Role,
    on: chrono::NaiveDate,
    body: PerformanceRecordEvent,
) -> Event {
    let stamp = Stamp {
        id: id.into(),
        author: author.into(),
        role,
        device: "phone-x".into(),
        recorded_at: common::beijing_ms(on),
        parents: Vec::new(),
    };
    Event::seal(EventBody::PerformanceRecord(body), stamp)
}

#[test]
fn the_departments_talks_visits_and_reviews_do_not_reach_cadres_or_unit_leaders() {
    let note = PerformanceRecordEvent::QuarterNoted {
        cadre: A.into(),
        year: 2026,
        quarter: 1,
        note: NoteKind::VisitUnannounced,
        text: "暗访：上班时间不在岗".into(),
        corrects: String::new(),
        withdrawn: false,
        reason: String::new(),
        supersedes: vec![],
    };
    let review = PerformanceRecordEvent::YearReviewed {
        cadre: A.into(),
        year: 2026,
        level: Level::Poor,
        text: "年总评".into(),
        supersedes: vec![],
    };
    let master = jishi::domain::master::Master::default();
    for body in [note, review] {
        let scope =
            scope_of_body(&EventBody::PerformanceRecord(body.clone()), &master).expect("a scope");
        for role in ["cadre", "unit_leader"] {
            let theirs = readable(&[role.to_string()], &[]);
            assert!(!theirs.contains(&scope), "{role} reads {}", body.kind());
        }
        for role in ["admin", "recorder"] {
            assert!(
                readable(&[role.to_string()], &[]).contains(&scope),
                "{role}"
            );
        }
    }
    // Nor the cadre records or personal matters.
    for role in ["cadre", "unit_leader"] {
        let theirs = readable(&[role.to_string()], &[]);
        assert_eq!(theirs, vec![Scope::Common, Scope::Performance], "{role}");
    }
}

#[test]
fn a_rating_by_someone_the_unit_did_not_name_does_not_count() {
    let mut dev = with_raters();
    let on = d(2026, 3, 20);
    rate(
        &mut dev,
        WJJ,
        Role::Cadre,
        on,
        SUN,
        levels(Level::Good, Level::Good),
    );
    // 张三 is not a rater; written past the phone, the server takes it (he is its author).
    let body = PerformanceRecordEvent::MonthRated {
        cadre: SUN.into(),
        month: d(2026, 3, 1),
        rater: "张三".into(),
        indicators: dev
            .state()
            .performance_record
            .sets
            .values()
            .next()
            .unwrap()
            .current()
            .unwrap()
            .indicators
            .clone(),
        levels: levels(Level::Bad, Level::Bad),
        supersedes: vec![],
    };
    let e = forged("01ev-forged-rating", "张三", Role::Cadre, on, body);
    assert_eq!(dev.ledger.receive(vec![e]).unwrap().added, 1, "kept");
    let r = month_result(dev.state(), SUN, d(2026, 3, 1)).expect("rated");
    assert_eq!(
        (r.raters, r.overall),
        (
            1,
            Mean {
                sum: 9 * 100,
                count: 9
            }
        )
    );
}

#[test]
fn work_written_in_another_cadres_name_past_the_phone_does_not_count_for_them() {
    let mut dev = county();
    let mine = log(&mut dev, d(2026, 3, 2), "入户核查牧区饮水工程进度");
    let on = d(2026, 3, 3);
    // 李红梅 writes a day and a correction of his day in 王建军's name.
    let fake = PerformanceRecordEvent::WorkLogged {
        cadre: A.into(),
        by: LHM.into(),
        day: d(2026, 3, 3),
        category: WorkCategory::Other,
        project: String::new(),
        text: "伪造的记录".into(),
        corrects: String::new(),
        withdrawn: false,
        reason: String::new(),
        supersedes: vec![],
    };
    let hostile_fix = PerformanceRecordEvent::WorkLogged {
        cadre: A.into(),
        by: LHM.into(),
        day: d(2026, 3, 2),
        category: WorkCategory::Other,
        project: String::new(),
        text: "改成别的".into(),
        corrects: mine.clone(),
        withdrawn: false,
        reason: "伪造".into(),
        supersedes: vec![mine.clone()],
    };
    let submitted = PerformanceRecordEvent::WeekSubmitted {
        cadre: A.into(),
        by: LHM.into(),
        week: d(2026, 3, 2),
        entries: vec![],
        summary: "代为申报".into(),
        supersedes: vec![],
    };
    let events = vec![
        forged("01ev-fake-day", LHM, Role::Cadre, on, fake),
        forged("01ev-fake-fix", LHM, Role::Cadre, on, hostile_fix),
        forged("01ev-fake-week", LHM, Role::Cadre, on, submitted),
    ];
    assert_eq!(dev.ledger.receive(events).unwrap().added, 3, "kept");
    let w = week(dev.state(), A, d(2026, 3, 2));
    let texts: Vec<&str> = w.days.iter().map(|x| x.work.text.as_str()).collect();
    assert_eq!(texts, vec!["入户核查牧区饮水工程进度"]);
    assert_eq!(w.days[0].id, mine);
    assert!(w.submitted.is_none(), "not submitted by 王建军");
}

#[test]
fn the_week_across_the_2026_year_end_is_2026s_week_53_due_on_4_january() {
    let mut dev = county();
    for (day, on) in [
        (d(2026, 12, 28), d(2026, 12, 28)),
        (d(2026, 12, 31), d(2026, 12, 31)),
        (d(2027, 1, 2), d(2027, 1, 3)),
    ] {
        log_on(&mut dev, day, on, "年终盘点");
    }
    // Not the week ahead, nor a Sunday for its Monday.
    assert_eq!(
        refused(
            &mut dev,
            WJJ,
            Role::Cadre,
            d(2027, 1, 3),
            submit_cmd(d(2027, 1, 4), "", vec![])
        ),
        "performance.week"
    );
    assert_eq!(
        refused(
            &mut dev,
            WJJ,
            Role::Cadre,
            d(2027, 1, 3),
            submit_cmd(d(2027, 1, 3), "", vec![])
        ),
        "performance.week"
    );
    assert_eq!(
        week_name(d(2026, 12, 28), true),
        "2026年第53周（12月28日—1月3日）"
    );
    assert_eq!(monday_of(d(2027, 1, 3)), d(2026, 12, 28));
    let leader = |dev: &Device, today| -> Vec<String> {
        todos(dev.state(), today, true)
            .into_iter()
            .filter(|t| t.shown_to(Some(Role::UnitLeader)))
            .map(|t| t.text)
            .collect()
    };
    // Due on Monday 4 January: asked for from Tuesday 5 January.
    assert!(!leader(&dev, d(2027, 1, 4))
        .iter()
        .any(|t| t.contains("第53周")));
    let due = leader(&dev, d(2027, 1, 5));
    assert!(
        due.contains(&"2026年第53周（12月28日—1月3日）周申报：格日朝鲁苏木有9人未提交".to_string()),
        "{due:?}"
    );
    submit(&mut dev, d(2026, 12, 28), d(2027, 1, 5), vec![]);
    let w = week(dev.state(), A, d(2026, 12, 28));
    assert_eq!(
        (w.days.len(), w.submitted.map(|s| s.report.entries.len())),
        (3, Some(3))
    );
    assert!(leader(&dev, d(2027, 1, 5))
        .contains(&"2026年第53周（12月28日—1月3日）周申报：格日朝鲁苏木有8人未提交".to_string()));
    // The days count in their own years; the week once, in 2026 (its Thursday, 31 December).
    assert_eq!(
        year_roll(dev.state(), A, 2026).year,
        Tally {
            days: 2,
            weeks: 1,
            submitted: 1
        }
    );
    assert_eq!(
        year_roll(dev.state(), A, 2027).year,
        Tally {
            days: 1,
            weeks: 0,
            submitted: 0
        }
    );
    // A day a fortnight back still, across the year end; not the 15th day back.
    log_on(&mut dev, d(2026, 12, 25), d(2027, 1, 8), "补记");
    assert_eq!(
        refused(
            &mut dev,
            WJJ,
            Role::Cadre,
            d(2027, 1, 8),
            log_cmd(A, d(2026, 12, 24), "补记")
        ),
        "performance.day"
    );
}

#[test]
fn an_indicator_set_written_past_the_phone_by_a_leader_of_another_unit_is_not_the_units() {
    let mut dev = with_raters();
    let on = d(2026, 3, 20);
    rate(
        &mut dev,
        WJJ,
        Role::Cadre,
        on,
        SUN,
        levels(Level::Good, Level::Good),
    );
    let real = dev.state().performance_record.sets[&(UNIT.to_string(), d(2026, 3, 1))].live_ids();
    // 赵某, leader of another unit, replaces the unit's set with one naming himself only,
    // then rates 孙某 差 on every indicator; the server takes both (he is their author).
    let set = PerformanceRecordEvent::IndicatorsSet {
        unit: UNIT.into(),
        set: "5+4".into(),
        indicators: dev.state().performance_record.sets[&(UNIT.to_string(), d(2026, 3, 1))]
            .current()
            .unwrap()
            .indicators
            .clone(),
        raters: vec!["赵某".into()],
        from: d(2026, 3, 1),
        supersedes: real,
    };
    let rating = PerformanceRecordEvent::MonthRated {
        cadre: SUN.into(),
        month: d(2026, 3, 1),
        rater: "赵某".into(),
        indicators: dev.state().performance_record.sets[&(UNIT.to_string(), d(2026, 3, 1))]
            .current()
            .unwrap()
            .indicators
            .clone(),
        levels: levels(Level::Bad, Level::Bad),
        supersedes: vec![],
    };
    let events = vec![
        forged("01ev-forged-set", "赵某", Role::UnitLeader, on, set),
        forged("01ev-forged-rate", "赵某", Role::UnitLeader, on, rating),
    ];
    assert_eq!(dev.ledger.receive(events).unwrap().added, 2, "kept");
    let (set, differs) = set_for(dev.state(), UNIT, d(2026, 3, 1)).expect("the unit's set");
    assert_eq!(
        (set.raters.as_slice(), differs),
        (&[LEADER.to_string(), WJJ.into(), LHM.into()][..], false)
    );
    let r = month_result(dev.state(), SUN, d(2026, 3, 1)).expect("rated");
    assert_eq!(
        (r.raters, r.overall),
        (
            1,
            Mean {
                sum: 9 * 100,
                count: 9
            }
        )
    );
}

#[test]
fn the_department_corrects_a_quarterly_record_on_its_form_and_the_first_is_kept() {
    let mut dev = county();
    let on = d(2026, 3, 31);
    let talk = note_cmd(A, 1, NoteKind::TalkGroup, "与苏木党委书记座谈");
    let talk = dev
        .run_as(RECORDER, Role::Recorder, on, talk)
        .expect("noted")[0]
        .id
        .clone();
    let who = viewer(Role::Recorder, RECORDER, on);
    let screen = cadre_screen(dev.state(), A, 2026, &who);
    let block = screen
        .iter()
        .flat_map(|c| &c.blocks)
        .find_map(|b| match b {
            Block::Form(f) if f.testid == "performance_correct_note" => Some(f.clone()),
            _ => None,
        })
        .expect("a correction form for the department");
    let (value, label) = block.options.list("notes")[0].clone();
    assert_eq!(value, format!("1/{talk}"));
    assert!(label.contains("谈·座谈"), "{label}");
    let sent = jishi::domain::screen::Sent {
        today: on,
        now_ms: 1_800_000_000_000,
        random: 3,
    };
    let inputs = |fields: &[(&str, &str)]| -> jishi::domain::form::Inputs {
        fields
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // No reason: refused, nothing saved.
    let bare = inputs(&[
        ("record", &value),
        ("note", "talk_appointed"),
        ("text", "约谈"),
    ]);
    let before = dev.events().len();
    let refusal = block.command(&bare, &sent, dev.state()).unwrap_err();
    assert!(
        refusal.iter().any(|v| v.zh.contains("更正原因")),
        "{refusal:?}"
    );
    assert_eq!(dev.events().len(), before);
    let full = inputs(&[
        ("record", &value),
        ("note", "talk_appointed"),
        ("text", "零距离约谈：提醒按期推进饮水工程"),
        ("reason", "记错了谈话方式"),
    ]);
    let cmd = block.command(&full, &sent, dev.state()).expect("read");
    dev.run_as(RECORDER, Role::Recorder, on, cmd)
        .expect("corrected");
    let q = quarter_view(dev.state(), A, (2026, 1), d(2026, 4, 1));
    let notes: Vec<(NoteKind, &str)> = q
        .notes
        .iter()
        .map(|(_, n, _)| (n.note, n.text.as_str()))
        .collect();
    assert_eq!(
        notes,
        vec![(NoteKind::TalkAppointed, "零距离约谈：提醒按期推进饮水工程")]
    );
    assert_eq!(
        dev.state().performance_record.quarters[&(A.to_string(), 2026, 1)].by_id[&talk].len(),
        2,
        "the first record is kept"
    );
    // Cadres are offered no such form.
    let theirs = cadre_screen(dev.state(), A, 2026, &viewer(Role::Cadre, WJJ, on));
    assert!(!theirs
        .iter()
        .flat_map(|c| &c.blocks)
        .any(|b| matches!(b, Block::Form(_))));
}

#[test]
fn text_of_only_invisible_marks_is_no_text() {
    let mut dev = county();
    let on = d(2026, 3, 2);
    for blank in ["\u{200b}", " \u{200f}\u{feff} ", "\u{202e}\u{2060}"] {
        assert_eq!(
            refused(&mut dev, WJJ, Role::Cadre, on, log_cmd(A, on, blank)),
            "field.required",
            "{blank:?}"
        );
        assert_eq!(
            refused(
                &mut dev,
                WJJ,
                Role::Cadre,
                on,
                submit_cmd(on, blank, vec![])
            ),
            "performance.empty_week"
        );
        let note = note_cmd(A, 1, NoteKind::Analysis, blank);
        assert_eq!(
            refused(&mut dev, RECORDER, Role::Recorder, on, note),
            "field.required"
        );
    }
    assert!(dev
        .events()
        .iter()
        .all(|e| e.kind == "cadre_recorded" || e.kind == "roster_published"));
    // Text with marks among its words is kept as written.
    let kept = log(&mut dev, on, "走访\u{200b}牧户");
    assert!(!kept.is_empty());
}

#[test]
fn a_day_corrected_on_one_phone_and_withdrawn_on_another_stays_shown_as_differing() {
    let mut phone = county();
    let tuesday = log(&mut phone, d(2026, 3, 3), "走访企业3家");
    let mut other = Device::new("phone-wjj-2");
    phone.send_to(&mut other);
    let fix = |withdrawn: bool, text: &str| Command::Log {
        cadre: A.into(),
        day: d(2026, 3, 3),
        category: WorkCategory::Service,
        project: String::new(),
        text: text.into(),
        fix: Fix {
            record: tuesday.clone(),
            withdrawn,
            reason: "更正".into(),
            seen: vec![tuesday.clone()],
        },
    };
    phone
        .run_as(WJJ, Role::Cadre, d(2026, 3, 4), fix(false, "走访企业4家"))
        .expect("corrected");
    other
        .run_as(WJJ, Role::Cadre, d(2026, 3, 4), fix(true, ""))
        .expect("withdrawn");
    phone.send_to(&mut other);
    other.send_to(&mut phone);
    for dev in [&phone, &other] {
        let w = week(dev.state(), A, d(2026, 3, 2));
        assert_eq!(w.days.len(), 1, "kept while the two differ");
        assert_eq!(
            (w.days[0].work.text.as_str(), w.days[0].differs),
            ("走访企业4家", true)
        );
    }
    // Any order of the same events folds to the same part.
    let mut events = phone.events();
    events.reverse();
    let mut third = Device::new("phone-3");
    third.ledger.receive(events).unwrap();
    assert_eq!(
        third.state().performance_record,
        phone.state().performance_record
    );
}

/// What a cadre's or unit leader's phone receives from `from`: the records of the
/// databases their role reads (not the cadre records).
fn sync_as(role: &str, from: &Device, to: &mut Device) {
    let master = jishi::domain::master::Master::default();
    let theirs = readable(&[role.to_string()], &[]);
    let events: Vec<Event> = from
        .events()
        .into_iter()
        .filter(|e| scope_of_body(&e.body, &master).is_some_and(|s| theirs.contains(&s)))
        .collect();
    to.ledger.receive(events).expect("room");
}

#[test]
fn cadres_and_unit_leaders_phones_without_the_cadre_records_work_by_the_roster() {
    let department = county();
    let on = d(2026, 3, 3);
    // 王建军's phone holds what a cadre reads: the roster, not the cadre records.
    let mut cadre = Device::new("phone-wjj-own");
    sync_as("cadre", &department, &mut cadre);
    assert!(cadre.state().cadre_selection.cadre_list().next().is_none());
    let me = viewer(Role::Cadre, WJJ, on);
    let screen = texts(&start_screen(cadre.state(), &me)).join("\n");
    assert!(screen.contains(&format!("{WJJ} · {UNIT}")), "{screen}");
    assert!(!todos(cadre.state(), on, true).is_empty());
    let id = cadre
        .run_as(WJJ, Role::Cadre, on, log_cmd(A, on, "入户走访牧民12户"))
        .expect("recorded by the roster")[0]
        .id
        .clone();
    assert!(!id.is_empty());
    // 李红梅 leads the unit on her own phone: she sees 王建军's day and who is missing.
    let mut leader = Device::new("phone-lhm-own");
    sync_as("unit_leader", &department, &mut leader);
    sync_as("unit_leader", &cadre, &mut leader);
    let her = viewer(Role::UnitLeader, LHM, d(2026, 3, 10));
    let unit = texts(&start_screen(leader.state(), &her)).join("\n");
    assert!(unit.contains(UNIT) && unit.contains(WJJ), "{unit}");
    assert_eq!(week(leader.state(), A, d(2026, 3, 2)).days.len(), 1);
    let missing = not_submitted(leader.state(), UNIT, d(2026, 3, 2));
    assert_eq!(missing.len(), 9, "nobody submitted");
    let set = set_cmd(UNIT, &[LHM], d(2026, 3, 1));
    leader
        .run_as(LHM, Role::UnitLeader, d(2026, 3, 10), set)
        .expect("her unit");
    // Without a roster the same phone refuses, saying why.
    let mut bare = Device::new("phone-bare");
    let no_roster = department
        .events()
        .into_iter()
        .filter(|e| e.kind != "roster_published")
        .collect();
    bare.ledger.receive(no_roster).expect("room");
    let refused = bare.run_as(WJJ, Role::Cadre, on, log_cmd(A, on, "入户走访"));
    let message = match refused {
        Err(e) => e.message(true),
        Ok(_) => panic!("recorded without a roster"),
    };
    assert!(message.contains("实绩纪实名单"), "{message}");
}

#[test]
fn the_department_is_asked_to_publish_when_the_records_change_and_a_move_keeps_history() {
    let mut dev = county();
    let dept = |t: &Vec<jishi::domain::screen::Todo>| {
        t.iter()
            .filter(|t| t.roles.contains(&Role::Admin) && t.text.contains("实绩纪实名单"))
            .count()
    };
    assert_eq!(dept(&todos(dev.state(), d(2026, 3, 2), true)), 0);
    assert_eq!(
        dev.refused(
            Role::Admin,
            d(2026, 3, 2),
            Command::PublishRosters {
                from: d(2026, 3, 2),
                drawn: jishi::domain::performance_record::rosters_drawn(dev.state()),
            }
        ),
        "performance.roster_same"
    );
    // 李红梅 moves to 鲁北镇 on 1 April: the records change, the roster does not yet.
    let mut p = dev
        .state()
        .cadre_selection
        .cadre(B)
        .expect("profile")
        .clone();
    if let Some(last) = p.positions.last_mut() {
        last.end = Some(d(2026, 3, 31));
    }
    let mut moved = p.positions[0].clone();
    moved.unit = "鲁北镇".into();
    moved.start = d(2026, 4, 1);
    moved.end = None;
    p.positions.push(moved);
    let seen = dev.state().cadre_selection.cadres[B].live_ids();
    let cmd = CadreCommand::RecordCadre {
        cadre: B.into(),
        profile: p,
        supersedes: seen,
    };
    dev.ok(Role::Admin, d(2026, 4, 1), cmd);
    let today = d(2026, 4, 2);
    assert_eq!(dept(&todos(dev.state(), today, true)), 1);
    let changed = changes(dev.state(), today);
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(changed[0].unit, UNIT);
    assert_eq!(changed[0].removed, vec![LHM.to_string()]);
    assert_eq!(changed[1].unit, "鲁北镇");
    assert!(changed[1].unpublished);
    // A cadre may not publish; the department publishes both units from 1 April.
    let seen = jishi::domain::performance_record::rosters_drawn(dev.state());
    let cmd = Command::PublishRosters {
        from: d(2026, 4, 1),
        drawn: seen,
    };
    assert_eq!(dev.refused(Role::Cadre, today, cmd.clone()), "auth.role");
    let published = dev.ok(Role::Recorder, today, cmd);
    assert_eq!(published.len(), 2);
    assert_eq!(dept(&todos(dev.state(), today, true)), 0);
    // Her March counts in the old unit, her April in the new.
    assert_eq!(
        unit_of(dev.state(), B, d(2026, 3, 31)).as_deref(),
        Some(UNIT)
    );
    assert_eq!(
        unit_of(dev.state(), B, d(2026, 4, 1)).as_deref(),
        Some("鲁北镇")
    );
    assert_eq!(not_submitted(dev.state(), UNIT, d(2026, 3, 23)).len(), 9);
    assert_eq!(not_submitted(dev.state(), UNIT, d(2026, 3, 30)).len(), 8);
}

#[test]
fn two_phones_publishing_one_units_roster_differently_are_both_kept_and_flagged() {
    let mut one = county();
    let mut two = Device::new("phone-two");
    one.send_to(&mut two);
    // Each phone drops a different cadre from the records, then publishes from 3 March.
    for (dev, cadre) in [(&mut one, A), (&mut two, B)] {
        let mut p = dev
            .state()
            .cadre_selection
            .cadre(cadre)
            .expect("profile")
            .clone();
        if let Some(last) = p.positions.last_mut() {
            last.end = Some(d(2026, 3, 2));
        }
        let seen = dev.state().cadre_selection.cadres[cadre].live_ids();
        let cmd = CadreCommand::RecordCadre {
            cadre: cadre.into(),
            profile: p,
            supersedes: seen,
        };
        dev.ok(Role::Admin, d(2026, 3, 3), cmd);
        let seen = jishi::domain::performance_record::rosters_drawn(dev.state());
        let cmd = Command::PublishRosters {
            from: d(2026, 3, 3),
            drawn: seen,
        };
        dev.ok(Role::Admin, d(2026, 3, 3), cmd);
    }
    one.send_to(&mut two);
    two.send_to(&mut one);
    let roster = roster_of(one.state(), UNIT, d(2026, 3, 3)).expect("a roster");
    assert!(roster.differs);
    assert_eq!(
        roster.members.len(),
        9,
        "either phone's list counts: nobody lost"
    );
    assert_eq!(
        roster,
        roster_of(two.state(), UNIT, d(2026, 3, 3)).expect("same")
    );
    let changed = changes(one.state(), d(2026, 3, 3));
    assert!(
        changed.iter().any(|c| c.unit == UNIT && c.differs),
        "{changed:?}"
    );
    // A publication from a page drawn before the other phone's version arrived is stale.
    let stale = Command::PublishRosters {
        from: d(2026, 3, 3),
        drawn: 0,
    };
    assert_eq!(
        one.refused(Role::Admin, d(2026, 3, 3), stale),
        "performance.stale"
    );
    let seen = jishi::domain::performance_record::rosters_drawn(one.state());
    let settle = Command::PublishRosters {
        from: d(2026, 3, 3),
        drawn: seen,
    };
    one.ok(Role::Admin, d(2026, 3, 3), settle);
    let roster = roster_of(one.state(), UNIT, d(2026, 3, 3)).expect("a roster");
    assert!(!roster.differs);
    assert_eq!(
        roster.members.len(),
        7,
        "both removals, on the merged records"
    );
}

use jishi::domain::performance_record::roster::{changes, roster_of, unit_of};

/// The testids of the forms on `screen`.
fn forms_on(screen: &[jishi::domain::screen::Card]) -> Vec<&'static str> {
    let blocks = screen.iter().flat_map(|c| c.blocks.iter());
    blocks
        .filter_map(|b| match b {
            Block::Form(f) => Some(f.testid),
            _ => None,
        })
        .collect()
}

#[test]
fn a_rater_whose_user_name_has_surrounding_spaces_is_offered_the_rating_form() {
    let dev = with_raters();
    let on = d(2026, 3, 10);
    for (name, role) in [(WJJ, Role::Cadre), (LEADER, Role::UnitLeader)] {
        let plain = start_screen(dev.state(), &viewer(role, name, on));
        assert!(forms_on(&plain).contains(&"performance_rate"), "{name}");
        let spaced = start_screen(dev.state(), &viewer(role, &format!(" {name} "), on));
        assert!(
            forms_on(&spaced).contains(&"performance_rate"),
            "“ {name} ” rates as “{name}”"
        );
    }
}

/// The department ends `cadre`'s position on `last` (they leave every unit).
fn leaves(dev: &mut Device, cadre: &str, last: chrono::NaiveDate) {
    let mut p = dev
        .state()
        .cadre_selection
        .cadre(cadre)
        .expect("profile")
        .clone();
    for pos in &mut p.positions {
        pos.end = Some(pos.end.map_or(last, |e| e.min(last)));
    }
    let seen = dev.state().cadre_selection.cadres[cadre].live_ids();
    let cmd = CadreCommand::RecordCadre {
        cadre: cadre.into(),
        profile: p,
        supersedes: seen,
    };
    dev.ok(Role::Admin, plus(last, 1), cmd);
}

#[test]
fn a_cadre_no_roster_lists_today_is_told_so_and_where_to_turn() {
    let mut department = county();
    leaves(&mut department, A, d(2026, 3, 2));
    publish(&mut department, d(2026, 3, 3));
    let mut phone = Device::new("phone-wjj-own");
    sync_as("cadre", &department, &mut phone);
    for zh in [true, false] {
        let mut me = viewer(Role::Cadre, WJJ, d(2026, 3, 4));
        me.zh = zh;
        let screen = start_screen(phone.state(), &me);
        let said = texts(&screen).join("\n");
        let expected = match zh {
            true => "今天不在任何单位的实绩纪实名单中",
            false => "not on any unit's roster today",
        };
        assert!(said.contains(expected), "{said}");
        assert!(!said.contains(&format!("{WJJ} · \n")), "{said}");
    }
}

#[test]
fn the_department_counts_only_units_whose_roster_lists_someone() {
    let mut dev = county();
    let admin = viewer(Role::Admin, "组织部", d(2026, 3, 4));
    let count = |dev: &Device| {
        texts(&start_screen(dev.state(), &admin))
            .into_iter()
            .find(|t| t.contains("名干部在名单中"))
            .unwrap_or_default()
    };
    assert!(
        count(&dev).starts_with("1个单位、9名干部"),
        "{}",
        count(&dev)
    );
    for (id, _) in cadres() {
        leaves(&mut dev, id, d(2026, 3, 2));
    }
    publish(&mut dev, d(2026, 3, 3));
    assert!(
        count(&dev).starts_with("0个单位、0名干部"),
        "{}",
        count(&dev)
    );
}

#[test]
fn a_roster_from_a_day_before_anyone_served_does_not_empty_the_units_earlier_days() {
    let mut dev = county();
    // 王建军 recorded 20 February, before the department first published (2 March).
    assert_eq!(
        unit_of(dev.state(), A, d(2026, 2, 20)).as_deref(),
        Some(UNIT)
    );
    // A roster from 1 January 2000 (the records place nobody in any unit then) would
    // publish an empty roster, ending "the first roster covers the days before".
    let seen = jishi::domain::performance_record::rosters_drawn(dev.state());
    let cmd = Command::PublishRosters {
        from: d(2000, 1, 1),
        drawn: seen,
    };
    assert_eq!(
        dev.refused(Role::Admin, d(2026, 3, 4), cmd),
        "performance.roster_same"
    );
    assert_eq!(
        unit_of(dev.state(), A, d(2026, 2, 20)).as_deref(),
        Some(UNIT)
    );
}

#[test]
fn the_departments_phone_and_a_cadres_count_the_same_from_the_same_performance_records() {
    let mut department = with_raters();
    for (day, text) in [(3, "入户走访牧民12户"), (4, "核查饮水工程进度")] {
        log(&mut department, d(2026, 3, day), text);
    }
    submit(&mut department, d(2026, 3, 2), d(2026, 3, 8), vec![]);
    let good = levels(Level::Good, Level::FairlyGood);
    rate(
        &mut department,
        LHM,
        Role::UnitLeader,
        d(2026, 3, 20),
        A,
        good,
    );
    let mut cadre = Device::new("phone-cadre");
    sync_as("cadre", &department, &mut cadre);
    let (one, two) = (department.state(), cadre.state());
    assert!(two.cadre_selection.cadre_list().next().is_none());
    for monday in [d(2026, 3, 2), d(2026, 3, 9)] {
        assert_eq!(units_in_week(one, monday), units_in_week(two, monday));
    }
    assert_eq!(
        unit_month(one, UNIT, d(2026, 3, 1)),
        unit_month(two, UNIT, d(2026, 3, 1))
    );
    assert!(unit_month(two, UNIT, d(2026, 3, 1))[0].2.is_some());
    for (id, _) in cadres() {
        assert_eq!(score_roll(one, id, 2026), score_roll(two, id, 2026));
        assert_eq!(year_roll(one, id, 2026), year_roll(two, id, 2026));
    }
    let leaders = |s| {
        let all = todos(s, d(2026, 3, 12), true);
        all.into_iter()
            .filter(|t| t.roles.contains(&Role::UnitLeader))
            .map(|t| t.text)
            .collect::<Vec<_>>()
    };
    assert_eq!(leaders(one), leaders(two));
}

#[test]
fn a_leader_who_joined_the_unit_mid_month_sets_its_indicators_for_that_month() {
    let mut dev = county();
    // 乌力吉 (no cadre yet) joins it on 16 March; the department publishes that day.
    let stranger = "c-batu";
    let mut p = dev
        .state()
        .cadre_selection
        .cadre(A)
        .expect("profile")
        .clone();
    p.name = "乌力吉".into();
    let mut joined = p.positions.last().expect("a position").clone();
    joined.start = d(2026, 3, 16);
    joined.end = None;
    p.positions = vec![joined];
    let cmd = CadreCommand::RecordCadre {
        cadre: stranger.into(),
        profile: p,
        supersedes: vec![],
    };
    dev.ok(Role::Admin, d(2026, 3, 16), cmd);
    publish(&mut dev, d(2026, 3, 16));
    assert_eq!(
        unit_of(dev.state(), stranger, d(2026, 3, 16)).as_deref(),
        Some(UNIT)
    );
    // Setting March's indicators on 17 March is accepted, and so it must count.
    let cmd = set_cmd(UNIT, &["乌力吉"], d(2026, 3, 1));
    dev.run_as("乌力吉", Role::UnitLeader, d(2026, 3, 17), cmd)
        .expect("his unit now");
    assert!(
        set_for(dev.state(), UNIT, d(2026, 3, 1)).is_some(),
        "the set he saved counts for March"
    );
}

#[test]
fn a_new_cadre_sharing_the_name_of_one_who_left_records_as_themselves() {
    let mut dev = county();
    leaves(&mut dev, A, d(2026, 3, 2));
    // Another 王建军 joins the unit on 3 March.
    let mut p = dev
        .state()
        .cadre_selection
        .cadre(A)
        .expect("profile")
        .clone();
    let mut joined = p.positions.last().expect("a position").clone();
    joined.start = d(2026, 3, 3);
    joined.end = None;
    p.positions = vec![joined];
    let cmd = CadreCommand::RecordCadre {
        cadre: "c-wjj-2".into(),
        profile: p,
        supersedes: vec![],
    };
    dev.ok(Role::Admin, d(2026, 3, 3), cmd);
    publish(&mut dev, d(2026, 3, 3));
    let mut phone = Device::new("phone-wjj-2");
    sync_as("cadre", &dev, &mut phone);
    let me = viewer(Role::Cadre, WJJ, d(2026, 3, 4));
    let screen = texts(&start_screen(phone.state(), &me)).join("\n");
    assert!(screen.contains(&format!("{WJJ} · {UNIT}")), "{screen}");
    phone
        .run_as(
            WJJ,
            Role::Cadre,
            d(2026, 3, 4),
            log_cmd("c-wjj-2", d(2026, 3, 4), "入户走访"),
        )
        .expect("recorded as the new 王建军");
}

/// The department renames `cadre` in the cadre records on `on` and republishes.
fn rename(dev: &mut Device, cadre: &str, name: &str, on: chrono::NaiveDate) {
    let mut p = dev
        .state()
        .cadre_selection
        .cadre(cadre)
        .expect("profile")
        .clone();
    p.name = name.into();
    let seen = dev.state().cadre_selection.cadres[cadre].live_ids();
    let cmd = CadreCommand::RecordCadre {
        cadre: cadre.into(),
        profile: p,
        supersedes: seen,
    };
    dev.ok(Role::Admin, on, cmd);
    publish(dev, on);
}

#[test]
fn a_renamed_cadre_keeps_what_they_recorded_under_the_earlier_name() {
    let mut dev = county();
    let ids = five_days(&mut dev);
    submit(&mut dev, d(2026, 3, 2), d(2026, 3, 6), vec![]);
    // The records had the name wrong: 王建军 is 王建君; the department corrects it.
    rename(&mut dev, A, "王建君", d(2026, 3, 9));
    let w = week(dev.state(), A, d(2026, 3, 2));
    assert_eq!(w.days.len(), 5, "the five days stay his");
    assert!(w.submitted.is_some(), "and so does the week he submitted");
    // Under his new name he corrects a day recorded under the old one, and records more.
    let fix = Command::Log {
        cadre: A.into(),
        day: d(2026, 3, 3),
        category: WorkCategory::Service,
        project: String::new(),
        text: "为12户牧民办理医保转移".into(),
        fix: Fix {
            record: ids[1].clone(),
            withdrawn: false,
            reason: "记错了".into(),
            seen: days_between(dev.state(), A, d(2026, 3, 3), d(2026, 3, 3))
                .iter()
                .map(|r| r.id.clone())
                .collect(),
        },
    };
    dev.run_as("王建君", Role::Cadre, d(2026, 3, 10), fix)
        .unwrap_or_else(|e| panic!("refused: {}", e.message(false)));
    dev.run_as(
        "王建君",
        Role::Cadre,
        d(2026, 3, 10),
        log_cmd(A, d(2026, 3, 10), "走访企业"),
    )
    .unwrap_or_else(|e| panic!("refused: {}", e.message(false)));
    let w = week(dev.state(), A, d(2026, 3, 2));
    assert_eq!(w.days.len(), 5);
    let tuesday = w.days.iter().find(|r| r.work.day == d(2026, 3, 3)).unwrap();
    assert_eq!(tuesday.work.text, "为12户牧民办理医保转移");
    assert_eq!(
        days_between(dev.state(), A, d(2026, 3, 9), d(2026, 3, 15)).len(),
        1
    );
    let year = year_roll(dev.state(), A, 2026);
    assert_eq!((year.year.days, year.year.submitted), (6, 1));
    // The old name now given to another cadre: what was written under it is no longer
    // his (a namesake never writes for him), and is not the namesake's either; what he
    // wrote under his new name (the corrected Tuesday, the 10th) stays his.
    rename(&mut dev, B, WJJ, d(2026, 3, 11));
    let left = days_between(dev.state(), A, d(2026, 3, 2), d(2026, 3, 15));
    let days: Vec<_> = left.iter().map(|r| r.work.day).collect();
    assert_eq!(days, vec![d(2026, 3, 3), d(2026, 3, 10)]);
    assert!(days_between(dev.state(), B, d(2026, 3, 2), d(2026, 3, 15)).is_empty());
}
