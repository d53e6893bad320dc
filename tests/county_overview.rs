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
use jishi::domain::screen::{Block, Card, Item, Row, Screen, Table};
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
    let screen = overview_screen(dev.state(), Some(Role::Admin), today(), true);
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
    let screen = overview_screen(dev.state(), Some(Role::Recorder), today(), true);
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
    let screen = overview_screen(dev.state(), Some(Role::Recorder), today(), true);
    let pay = card(&screen, "village-pay");
    assert!(says_not_held(pay));
    assert!(table(pay, "townships-overview").is_none());
    // Nor the audit office's: its line says so.
    let others = table(card(&screen, "workflows"), "workflows-overview").unwrap();
    let audit = cells(others, row(others, "data-workflow", "audit_grading"));
    assert_eq!(audit[0].1, "不在本机");
    assert_eq!(audit[0].2, None);

    // The administrator holds the cadre records but not the personal matters.
    let screen = overview_screen(dev.state(), Some(Role::Admin), today(), true);
    let cases = card(&screen, "cases");
    assert!(says_not_held(cases));
    assert!(table(cases, "cases-overview").is_some());
    assert!(!says_not_held(card(&screen, "village-pay")));

    // An auditor's phone holds no cadre records.
    let screen = overview_screen(dev.state(), Some(Role::Auditor), today(), false);
    let cases = card(&screen, "cases");
    assert!(says_not_held(cases));
    assert!(table(cases, "cases-overview").is_none());
}

#[test]
fn every_other_workflow_has_a_line_whose_counts_are_its_to_dos() {
    let dev = county(through_decision());
    let state = dev.state();
    let screen = overview_screen(state, Some(Role::Admin), today(), true);
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
    // Together with W1's and W4's, the lines count every to-do of the home page.
    let all = jishi::domain::workflows::todos(state, today(), true);
    let number = |s: &str| s.parse::<usize>().unwrap();
    let due: usize = t.rows.iter().map(|r| number(&r.cells[0].text)).sum();
    let overdue: usize = t.rows.iter().map(|r| number(&r.cells[1].text)).sum();
    let w1_w4 = jishi::domain::village_pay::todos::todos(state, today(), true).len()
        + jishi::domain::cadre_selection::todos::todos(state, today(), true).len();
    assert_eq!(due + w1_w4, all.len());
    let urgent = all.iter().filter(|x| x.urgent).count();
    let w1_w4_urgent = jishi::domain::village_pay::todos::todos(state, today(), true)
        .iter()
        .chain(&jishi::domain::cadre_selection::todos::todos(
            state,
            today(),
            true,
        ))
        .filter(|x| x.urgent)
        .count();
    assert_eq!(overdue + w1_w4_urgent, urgent);
    // A count leads to one of its to-dos (the first overdue one for 逾期); none is 0.
    for r in &t.rows {
        for (cell, urgent) in r.cells.iter().zip([false, true]) {
            let leads = all
                .iter()
                .any(|x| Some(&x.route) == cell.link.as_ref() && (x.urgent || !urgent));
            assert_eq!(leads, cell.text != "0", "{} {urgent}", r.head);
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
    let screen = overview_screen(dev.state(), Some(Role::Approver), today(), true);
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
    let screen = overview_screen(dev.state(), Some(Role::Approver), today(), true);
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
    let screen = overview_screen(dev.state(), Some(Role::Admin), d(2027, 3, 29), true);
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
        let screen = overview_screen(dev.state(), Some(Role::Recorder), today(), zh);
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
        let screen = overview_screen(dev.state(), Some(Role::Approver), today, true);
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
    let screen = overview_screen(dev.state(), Some(Role::Approver), d(2026, 4, 25), false);
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
