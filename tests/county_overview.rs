#![cfg(not(target_arch = "wasm32"))]
//! 全县概览 (issue 14, part 1): the organization department's overview of a county log —
//! two townships' village pay at different stages (one graded with a 不合格 village whose
//! 诫勉谈话 is overdue, one mid-year with an objection open), selection cases at
//! different gates, the other workflows' to-dos — every cell of each township checked,
//! every figure leading to where the work is done; and the list of what was submitted
//! upward, with who signed which line.

mod common;

use common::cadre::*;
use common::*;
use jishi::domain::cadre_selection::{self as w4, Command as CaseCommand, Submission};
use jishi::domain::county_overview::figures::{township_figures, Graded};
use jishi::domain::county_overview::screens::{home_link, overview_screen, submitted_screen};
use jishi::domain::county_overview::Page;
use jishi::domain::event::Role;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::screen::{Block, Card, Item, Row, Screen, Table, Todo};
use jishi::domain::village_pay::{Command, Page as PayPage, Period};
use jishi::route::{Route, TownshipYear};

/// 格日朝鲁苏木, mid-year: its three 嘎查 at different stages.
const MIDYEAR: &str = "t-grcl";
const V_PUBLICIZED: &str = "v-grcl";
const V_SCORED: &str = "v-tlg";
const V_NOTHING: &str = "v-hrl";

/// 2027-02-01: the 2026 results graded on 2026-12-28, the failing village's warning
/// talk (30 days) overdue since 01-27, its rectification (90 days) not yet due.
fn today() -> chrono::NaiveDate {
    d(2027, 2, 1)
}

/// The county's log: 乌力吉木仁苏木 graded (巴彦芒哈嘎查 不合格), 格日朝鲁苏木 mid-year
/// (Q1 finalized and Q2 publicized with an objection in one village, Q1 scored in
/// another, nothing in the third), and the cadre records' cases.
fn county(cases: Device) -> Device {
    let mut dev = graded_with_small_failing();
    midyear_township(&mut dev);
    cases.send_to(&mut dev);
    dev
}

fn midyear_township(dev: &mut Device) {
    let on = d(2025, 1, 6);
    dev.ok(
        Role::Admin,
        on,
        MasterCommand::RecordTownship {
            township: MIDYEAR.into(),
            name: "格日朝鲁苏木".into(),
        },
    );
    for (id, name, population) in [
        (V_PUBLICIZED, "格日朝鲁嘎查", 1_200),
        (V_SCORED, "塔拉干嘎查", 900),
        (V_NOTHING, "哈日朝鲁嘎查", 3_100),
    ] {
        dev.ok(
            Role::Admin,
            on,
            MasterCommand::RecordVillage {
                village: id.into(),
                township: MIDYEAR.into(),
                name: name.into(),
                population,
                secretary: "宝音".into(),
                director: "那仁".into(),
            },
        );
    }
    dev.ok(
        Role::Organizer,
        d(2026, 1, 15),
        Command::PublishIndicators {
            township: MIDYEAR.into(),
            year: 2026,
            indicators: indicators_2026(),
        },
    );
    dev.final_quarter(V_PUBLICIZED, Period::Q1, 82.0);
    dev.submit(V_PUBLICIZED, 2026, Period::Q2, scores_of(78.5));
    let start = dev.open_publicity(V_PUBLICIZED, 2026, Period::Q2);
    dev.ok(
        Role::VillageHead,
        plus(start, 2),
        Command::RaiseObjection {
            village: V_PUBLICIZED.into(),
            year: 2026,
            period: Period::Q2,
            objector: "格日朝鲁嘎查党员 乌力吉".into(),
            content: "产业发展一项得分偏高，合作社分红尚未兑现".into(),
            raised_on: plus(start, 2),
        },
    );
    dev.submit(V_SCORED, 2026, Period::Q1, scores_of(70.0));
}

/// A second case, opened on 2026-05-06 with nothing recorded yet: at its first gate.
fn with_new_case(mut dev: Device) -> Device {
    dev.ok(
        Role::Recorder,
        d(2026, 5, 6),
        CaseCommand::OpenCase {
            case: "case-2026-02".into(),
            title: "格日朝鲁苏木副苏木达选任（第二批）".into(),
            posts: vec![POST.into()],
            on: d(2026, 5, 6),
        },
    );
    dev
}

fn card<'a>(screen: &'a Screen, part: &str) -> &'a Card {
    screen
        .iter()
        .find(|c| c.attrs.iter().any(|(k, v)| *k == "data-part" && v == part))
        .unwrap_or_else(|| panic!("no {part} card"))
}

fn table<'a>(card: &'a Card, testid: &str) -> Option<&'a Table> {
    card.blocks.iter().find_map(|b| match b {
        Block::Table(t) if t.testid == testid => Some(t),
        _ => None,
    })
}

fn row<'a>(table: &'a Table, attr: &str, value: &str) -> &'a Row {
    table
        .rows
        .iter()
        .find(|r| r.attrs.iter().any(|(k, v)| *k == attr && v == value))
        .unwrap_or_else(|| panic!("no row {attr}={value}"))
}

/// Each cell of a row as (column, text, where it leads).
fn cells(table: &Table, row: &Row) -> Vec<(String, String, Option<Route>)> {
    table
        .columns
        .iter()
        .skip(1)
        .zip(&row.cells)
        .map(|(col, c)| (col.clone(), c.text.clone(), c.link.clone()))
        .collect()
}

fn says_not_held(card: &Card) -> bool {
    card.blocks.iter().any(|b| {
        matches!(
            b,
            Block::Line {
                testid: "not-held",
                ..
            }
        )
    })
}

#[test]
fn every_cell_of_a_graded_township_and_of_a_midyear_one() {
    let dev = county(through_decision());
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), today(), true);
    let pay = card(&screen, "village-pay");
    assert!(pay
        .blocks
        .contains(&Block::Heading("村级绩效考核 2026".into())));
    let t = table(pay, "townships-overview").expect("the admin holds every township");
    assert_eq!(
        t.columns,
        [
            "乡镇",
            "已评分",
            "已公示",
            "已定稿",
            "需复核",
            "待处理异议",
            "等次评定",
            "诫勉谈话逾期",
            "整改逾期"
        ]
    );
    // Townships by name, as the home page lists them.
    let heads: Vec<&str> = t.rows.iter().map(|r| r.head.as_str()).collect();
    assert_eq!(heads, ["乌力吉木仁苏木", "格日朝鲁苏木"]);

    let here = TownshipYear::new(TOWNSHIP, 2026);
    let board = Some(Route::VillagePay(PayPage::Township(here.clone())));
    let results = Some(Route::VillagePay(PayPage::Results(here)));
    let graded = row(t, "data-township", TOWNSHIP);
    let expected = [
        ("已评分", "16/16", &board),
        ("已公示", "16/16", &board),
        ("已定稿", "16/16", &board),
        ("需复核", "0", &board),
        ("待处理异议", "0", &board),
        ("等次评定", "已评定", &results),
        ("诫勉谈话逾期", "1", &results),
        ("整改逾期", "0", &results),
    ];
    let want: Vec<_> = expected
        .iter()
        .map(|(c, v, r)| (c.to_string(), v.to_string(), (*r).clone()))
        .collect();
    assert_eq!(cells(t, graded), want);

    let here = TownshipYear::new(MIDYEAR, 2026);
    let board = Some(Route::VillagePay(PayPage::Township(here.clone())));
    let results = Some(Route::VillagePay(PayPage::Results(here)));
    let midyear = row(t, "data-township", MIDYEAR);
    let expected = [
        // Q1 and Q2 of 格日朝鲁嘎查 and Q1 of 塔拉干嘎查, of 3 villages × 4 quarters.
        ("已评分", "3/12", &board),
        ("已公示", "2/12", &board),
        ("已定稿", "1/12", &board),
        ("需复核", "0", &board),
        ("待处理异议", "1", &board),
        ("等次评定", "未评定", &results),
        ("诫勉谈话逾期", "0", &results),
        ("整改逾期", "0", &results),
    ];
    let want: Vec<_> = expected
        .iter()
        .map(|(c, v, r)| (c.to_string(), v.to_string(), (*r).clone()))
        .collect();
    assert_eq!(cells(t, midyear), want);
}

#[test]
fn the_warning_talk_falls_overdue_after_thirty_days_and_leaves_once_held() {
    let mut dev = county(through_decision());
    let on = |dev: &Device, day| township_figures(dev.state(), 2026, day);
    // Graded 2026-12-28: the talk is due 2027-01-27, overdue the day after.
    assert_eq!(on(&dev, d(2027, 1, 27))[0].talks_overdue, 0);
    assert_eq!(on(&dev, d(2027, 1, 28))[0].talks_overdue, 1);
    // The rectification (90 days) is due 2027-03-28.
    assert_eq!(on(&dev, d(2027, 3, 28))[0].rectifications_overdue, 0);
    assert_eq!(on(&dev, d(2027, 3, 29))[0].rectifications_overdue, 1);
    assert_eq!(on(&dev, today())[0].graded, Graded::Yes);

    dev.ok(
        Role::Organizer,
        d(2027, 2, 3),
        Command::RecordWarningTalk {
            village: SMALL.into(),
            year: 2026,
            held_by: "苏木党委书记 额尔敦".into(),
            held_on: d(2027, 2, 3),
            note: "与包金山诫勉谈话".into(),
        },
    );
    assert_eq!(on(&dev, d(2027, 2, 3))[0].talks_overdue, 0);
}

#[test]
fn each_case_shows_its_gate_rates_and_submissions_leading_to_its_pages() {
    let dev = county(with_new_case(through_decision()));
    let screen = overview_screen(dev.state(), (Some(Role::Recorder), &[]), today(), true);
    let cases = card(&screen, "cases");
    let t = table(cases, "cases-overview").expect("the recorder holds the cadre records");
    assert_eq!(
        t.columns,
        [
            "选任事项",
            "单位",
            "当前关口",
            "填写率",
            "完整度",
            "初次提交",
            "二次提交"
        ]
    );
    let page = |c: &str| Some(Route::CadreSelection(w4::Page::Case(c.into())));
    let sheet = |c: &str| Some(Route::CadreSelection(w4::Page::CasePrint(c.into())));

    // Decided on 2026-04-01, 初次提交 due five days later and not made.
    let decided = row(t, "data-case", CASE);
    let got = cells(t, decided);
    assert_eq!(got[0], ("单位".into(), "格日朝鲁苏木".into(), None));
    assert_eq!(got[1], ("当前关口".into(), "任前公示".into(), page(CASE)));
    assert_eq!(
        got[4],
        (
            "初次提交".into(),
            "已逾期，应于 2026-04-06".into(),
            page(CASE)
        ),
        "a submission still to make leads to the case page, where it is signed and made"
    );
    // Not appointed yet: the 二次提交 (after formal appointment) is not due.
    assert_eq!(got[5], ("二次提交".into(), "未到".into(), page(CASE)));
    assert_ne!(sheet(CASE), page(CASE));
    let initial = &decided.cells[4];
    assert_eq!(initial.marks, [("逾期".to_string(), "initial-overdue")]);
    // The rates are the case list's own.
    let summary = w4::case_summary(dev.state(), CASE, today(), &|_| None).unwrap();
    assert_eq!(got[2].1, w4::screens::percent(summary.rates.fill_bp()));
    assert_eq!(
        got[3].1,
        w4::screens::percent(summary.rates.completeness_bp())
    );
    assert_eq!(got[2].2, page(CASE));

    // Just opened: at 任职资格, nothing filled, no deadline yet.
    let opened = cells(t, row(t, "data-case", "case-2026-02"));
    assert_eq!(
        opened[1],
        ("当前关口".into(), "任职资格".into(), page("case-2026-02"))
    );
    assert_eq!(opened[2].1, "0.00%");
    assert_eq!(opened[4].1, "未提交");
}

#[test]
fn a_phone_says_which_parts_it_does_not_hold_instead_of_zeros() {
    let dev = county(through_decision());
    // The recorder's phone holds no township's database: no W1 figures.
    let screen = overview_screen(dev.state(), (Some(Role::Recorder), &[]), today(), true);
    let pay = card(&screen, "village-pay");
    assert!(says_not_held(pay));
    assert!(table(pay, "townships-overview").is_none());
    // Nor the audit office's: its line says so.
    let others = table(card(&screen, "workflows"), "workflows-overview").unwrap();
    let audit = cells(others, row(others, "data-workflow", "audit_grading"));
    assert_eq!(audit[0].1, "不在本机");
    assert_eq!(audit[0].2, None);

    // The administrator holds the cadre records but not the personal matters.
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), today(), true);
    let cases = card(&screen, "cases");
    assert!(says_not_held(cases));
    assert!(table(cases, "cases-overview").is_some());
    assert!(!says_not_held(card(&screen, "village-pay")));

    // An auditor's phone holds no cadre records.
    let screen = overview_screen(dev.state(), (Some(Role::Auditor), &[]), today(), false);
    let cases = card(&screen, "cases");
    assert!(says_not_held(cases));
    assert!(table(cases, "cases-overview").is_none());
}

#[test]
fn every_other_workflow_has_a_line_whose_counts_are_its_to_dos() {
    let dev = with_other_work(county(through_decision()));
    let state = dev.state();
    let screen = overview_screen(state, (Some(Role::Admin), &[]), today(), true);
    let t = table(card(&screen, "workflows"), "workflows-overview").unwrap();
    let folders: Vec<&str> = t.rows.iter().map(|r| r.attrs[0].1.as_str()).collect();
    assert_eq!(
        folders,
        [
            "village_heads",
            "career_pay",
            "annual_assessment",
            "demotion_chain",
            "reserve_pool",
            "performance_record",
            "rotation",
            "audit_grading"
        ]
    );
    let heads: Vec<&str> = t.rows.iter().map(|r| r.head.as_str()).collect();
    assert_eq!(heads[0], "村两委正职与退后关爱");
    assert_eq!(heads[2], "年度考核");
    assert_eq!(t.columns, ["工作", "待办", "未到期", "逾期"]);
    // Together with W1's and W4's, the lines count every to-do of the home page: all of
    // them open, those with a due date to come due, those past it overdue.
    let all = jishi::domain::workflows::todos(state, today(), true);
    let number = |s: &str| s.parse::<usize>().unwrap();
    let column = |i: usize| -> usize { t.rows.iter().map(|r| number(&r.cells[i].text)).sum() };
    let mut w1_w4 = jishi::domain::village_pay::todos::todos(state, today(), true);
    w1_w4.extend(jishi::domain::cadre_selection::todos::todos(
        state,
        today(),
        true,
    ));
    let count = |todos: &[Todo], f: &dyn Fn(&Todo) -> bool| todos.iter().filter(|x| f(x)).count();
    let due = |x: &Todo| x.due_from(today());
    let overdue = |x: &Todo| x.overdue_on(today());
    assert_eq!(column(0) + w1_w4.len(), all.len());
    assert_eq!(column(1) + count(&w1_w4, &due), count(&all, &due));
    assert_eq!(column(2) + count(&w1_w4, &overdue), count(&all, &overdue));
    // A count leads to one of its to-dos (a due one for 未到期, an overdue one for 逾期);
    // none is 0.
    let kinds: [&dyn Fn(&Todo) -> bool; 3] = [&|_| true, &due, &overdue];
    for r in &t.rows {
        for (cell, kind) in r.cells.iter().zip(kinds) {
            let leads = all
                .iter()
                .any(|x| Some(&x.route) == cell.link.as_ref() && kind(x));
            assert_eq!(leads, cell.text != "0", "{} {}", r.head, cell.testid);
        }
    }
}

#[test]
fn the_submitted_list_shows_each_submission_its_signers_and_its_record_sheet() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    dev.ok(
        Role::Approver,
        d(2026, 4, 3),
        CaseCommand::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 3),
        },
    );
    let dev = county(dev);
    let screen = submitted_screen(dev.state(), Some(Role::CadreChief), true);
    let items: Vec<&Item> = screen[0]
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::Items(i) if i.testid == "submitted" => i.items.iter().collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(items.len(), 1);
    let item = items[0];
    assert_eq!(item.link.text, "格日朝鲁苏木副苏木达选任 · 初次提交");
    assert_eq!(
        item.link.route,
        Route::CadreSelection(w4::Page::CasePrint(CASE.into()))
    );
    assert_eq!(
        item.meta,
        " · 2026-04-03 · 提交人 分管副部长 高峰 · 纪实表 任职资格—讨论决定 · 签字：复核 干部科 刘敏，记录人 记录人 周静，干部科科长 干部科科长 马强，干部监督科科长 干部监督科科长 孙丽，分管副部长 分管副部长 高峰"
    );
    assert_eq!(item.warn, None);

    // The overview's case row reads the same submission.
    let screen = overview_screen(dev.state(), (Some(Role::Approver), &[]), today(), true);
    let t = table(card(&screen, "cases"), "cases-overview").unwrap();
    let submitted = row(t, "data-case", CASE);
    let got = cells(t, submitted);
    assert_eq!(got[4].1, "已提交 2026-04-03");
    // Within the five days after the decision (2026-04-01): not late.
    assert!(submitted.cells[4].marks.is_empty());

    // Who reads no cadre records reads that it is not on this phone.
    let screen = submitted_screen(dev.state(), Some(Role::Organizer), true);
    assert!(says_not_held(&screen[0]));
}

#[test]
fn the_department_reaches_the_overview_from_home_and_the_paths_read_back() {
    for role in [
        Role::Admin,
        Role::Recorder,
        Role::Approver,
        Role::CadreChief,
        Role::SupervisionChief,
    ] {
        let link = home_link(Some(role), true);
        assert!(matches!(
            link.as_slice(),
            [Block::Line {
                link: Some(Route::Overview(Page::Overview)),
                ..
            }]
        ));
    }
    for role in [
        Role::Assessor,
        Role::VillageHead,
        Role::Cadre,
        Role::Organizer,
    ] {
        assert!(home_link(Some(role), true).is_empty());
    }
    for page in [Page::Overview, Page::Submitted] {
        let route = Route::Overview(page);
        assert_eq!(Route::parse(&route.href()), route);
    }
    assert_eq!(Route::parse("/overview/nothing"), Route::NotFound);
}

#[test]
fn a_first_submission_made_after_its_five_days_reads_late() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 8));
    dev.ok(
        Role::Approver,
        d(2026, 4, 8),
        CaseCommand::Submit {
            case: CASE.into(),
            node: Submission::Initial,
            on: d(2026, 4, 8),
        },
    );
    let screen = overview_screen(dev.state(), (Some(Role::Approver), &[]), today(), true);
    let t = table(card(&screen, "cases"), "cases-overview").unwrap();
    let initial = &row(t, "data-case", CASE).cells[4];
    assert_eq!(initial.text, "已提交 2026-04-08");
    // What was submitted reads on its 纪实表.
    let sheet = Route::CadreSelection(w4::Page::CasePrint(CASE.into()));
    assert_eq!(initial.link, Some(sheet));
    assert_eq!(initial.marks, [("逾期提交".to_string(), "initial-overdue")]);
}

/// Two phones record different 年度考评 scores for 巴彦芒哈嘎查 without seeing each other's:
/// the township board says a result needs review, and so must the overview's 需复核.
#[test]
fn an_annual_score_in_conflict_counts_as_to_review_as_on_the_board() {
    let mut a = Device::new("phone-a");
    a.township_2026();
    for p in Period::QUARTERS {
        a.final_quarter(SMALL, p, 70.0);
    }
    let mut b = Device::new("phone-b");
    a.send_to(&mut b);
    a.submit(SMALL, 2026, Period::Annual, scores_of(70.0));
    b.submit(SMALL, 2026, Period::Annual, scores_of(75.0));
    b.send_to(&mut a);
    let day = grading_day(2026);
    let board = jishi::domain::village_pay::township_year(a.state(), TOWNSHIP, 2026, day);
    assert_eq!(board.needs_review(), 1, "the board: one result to review");
    let figures = township_figures(a.state(), 2026, day);
    let ours = figures.iter().find(|f| f.township == TOWNSHIP).unwrap();
    assert_eq!(ours.to_review, board.needs_review());
}

/// 2027's indicators published on 2027-01-15 make 2027 the year the overview shows; the
/// 2026 不合格 village's rectification falls overdue on 2027-03-29 all the same, and the
/// overview must still count it, leading to the 2026 results where it is recorded.
#[test]
fn last_years_rectification_overdue_shows_after_this_years_indicators_are_published() {
    let mut dev = county(through_decision());
    dev.publish(2027, indicators_2026());
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), d(2027, 3, 29), true);
    let t = table(card(&screen, "village-pay"), "townships-overview").unwrap();
    let got = cells(t, row(t, "data-township", TOWNSHIP));
    let results = Route::VillagePay(PayPage::Results(TownshipYear::new(TOWNSHIP, 2026)));
    assert_eq!(
        got[6],
        ("诫勉谈话逾期".into(), "1".into(), Some(results.clone()))
    );
    assert_eq!(got[7], ("整改逾期".into(), "1".into(), Some(results)));
}

/// A case for posts of two units, in English: the units read "A, B", no Chinese
/// separator left between data.
#[test]
fn a_case_of_two_units_lists_them_with_the_languages_separator() {
    let mut dev = county(through_decision());
    let on = d(2026, 5, 6);
    dev.ok(
        Role::Admin,
        on,
        CaseCommand::RecordPost {
            post: "post-nmj-fjz".into(),
            unit: "扎鲁特旗农牧局".into(),
            title: "副局长".into(),
            quota: 1,
            supersedes: vec![],
        },
    );
    dev.ok(
        Role::Recorder,
        on,
        CaseCommand::OpenCase {
            case: "case-2026-03".into(),
            title: "两单位副职选任".into(),
            posts: vec![POST.into(), "post-nmj-fjz".into()],
            on,
        },
    );
    for (zh, want) in [
        (true, "扎鲁特旗农牧局、格日朝鲁苏木"),
        (false, "扎鲁特旗农牧局, 格日朝鲁苏木"),
    ] {
        let screen = overview_screen(dev.state(), (Some(Role::Recorder), &[]), today(), zh);
        let t = table(card(&screen, "cases"), "cases-overview").unwrap();
        let units = &row(t, "data-case", "case-2026-03").cells[0];
        assert_eq!(units.text, want);
    }
}

/// Seed 003: 二次提交 "正式任用后", with no deadline: once the case has appointed, its
/// row says since when it is due, then when it was made.
#[test]
fn the_second_submission_is_due_from_the_appointment_with_no_deadline() {
    let mut dev = in_publicity();
    sign_all(&mut dev, Submission::Initial, d(2026, 4, 3));
    let submit = |node| CaseCommand::Submit {
        case: CASE.into(),
        node,
        on: d(2026, 4, 3),
    };
    dev.ok(Role::Approver, d(2026, 4, 3), submit(Submission::Initial));
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    let second = |dev: &Device, today| {
        let screen = overview_screen(dev.state(), (Some(Role::Approver), &[]), today, true);
        let t = table(card(&screen, "cases"), "cases-overview").unwrap();
        let got = cells(t, row(t, "data-case", CASE));
        (got[5].1.clone(), got[5].2.clone())
    };
    let page = Some(Route::CadreSelection(w4::Page::Case(CASE.into())));
    assert_eq!(second(&dev, d(2026, 4, 12)), ("未到".into(), page.clone()));

    recorder(&mut dev, d(2026, 4, 13), appointment(d(2026, 4, 13)));
    assert_eq!(
        second(&dev, d(2026, 4, 25)),
        ("待提交（任职于 2026-04-13，已 12 天）".into(), page.clone()),
        "due since the appointment, leading to where it is signed and made"
    );
    assert_eq!(
        second(&dev, d(2026, 4, 13)).0,
        "待提交（任职于 2026-04-13，已 0 天）"
    );
    let screen = overview_screen(
        dev.state(),
        (Some(Role::Approver), &[]),
        d(2026, 4, 25),
        false,
    );
    let t = table(card(&screen, "cases"), "cases-overview").unwrap();
    let english = &row(t, "data-case", CASE).cells[5].text;
    assert_eq!(english, "due (appointed 2026-04-13, 12 days ago)");

    sign_all(&mut dev, Submission::Second, d(2026, 4, 27));
    let made = CaseCommand::Submit {
        case: CASE.into(),
        node: Submission::Second,
        on: d(2026, 4, 27),
    };
    dev.ok(Role::Approver, d(2026, 4, 27), made);
    let sheet = Some(Route::CadreSelection(w4::Page::CasePrint(CASE.into())));
    assert_eq!(
        second(&dev, d(2026, 5, 6)),
        ("已提交 2026-04-27".into(), sheet)
    );
}

/// A case ended without appointment (人选退出) has no 二次提交 to make (seed 003: it
/// follows formal appointment; the 纪实表 cannot be signed for it): its row says so
/// rather than "not submitted", in both languages.
#[test]
fn a_case_ended_without_appointment_owes_no_second_submission() {
    let mut dev = in_publicity();
    recorder(&mut dev, d(2026, 4, 10), close(d(2026, 4, 10)));
    let end = CaseCommand::EndCase {
        case: CASE.into(),
        on: d(2026, 4, 13),
        ending: w4::Ending::Withdrawn,
        reason: "本人申请退出".into(),
    };
    dev.ok(Role::Recorder, d(2026, 4, 13), end);
    for (zh, want) in [
        (true, "无需提交（事项已终止）"),
        (false, "not required (case ended)"),
    ] {
        let today = d(2026, 4, 20);
        let screen = overview_screen(dev.state(), (Some(Role::Approver), &[]), today, zh);
        let t = table(card(&screen, "cases"), "cases-overview").unwrap();
        assert_eq!(row(t, "data-case", CASE).cells[5].text, want);
    }
}

/// The county's other work on record by 2027-02-01: 王建军 graded 基本称职 for 2025 on
/// 2026-01-20 (his 诫勉 due 30 days later, 2026-02-19, never recorded done); 旗财政局
/// (6,000,000 yuan, level 1) in the 2026 audit plan to fill its share and not audited
/// in 2026, and taken out of the 2027 plan (so the plan will miss the share: a to-do that
/// only blocks, with no date); 刘芳 seconded from 2026-11-20 (limit 2027-01-20) and not
/// ended; the cadres in their posts since 2020-03-01 (rotation due 2025-03-01, overdue
/// 90 days later).
fn with_other_work(mut dev: Device) -> Device {
    use common::assessment::{all, grade, rate};
    use jishi::domain::audit_grading::{Command as AuditCommand, UnitYearInput};
    use jishi::domain::cadre_selection::AnnualGrade;
    use jishi::domain::rotation::{Command as RotationCommand, Fix};
    rate(&mut dev, A, all("70"));
    grade(&mut dev, A, AnnualGrade::BasicallyCompetent);
    let unit = UnitYearInput {
        unit: "au-czj".into(),
        name: "旗财政局".into(),
        year: 2026,
        budget: 6_000_000,
        decision: 1,
        allocation: 1,
        attention: 1,
        funds: Vec::new(),
        head_since: d(2023, 3, 1),
        head_left: None,
    };
    let why = String::new();
    let record = AuditCommand::UnitYear {
        year: unit,
        why,
        seen: vec![],
    };
    dev.ok(Role::Auditor, d(2026, 1, 10), record);
    let out = AuditCommand::Adjust {
        year: 2027,
        unit: "au-czj".into(),
        add: false,
        reason: "该局2027年机构改革，并入旗发改委".into(),
        seen: Vec::new(),
    };
    dev.ok(Role::Auditor, d(2027, 1, 15), out);
    let second = RotationCommand::Second {
        name: "刘芳".into(),
        from_unit: "旗工业园区管委会".into(),
        to_unit: "旗委组织部干部科".into(),
        start: d(2026, 11, 20),
        basis: "部务会同意，报干部科备案".into(),
        fix: Fix::default(),
    };
    dev.ok(Role::Recorder, d(2026, 11, 20), second);
    dev
}

/// A workflow's line as (open, due, overdue) texts, with where the overdue count leads.
fn line_of(screen: &Screen, folder: &str) -> ([String; 3], Option<Route>) {
    let t = table(card(screen, "workflows"), "workflows-overview").unwrap();
    let r = row(t, "data-workflow", folder);
    // The count, then the date under it, if any ("1 · 截止 2026-02-19").
    let text = |i: usize| {
        let cell = &r.cells[i];
        let marks = cell.marks.iter().map(|(m, _)| format!(" · {m}"));
        std::iter::once(cell.text.clone()).chain(marks).collect()
    };
    ([text(0), text(1), text(2)], r.cells[2].link.clone())
}

#[test]
fn an_item_past_its_due_date_counts_overdue_with_its_date_and_a_blocking_one_does_not() {
    use jishi::domain::annual_assessment::Page as AssessmentPage;
    use jishi::domain::audit_grading::Page as AuditPage;
    use jishi::domain::rotation::Page as RotationPage;
    let dev = with_other_work(county(through_decision()));
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), today(), true);
    // 王建军's 诫勉, due 2026-02-19, is overdue; it leads to the 2025 assessment.
    let (w5, to) = line_of(&screen, "annual_assessment");
    assert_eq!(w5, ["1", "0", "1 · 截止 2026-02-19"]);
    assert_eq!(
        to,
        Some(Route::AnnualAssessment(AssessmentPage::Year(2025)))
    );
    // The 2026 plan's unit not audited in 2026 is overdue since 2026-12-31; the 2027
    // plan missing its share blocks, and 2028's plan waits to be settled: open, neither
    // of them overdue.
    let (w8, to) = line_of(&screen, "audit_grading");
    assert_eq!(w8, ["3", "0", "1 · 截止 2026-12-31"]);
    assert_eq!(to, Some(Route::AuditGrading(AuditPage::Plan(2026))));
    let audit = jishi::domain::audit_grading::todos::todos(dev.state(), today(), true);
    let blocking = audit
        .iter()
        .find(|x| x.text == "2027年经济责任审计计划有1条规则将无法满足")
        .expect("the 2027 plan misses its share");
    assert!(blocking.urgent && blocking.due.is_none());
    // Seven cadres past 2025-05-30 (due 2025-03-01 plus 90 days) and 刘芳's secondment
    // past 2027-01-20: both overdue, the oldest date shown.
    let (w10, to) = line_of(&screen, "rotation");
    assert_eq!(w10, ["2", "0", "2 · 截止 2025-05-30"]);
    assert_eq!(to, Some(Route::Rotation(RotationPage::List)));

    // A week before the 诫勉's date it is due, not overdue, and its date is the nearest.
    let early = d(2026, 2, 12);
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), early, false);
    let (w5, _) = line_of(&screen, "annual_assessment");
    assert_eq!(w5, ["1", "1 · due 2026-02-19", "0"]);
    // On its date it is still due; the day after, overdue.
    let on = |day| {
        let screen = overview_screen(dev.state(), (Some(Role::Admin), &[]), day, true);
        line_of(&screen, "annual_assessment").0
    };
    assert_eq!(on(d(2026, 2, 19))[2], "0");
    assert_eq!(on(d(2026, 2, 20))[2], "1 · 截止 2026-02-19");
}

#[test]
fn a_township_organizer_sees_only_their_townships_row_and_the_county_every_one() {
    let dev = county(through_decision());
    let mine = [MIDYEAR.to_string()];
    let screen = overview_screen(dev.state(), (Some(Role::Organizer), &mine), today(), true);
    let pay = card(&screen, "village-pay");
    let t = table(pay, "townships-overview").expect("the organizer's township");
    let heads: Vec<&str> = t.rows.iter().map(|r| r.head.as_str()).collect();
    assert_eq!(heads, ["格日朝鲁苏木"]);
    let texts: Vec<String> = cells(t, &t.rows[0]).into_iter().map(|c| c.1).collect();
    assert_eq!(
        texts,
        ["3/12", "2/12", "1/12", "0", "1", "未评定", "0", "0"]
    );
    let note = pay.blocks.iter().find_map(|b| match b {
        Block::Line {
            testid: "not-held",
            text,
            ..
        } => Some(text.as_str()),
        _ => None,
    });
    assert_eq!(
        note,
        Some("本机只有本人所在乡镇（格日朝鲁苏木）的记录；其余乡镇的记录不在本机，未列出。")
    );
    // Townships not known yet (no server user): every row, under the general note.
    let screen = overview_screen(dev.state(), (Some(Role::Organizer), &[]), today(), true);
    let pay = card(&screen, "village-pay");
    assert_eq!(table(pay, "townships-overview").unwrap().rows.len(), 2);
    assert!(says_not_held(pay));
    // The county's administrator holds every township: all of them, whatever it is a
    // member of; the approver holds none.
    let screen = overview_screen(dev.state(), (Some(Role::Admin), &mine), today(), true);
    let pay = card(&screen, "village-pay");
    assert_eq!(table(pay, "townships-overview").unwrap().rows.len(), 2);
    assert!(!says_not_held(pay));
    let screen = overview_screen(dev.state(), (Some(Role::Approver), &mine), today(), true);
    assert!(table(card(&screen, "village-pay"), "townships-overview").is_none());
}

/// The home page's to-do texts for `role` on `today()`.
fn home_todos(state: &jishi::domain::state::State, role: Role) -> Vec<String> {
    let screen = jishi::domain::home::todo_screen_of(
        state,
        (today(), true, Some(role)),
        Some(jishi::domain::workflows::todos),
        true,
    );
    screen
        .iter()
        .flat_map(|c| &c.blocks)
        .flat_map(|b| match b {
            Block::Items(i) if i.testid == "todo" => i.items.iter().collect(),
            _ => Vec::new(),
        })
        .map(|i| i.link.text.clone())
        .collect()
}

#[test]
fn village_pay_and_selection_to_dos_go_to_the_roles_that_act_on_them() {
    let dev = county(through_decision());
    let state = dev.state();
    let talk = "乌力吉木仁苏木 2026 巴彦芒哈嘎查：诫勉谈话 截止 2027-01-27（已逾期）";
    let objection = "格日朝鲁苏木 2026 格日朝鲁嘎查 第二季度：待处理异议 1";
    let initial = "格日朝鲁苏木副苏木达选任：初次提交已逾期，应于 2026-04-06";
    // The township organizer: the village pay's, not the selection case's.
    let organizer = home_todos(state, Role::Organizer);
    assert!(organizer.iter().any(|x| x == talk), "{organizer:?}");
    assert!(organizer.iter().any(|x| x == objection), "{organizer:?}");
    assert!(!organizer.iter().any(|x| x == initial));
    // The recorder and the approver: the case's, none of the townships'.
    for role in [Role::Recorder, Role::Approver] {
        let theirs = home_todos(state, role);
        assert!(theirs.iter().any(|x| x == initial), "{role:?} {theirs:?}");
        assert!(!theirs.iter().any(|x| x == talk || x == objection));
    }
    // The county's auditor acts on neither.
    let auditor = home_todos(state, Role::Auditor);
    assert!(!auditor
        .iter()
        .any(|x| x == talk || x == objection || x == initial));
    let w1 = jishi::domain::village_pay::todos::todos(state, today(), true);
    let w4 = jishi::domain::cadre_selection::todos::todos(state, today(), true);
    assert!(!w1.is_empty() && !w4.is_empty());
    assert!(w1
        .iter()
        .chain(&w4)
        .all(|x| !x.shown_to(Some(Role::Auditor))));
    // The talk is due by its date.
    let talk = w1.iter().find(|x| x.text == talk).unwrap();
    assert_eq!(talk.due, Some(d(2027, 1, 27)));
    assert!(talk.overdue_on(today()));
}
