#![cfg(not(target_arch = "wasm32"))]
//! Screens as data: the W1 results page as the domain builds it for each role, with
//! the seed's numbers (扎鲁特旗, four 嘎查 of 乌力吉木仁苏木), and its forms sending the
//! commands the decider then records — the same screens the one renderer draws.

mod common;

use common::*;
use jishi::domain::event::Role;
use jishi::domain::form::Inputs;
use jishi::domain::master_decide::Command as MasterCommand;
use jishi::domain::screen::{texts, Block, Card, FormBlock, Row, Screen, Sent, Table};
use jishi::domain::village_pay::screens::results;
use jishi::domain::village_pay::township_year;

const YEAR: i32 = 2026;

fn screen_of(dev: &Device, role: Option<Role>, on: chrono::NaiveDate, zh: bool) -> Screen {
    let view = township_year(dev.state(), TOWNSHIP, YEAR, on);
    results(TOWNSHIP_NAME, &view, role, zh)
}

fn table(screen: &Screen) -> &Table {
    let all = screen.iter().flat_map(|c| &c.blocks);
    all.filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
    .next()
    .expect("a results table")
}

fn row<'a>(t: &'a Table, name: &str) -> &'a Row {
    t.rows
        .iter()
        .find(|r| r.head == name)
        .expect("the village's row")
}

fn cells(r: &Row) -> Vec<&str> {
    r.cells.iter().map(|c| c.text.as_str()).collect()
}

fn forms(screen: &Screen) -> Vec<&FormBlock> {
    let all = screen.iter().flat_map(|c| &c.blocks);
    all.filter_map(|b| match b {
        Block::Form(f) => Some(f.as_ref()),
        _ => None,
    })
    .collect()
}

fn card_with<'a>(screen: &'a Screen, testid: &str) -> Option<&'a Card> {
    screen.iter().find(|c| {
        c.attrs
            .iter()
            .any(|(k, v)| *k == "data-testid" && v == testid)
    })
}

fn typed(pairs: &[(&str, &str)]) -> Inputs {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn each_village_reads_its_grades_and_pay_with_the_seed_numbers() {
    let dev = graded_with_small_failing();
    let screen = screen_of(&dev, Some(Role::Organizer), d(2027, 1, 2), true);
    let t = table(&screen);
    assert_eq!(t.columns.len(), 13);
    assert_eq!(t.columns[12], "合计/人");
    // 50 points everywhere: 一般 team, 不合格 heads, base pay 7,000 (800 people), no
    // performance pay; the last of four.
    assert_eq!(
        cells(row(t, "巴彦芒哈嘎查")),
        [
            "50.00",
            "50.00",
            "50.00",
            "50.00",
            "50.00",
            "50.00",
            "4",
            "一般",
            "不合格",
            "7000",
            "0",
            "7000"
        ]
    );
    let large = cells(row(t, "乌力吉木仁嘎查"));
    assert_eq!(&large[5..8], ["95.00", "1", "实绩突出"]);
    assert_eq!(large[9], "9000", "3,000 people: base pay 9,000");
    let said = texts(&screen);
    assert!(
        said.iter().any(|s| s.starts_with("已评定等次：2026-12-28")),
        "{said:?}"
    );
    assert!(
        said.contains(
            &"季度平均 60% + 年度 40% · 综合得分 ≥90.00 实绩突出，≥60.00 比较突出，以下 一般"
                .to_string()
        ),
        "{said:?}"
    );
}

#[test]
fn the_organizer_sees_the_regrade_form_folded_and_the_follow_ups_of_the_failing_village() {
    let dev = graded_with_small_failing();
    let screen = screen_of(&dev, Some(Role::Organizer), d(2027, 1, 2), true);
    let all = forms(&screen);
    let keys: Vec<&str> = all.iter().map(|f| f.form.key).collect();
    assert_eq!(keys, ["regrade", "warning_talk", "rectification"]);
    assert_eq!(all[0].folded.as_deref(), Some("重新评定（须说明理由）"));
    assert!(!all[0].open, "re-grading is the exception: folded");
    let fail = card_with(&screen, "fail-items").expect("the 不合格 follow-ups");
    assert!(fail
        .attrs
        .contains(&("data-village", "巴彦芒哈嘎查".to_string())));
    let failing = screen
        .iter()
        .filter(|c| {
            c.attrs
                .iter()
                .any(|(k, v)| *k == "data-testid" && v == "fail-items")
        })
        .count();
    assert_eq!(failing, 1, "only the failing village owes a talk");
}

#[test]
fn an_assessor_is_told_who_grades_and_sees_no_form() {
    let dev = graded_with_small_failing();
    let screen = screen_of(&dev, Some(Role::Assessor), d(2027, 1, 2), true);
    assert!(forms(&screen).is_empty());
    assert!(card_with(&screen, "fail-items").is_none());
    let who = texts(&screen)
        .into_iter()
        .find(|t| t.contains("只有"))
        .expect("who may grade");
    assert!(who.contains("乡镇") || who.contains("组织"), "{who}");
}

#[test]
fn the_warning_talk_form_records_its_command_and_then_shows_it_done() {
    let mut dev = graded_with_small_failing();
    let on = d(2027, 1, 20);
    let screen = screen_of(&dev, Some(Role::Organizer), on, true);
    let talk = forms(&screen)
        .into_iter()
        .find(|f| f.form.key == "warning_talk")
        .unwrap()
        .clone();
    // Every problem at once, nothing recorded.
    let sent = Sent {
        today: on,
        now_ms: 0,
        random: 7,
    };
    let problems = talk
        .command(&typed(&[("held_on", "2027-02-30")]), &sent, dev.state())
        .unwrap_err();
    let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
    assert_eq!(fields, ["held_by", "held_on"], "every problem at once");
    let cmd = talk
        .command(
            &typed(&[
                ("held_by", "苏木党委书记 额尔敦"),
                ("held_on", "2027-01-20"),
                ("note", "对书记、主任进行诫勉谈话"),
            ]),
            &sent,
            dev.state(),
        )
        .unwrap();
    dev.ok(Role::Organizer, on, cmd);
    let screen = screen_of(&dev, Some(Role::Organizer), on, true);
    let keys: Vec<&str> = forms(&screen).iter().map(|f| f.form.key).collect();
    assert_eq!(
        keys,
        ["regrade", "rectification"],
        "the talk is done: its form is gone"
    );
    assert!(texts(&screen)
        .iter()
        .any(|t| t == "诫勉谈话（乡镇党委书记）：已完成 2027-01-20"));
}

#[test]
fn before_grading_the_composite_is_provisional_and_the_grade_form_is_open() {
    let mut dev = Device::new("phone-a");
    dev.township_2026();
    dev.flat_2026(SMALL, 50.0);
    let screen = screen_of(&dev, Some(Role::Organizer), d(2027, 1, 2), false);
    let t = table(&screen);
    let small = row(t, "巴彦芒哈嘎查");
    assert_eq!(small.cells.len(), 12, "one cell per column");
    assert!(small.cells[5].provisional);
    assert_eq!(small.cells[5].text, "50.00");
    assert!(small.cells[6..].iter().all(|c| c.text.is_empty()));
    let grade = forms(&screen)[0];
    assert_eq!((grade.form.key, grade.open), ("grade", true));
    assert_eq!(grade.button, "Grade");
    assert!(
        texts(&screen).contains(&"Not graded yet; composites below are provisional.".to_string())
    );
}

/// A link to a township the master data doesn't hold (a mistyped or old address) opens
/// a page that says so, with the way home — not an empty board or results page.
#[test]
fn a_township_page_of_no_such_township_says_so() {
    use jishi::domain::village_pay::screens::{board, results};
    let dev = graded_with_small_failing();
    let label = dev.state().master.township_label("t-nope");
    assert_eq!(label, "");
    assert_eq!(dev.state().master.township_label(TOWNSHIP), TOWNSHIP_NAME);
    let view = township_year(dev.state(), "t-nope", YEAR, d(2027, 1, 2));
    for screen in [
        board(&label, &view, true),
        results(&label, &view, None, true),
    ] {
        assert_eq!(texts(&screen), ["← 首页", "未找到该乡镇"]);
    }
    assert_eq!(
        texts(&board(&label, &view, false)),
        ["← Home", "No such township"]
    );
    use jishi::domain::village_pay::indicators_screen::indicators_screen;
    use jishi::domain::village_pay::slot_screen::{slot_screen, SlotViewer};
    let who = SlotViewer {
        role: Some(Role::Organizer),
        name: "李明".into(),
        today: d(2027, 1, 2),
        zh: true,
        townships: Vec::new(),
        outsider: None,
    };
    let indicators = indicators_screen(dev.state(), ("t-nope", YEAR), &who);
    assert_eq!(
        texts(&indicators),
        ["← 首页", "未找到该乡镇"],
        "no form to publish"
    );
    let slot = slot_screen(
        dev.state(),
        ("v-nope", YEAR, jishi::domain::village_pay::Period::Q1),
        &who,
        &Default::default(),
    );
    assert_eq!(texts(&slot), ["← 首页", "找不到该村或考核期"]);
}

#[test]
fn the_board_shows_each_village_and_period_as_a_chip_read_whole() {
    use jishi::domain::village_pay::screens::board;
    let dev = graded_with_small_failing();
    let view = township_year(dev.state(), TOWNSHIP, YEAR, d(2027, 1, 2));
    let screen = board(TOWNSHIP_NAME, &view, true);
    let t = table(&screen);
    assert_eq!(t.columns, ["村", "Q1", "Q2", "Q3", "Q4", "年度"]);
    let small = row(t, "巴彦芒哈嘎查");
    assert_eq!(small.cells.len(), 5);
    let q2 = &small.cells[1];
    assert_eq!(q2.spoken, "巴彦芒哈嘎查 第二季度 ");
    assert_eq!(q2.said(), "50.00 定稿");
    assert_eq!(
        q2.link.as_ref().map(|r| r.href()),
        Some(format!("/t/{TOWNSHIP}/{YEAR}/v/{SMALL}/q2"))
    );
    let said = texts(&screen);
    assert!(
        said.iter().any(|s| s.starts_with("指标版本 1 · ")),
        "{said:?}"
    );
    assert!(said.contains(&"结果与等次".to_string()));
    // In English, English only.
    let en = board(TOWNSHIP_NAME, &view, false);
    assert_eq!(
        row(table(&en), "巴彦芒哈嘎查").cells[0].said(),
        "50.00 Final"
    );
}

mod cases {
    //! The W4 list of cases as a screen: rates, each case's state, the form to open one.
    use super::*;
    use common::cadre::*;
    use jishi::domain::cadre_selection::screens::case_list;

    #[test]
    fn a_recorder_opens_a_case_through_the_screen_and_it_is_listed_with_its_step() {
        let mut dev = setup();
        let on = d(2026, 3, 2);
        let screen = case_list(dev.state(), Some(Role::Recorder), on, true);
        let open = forms(&screen)[0].clone();
        assert_eq!(open.testid, "open-case");
        let sent = Sent {
            today: on,
            now_ms: 1_767_225_600_000,
            random: 42,
        };
        // No title, no post, a bad date: all three at once, nothing recorded.
        let problems = open
            .command(&typed(&[("on", "2026-13-01")]), &sent, dev.state())
            .unwrap_err();
        let said: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        assert_eq!(
            said,
            [
                "请填写选任事项名称",
                "请至少选择一个职位",
                "请填写有效日期（年-月-日）"
            ]
        );
        let post = open.options.list("post")[0].0.clone();
        let title = "<b>副镇长</b>选任";
        let inputs = typed(&[
            ("title", title),
            (&format!("posts.{post}"), "yes"),
            ("on", "2026-03-02"),
        ]);
        let cmd = open.command(&inputs, &sent, dev.state()).unwrap();
        dev.ok(Role::Recorder, on, cmd);
        let screen = case_list(dev.state(), Some(Role::Recorder), on, true);
        let said = texts(&screen);
        assert!(
            said.contains(&"格日朝鲁苏木副苏木达选任".to_string()),
            "the case opened before"
        );
        let at = said
            .iter()
            .position(|t| t == title)
            .expect("the case is listed by its title, as text");
        assert!(
            said[at + 1].contains("任职资格"),
            "its current step: {}",
            said[at + 1]
        );
        assert!(said[at + 1].contains("填写率 "), "{}", said[at + 1]);
    }

    #[test]
    fn an_approver_reads_who_opens_cases_and_gets_no_form() {
        let dev = setup();
        let screen = case_list(dev.state(), Some(Role::Approver), d(2026, 3, 2), true);
        assert!(forms(&screen).is_empty());
        assert!(texts(&screen)
            .iter()
            .any(|t| t.contains("只有记录人可以记录选任事项")));
    }

    #[test]
    fn the_open_case_form_is_a_card_of_its_own_kept_while_the_list_changes() {
        let mut dev = setup();
        let on = d(2026, 3, 2);
        let before = case_list(dev.state(), Some(Role::Recorder), on, true);
        // Another phone's record arrives: the list changes, the form's card does not.
        recorder(&mut dev, on, qualification_record(on));
        let after = case_list(dev.state(), Some(Role::Recorder), on, true);
        assert_ne!(before[0], after[0], "the list shows the new step");
        assert_eq!(
            before[1], after[1],
            "the form's card is the same: what is typed stays"
        );
        assert_eq!(forms(&after)[0].testid, "open-case");
    }

    fn qualification_record(on: chrono::NaiveDate) -> jishi::domain::cadre_selection::StepRecord {
        jishi::domain::cadre_selection::StepRecord::Qualification {
            on,
            conditions: "符合任职资格条件".into(),
        }
    }
}

/// The printable W4 documents as the domain builds them (`cadre_selection::documents`):
/// what the 纪实表 and the 任前公示 notice say, for a case of the seed (王建军 for
/// 副苏木达 of 格日朝鲁苏木).
mod documents {
    use super::*;
    use common::cadre::*;
    use jishi::domain::cadre_selection::documents::{publicity_notice, record_sheet};
    use jishi::domain::screen::{Sheet, SheetCell};

    fn sheets(screen: &Screen) -> Vec<&Sheet> {
        let all = screen.iter().flat_map(|c| &c.blocks);
        all.filter_map(|b| match b {
            Block::Sheet(s) => Some(s),
            _ => None,
        })
        .collect()
    }

    fn sheet<'a>(screen: &'a Screen, testid: &str) -> &'a Sheet {
        let found = sheets(screen).into_iter().find(|s| s.testid == testid);
        found.unwrap_or_else(|| panic!("a sheet {testid}"))
    }

    /// The row of the steps sheet whose head is `step`, and the rows it spans.
    fn step_rows<'a>(steps: &'a Sheet, step: &str) -> (&'a SheetCell, &'a [Vec<SheetCell>]) {
        let at = steps
            .rows
            .iter()
            .position(|r| r[0].head && r[0].said() == step);
        let at = at.unwrap_or_else(|| panic!("a row for {step}"));
        let head = &steps.rows[at][0];
        (head, &steps.rows[at..at + head.rows])
    }

    #[test]
    fn the_record_sheet_shows_every_step_its_records_and_the_open_signatures() {
        let dev = in_publicity();
        let screen = record_sheet(dev.state(), CASE, Role::Approver, d(2026, 4, 3), true);
        let doc = card_with(&screen, "record-sheet").expect("the sheet");
        assert!(doc.document, "drawn as a document");
        let all = texts(&screen);
        assert!(all.contains(&"干部选拔任用工作纪实表".to_string()));
        let steps = sheets(&screen)[0];
        assert_eq!(steps.columns, ["环节", "纪实内容", "记录人/时间"]);
        // 组织考察: the two targets and the two inspections, one row each under one head.
        let (head, rows) = step_rows(steps, "组织考察");
        assert_eq!(head.rows, 4, "{rows:?}");
        assert!(rows.iter().all(|r| r.last().is_some_and(|who| who.hint)));
        // 试用期 has no record yet: one row saying so across both columns.
        let (head, rows) = step_rows(steps, "试用期转正");
        assert_eq!((head.rows, rows[0][1].columns), (1, 2));
        assert_eq!(rows[0][1].said(), "（无记录）");
        // Signatures: nothing signed yet, nothing submitted.
        let signs = sheet(&screen, "signatures");
        assert_eq!(signs.rows.len(), 2);
        let first: Vec<String> = signs.rows[0].iter().map(SheetCell::said).collect();
        assert!(first[1..6].iter().all(|x| x == "待签"), "{first:?}");
        assert_eq!(first[6], "");
    }

    #[test]
    fn personal_matters_print_only_for_those_who_may_read_them() {
        let dev = in_publicity();
        let on = d(2026, 4, 3);
        let content = |role| {
            let screen = record_sheet(dev.state(), CASE, role, on, true);
            let rows = &sheet(&screen, "disclosure-sheet").rows;
            assert_eq!(rows.len(), 1, "A's first disclosure");
            assert_eq!(rows[0][0].said(), "王建军 第一次");
            rows[0][2].said()
        };
        let read = content(Role::Approver);
        assert!(
            read.contains("配偶、子女从业情况：配偶在旗第一中学任教师"),
            "{read}"
        );
        let hidden = content(Role::Admin);
        assert_eq!(hidden, "内容仅限记录人、审核人、审批人查看");
        assert!(!hidden.contains("教师"));
    }

    #[test]
    fn a_printout_of_no_such_case_says_so_under_its_back_link() {
        let dev = in_publicity();
        for screen in [
            record_sheet(
                dev.state(),
                "case-none",
                Role::Approver,
                d(2026, 4, 3),
                true,
            ),
            publicity_notice(dev.state(), "case-none", true),
        ] {
            let said = texts(&screen);
            assert!(said.contains(&"未找到该选任事项".to_string()), "{said:?}");
        }
    }

    #[test]
    fn the_notice_names_the_appointee_the_working_day_window_and_the_channel() {
        let dev = in_publicity();
        let screen = publicity_notice(dev.state(), CASE, true);
        let notice = card_with(&screen, "notice").expect("the notice");
        assert!(notice.document);
        let table = sheet(&screen, "notice-table");
        let row: Vec<String> = table.rows[0].iter().map(SheetCell::said).collect();
        assert_eq!(
            row[..5],
            [
                "王建军",
                "男",
                "1985年06月",
                "格日朝鲁苏木党委委员",
                "格日朝鲁苏木副苏木达"
            ]
        );
        assert!(row[5].starts_with("年龄 40 岁 · 党龄 17 年"), "{row:?}");
        let all = texts(&screen);
        // Five working days across 清明 (04-04..06 off).
        let window = "公示时间：2026年04月02日 至 2026年04月09日（5 个工作日）。";
        assert!(all.contains(&window.to_string()), "{all:?}");
        assert!(all.contains(&"反映渠道：扎鲁特旗党建网、格日朝鲁苏木公示栏".to_string()));
        assert!(all.contains(&"中共县委组织部".to_string()));
    }

    #[test]
    fn before_publicity_the_notice_says_it_has_not_started_in_either_language() {
        let dev = through_decision();
        for (zh, line) in [
            (true, "任前公示尚未开始"),
            (false, "Publicity has not started"),
        ] {
            let screen = publicity_notice(dev.state(), CASE, zh);
            assert!(card_with(&screen, "notice").is_none());
            assert!(texts(&screen).contains(&line.to_string()));
        }
        let english = record_sheet(dev.state(), CASE, Role::Approver, d(2026, 4, 1), false);
        let steps = sheets(&english)[0];
        assert_eq!(steps.columns, ["Step", "Record", "By / when"]);
        assert!(texts(&english).contains(&"Cadre selection full-process record".to_string()));
    }
}

/// The W4 case page and pool as screens (`case_screen`, `pool_screen`): the steps,
/// the ranking, and the buttons turning the page to a correction or an edit, shown
/// only to the roles that may use them.
mod case_page {
    use super::*;
    use common::cadre::*;
    use jishi::domain::cadre_selection::case_screen::{case_progress, case_top, Viewer};
    use jishi::domain::cadre_selection::pool_screen::{cadre_list, post_list, CADRE_FORM};
    use jishi::domain::screen::{Focus, Record, Sheet, SheetCell, Stage};

    fn viewer(role: Role) -> Viewer {
        Viewer {
            role,
            today: d(2026, 3, 21),
            zh: true,
        }
    }

    fn stages(screen: &Screen) -> &[Stage] {
        let all = screen.iter().flat_map(|c| &c.blocks);
        let found = all.filter_map(|b| match b {
            Block::Stages(s) => Some(s.as_slice()),
            _ => None,
        });
        found.into_iter().next().expect("the steps")
    }

    fn records(screen: &Screen) -> Vec<&Record> {
        let all = screen.iter().flat_map(|c| &c.blocks);
        let found = all.filter_map(|b| match b {
            Block::Records { records, .. } => Some(records),
            _ => None,
        });
        found.flatten().collect()
    }

    #[test]
    fn a_recorder_may_correct_each_record_and_an_approver_reads_them() {
        let dev = through_inspection();
        let mine = case_progress(dev.state(), CASE, viewer(Role::Recorder));
        let inspection = stages(&mine)
            .iter()
            .find(|s| s.title == "组织考察")
            .unwrap();
        assert_eq!(
            inspection.state.1, "✓ 已完成",
            "two targets inspected for one seat"
        );
        let current: Vec<&str> = stages(&mine)
            .iter()
            .filter(|s| s.current)
            .map(|s| s.title.as_str())
            .collect();
        assert_eq!(current.len(), 1, "one step to record next: {current:?}");
        assert_eq!(inspection.records.len(), 4);
        let first = &inspection.records[0];
        let (text, focus) = first.correct.clone().expect("a correction button");
        assert_eq!(text, "更正");
        let id = first.attrs.iter().find(|(k, _)| *k == "data-form").unwrap();
        assert_eq!(
            focus.form, id.1,
            "the button turns the page to the record's own form"
        );
        assert_eq!(focus.replaces.len(), 1);
        assert_eq!(focus.replaces[0], focus.from);
        let theirs = case_progress(dev.state(), CASE, viewer(Role::Approver));
        let all = stages(&theirs).iter().flat_map(|s| &s.records);
        assert!(all.clone().count() > 0 && all.into_iter().all(|r| r.correct.is_none()));
    }

    #[test]
    fn the_ranking_puts_the_higher_total_first() {
        let dev = through_inspection();
        let screen = case_progress(dev.state(), CASE, viewer(Role::Approver));
        let all = screen.iter().flat_map(|c| &c.blocks);
        let ranking: Vec<&Sheet> = all
            .filter_map(|b| match b {
                Block::Sheet(s) if s.testid == "ranking" => Some(s),
                _ => None,
            })
            .collect();
        let rows: Vec<Vec<String>> = ranking[0]
            .rows
            .iter()
            .map(|r| r.iter().map(SheetCell::said).collect())
            .collect();
        assert_eq!(rows[0][..2], ["王建军", "1"]);
        assert_eq!(rows[0][7], "460", "five dimensions of 92");
        assert_eq!(rows[1][..2], ["李红梅", "2"]);
        assert_eq!(rows[1][7], "440");
    }

    #[test]
    fn the_head_links_the_documents_and_an_unknown_case_says_so() {
        let dev = through_inspection();
        let top = case_top(dev.state(), CASE, viewer(Role::Approver));
        let all = texts(&top);
        for text in ["纪实表", "公示通知", "填写率 100.00%，完整度 40.00%"] {
            assert!(all.iter().any(|t| t.contains(text)), "{text} in {all:?}");
        }
        let none = case_top(dev.state(), "case-none", viewer(Role::Approver));
        assert_eq!(texts(&none), ["← 选任事项", "未找到该选任事项"]);
        assert!(case_progress(dev.state(), "case-none", viewer(Role::Approver)).is_empty());
    }

    #[test]
    fn the_administrator_edits_cadres_and_posts_and_a_recorder_only_reads_them() {
        let dev = setup();
        let on = d(2026, 3, 2);
        let admin = cadre_list(dev.state(), Some(Role::Admin), on, true);
        let cadres = records(&admin);
        assert_eq!(cadres.len(), 9);
        let zhang = cadres.iter().find(|r| r.title.starts_with("张三")).unwrap();
        let (text, focus) = zhang.correct.clone().expect("an edit button");
        assert_eq!(text, "编辑");
        assert_eq!(focus.form, CADRE_FORM);
        assert_eq!((focus.from.as_str(), focus.replaces.len()), (GRADE, 1));
        let bars = texts(&vec![Card::new(zhang.body.clone())]);
        assert!(
            bars.iter().any(|b| b.starts_with("不得列为考察对象：")),
            "{bars:?}"
        );
        let reader = cadre_list(dev.state(), Some(Role::Recorder), on, true);
        assert!(records(&reader).iter().all(|r| r.correct.is_none()));
        let posts = vec![Card::new(post_list(
            dev.state(),
            Some(Role::Recorder),
            on,
            true,
        ))];
        let post = records(&posts)[0];
        assert_eq!(post.title, "格日朝鲁苏木副苏木达");
        assert!(
            texts(&posts).contains(&"职数 2 · 现有 1".to_string()),
            "{:?}",
            texts(&posts)
        );
        assert_eq!(post.correct, None::<(String, Focus)>);
    }
}

/// The W4 case forms as data (`case_forms`): ending a case, disclosing and correcting a
/// disclosure, signing and submitting, each read by the domain into the command the
/// decider records, and shown only to the roles that may send it.
mod case_forms {
    use super::*;
    use common::cadre::*;
    use jishi::domain::cadre_selection::case_forms::{
        disclosures_card, ending_forms, DisclosureInput, CORRECT_DISCLOSURE_FORM, DISCLOSE_FORM,
        END_CASE_FORM,
    };
    use jishi::domain::cadre_selection::case_screen::{Viewer, DISCLOSURE_AREA, DISCLOSURE_FORM};
    use jishi::domain::cadre_selection::signoff_screen::signoff_card;
    use jishi::domain::cadre_selection::{Ending, Round, Submission};
    use jishi::domain::form::{inputs_of_object, object_of, Options};
    use jishi::domain::screen::{Focus, Record};

    fn who(role: Role, today: chrono::NaiveDate) -> Viewer {
        Viewer {
            role,
            today,
            zh: true,
        }
    }

    fn sent(today: chrono::NaiveDate) -> Sent {
        Sent {
            today,
            now_ms: 1_774_000_000_000,
            random: 9,
        }
    }

    fn form_in(card: &Card, testid: &str) -> Option<FormBlock> {
        let mut blocks: Vec<&Block> = card.blocks.iter().collect();
        while let Some(b) = blocks.pop() {
            match b {
                Block::Form(f) if f.testid == testid => return Some((**f).clone()),
                Block::Record(r) => blocks.extend(r.body.iter()),
                _ => {}
            }
        }
        None
    }

    fn node<'a>(card: &'a Card, name: &str) -> &'a Record {
        let records = card.blocks.iter().filter_map(|b| match b {
            Block::Record(r) => Some(r.as_ref()),
            _ => None,
        });
        let mut found =
            records.filter(|r| r.attrs.iter().any(|(k, v)| *k == "data-node" && v == name));
        found.next().expect("the node")
    }

    #[test]
    fn a_recorder_ends_a_case_with_every_problem_named_first() {
        let mut dev = through_decision();
        let on = d(2026, 4, 1);
        let case = case(&dev).clone();
        let cards = ending_forms(&case, false, who(Role::Recorder, on));
        let end = form_in(&cards[0], "end-form").expect("the end form");
        assert_eq!(end.form.key, END_CASE_FORM.key);
        let problems = end
            .command(&typed(&[("on", "2026-04-31")]), &sent(on), dev.state())
            .unwrap_err();
        let said: Vec<&str> = problems.iter().map(|p| p.zh.as_str()).collect();
        assert_eq!(
            said,
            [
                "请选择终止原因",
                "请填写有效日期（年-月-日）",
                "请填写情况说明"
            ]
        );
        let inputs = typed(&[
            ("ending", "withdrawn"),
            ("on", "2026-04-01"),
            ("reason", "本人书面申请退出"),
        ]);
        let cmd = end.command(&inputs, &sent(on), dev.state()).unwrap();
        dev.ok(Role::Recorder, on, cmd);
        let ended = case_view_of(&dev, on);
        assert_eq!(ended.map(|e| e.ending), Some(Ending::Withdrawn));
        // Ended: no end form; the ending itself may be settled.
        let cards = ending_forms(case_ref(&dev), true, who(Role::Recorder, on));
        assert!(form_in(&cards[0], "end-form").is_none());
        assert!(form_in(&cards[0], "ending-fix").is_some());
        assert!(ending_forms(case_ref(&dev), true, who(Role::Approver, on)).is_empty());
    }

    fn case_ref(dev: &Device) -> &jishi::domain::cadre_selection::Case {
        case(dev)
    }

    fn case_view_of(
        dev: &Device,
        on: chrono::NaiveDate,
    ) -> Option<jishi::domain::cadre_selection::Ended> {
        jishi::domain::cadre_selection::case_view(dev.state(), CASE, on)?.ended
    }

    #[test]
    fn a_disclosure_round_trips_through_its_form_and_its_correction_is_prefilled() {
        let input = DisclosureInput {
            correct_reason: String::new(),
            cadre: A.into(),
            round: Round::Second,
            start: d(2026, 4, 2),
            matters: matters(),
        };
        let inputs = inputs_of_object(object_of(&input, false));
        let mut names = Options::default().input_names(&DISCLOSE_FORM);
        names.sort();
        assert_eq!(inputs.keys().cloned().collect::<Vec<_>>(), names);
        let options = Options::default().with("target", vec![(A.into(), "王建军".into())]);
        let read: DisclosureInput = DISCLOSE_FORM
            .read(&options, &inputs, d(2026, 4, 2))
            .unwrap();
        assert_eq!(read, input);

        let mut dev = through_consultation();
        let on = d(2026, 3, 27);
        let first = case(&dev).disclosures.keys().next().unwrap().clone();
        let focus = Focus {
            area: DISCLOSURE_AREA,
            form: DISCLOSURE_FORM.into(),
            replaces: vec![first.clone()],
            from: first,
            follow: false,
            each: false,
        };
        let card = disclosures_card(dev.state(), case(&dev), who(Role::Recorder, on), &focus);
        let fix = form_in(&card, "disclose-form").expect("the disclosure form");
        assert_eq!(fix.form.key, CORRECT_DISCLOSURE_FORM.key);
        assert_eq!(
            fix.init.get("family_employment").map(String::as_str),
            Some("配偶在旗第一中学任教师")
        );
        assert_eq!(
            fix.after
                .as_ref()
                .map(|f| (f.area, f.form.as_str(), f.replaces.len())),
            Some((DISCLOSURE_AREA, "", 0)),
            "once recorded the disclosure part turns back"
        );
        let mut inputs = fix.init.clone();
        inputs.insert("family_employment".into(), "配偶在旗第二中学任教师".into());
        let problems = fix.command(&inputs, &sent(on), dev.state()).unwrap_err();
        assert_eq!(problems[0].field.as_deref(), Some("correct_reason"));
        inputs.insert("correct_reason".into(), "学校名称记错".into());
        let cmd = fix.command(&inputs, &sent(on), dev.state()).unwrap();
        dev.ok(Role::Recorder, on, cmd);
        let card = disclosures_card(
            dev.state(),
            case(&dev),
            who(Role::Approver, on),
            &Focus::default(),
        );
        let said = texts(&vec![card.clone()]);
        assert!(
            said.iter()
                .any(|t| t == "配偶、子女从业情况：配偶在旗第二中学任教师"),
            "{said:?}"
        );
        assert!(
            form_in(&card, "disclose-form").is_none(),
            "an approver records no disclosure"
        );
    }

    #[test]
    fn each_signer_gets_only_their_line_and_the_approver_submits() {
        let mut dev = in_publicity();
        let on = d(2026, 4, 3);
        let card = signoff_card(case(&dev), who(Role::Admin, on));
        assert!(form_in(&card, "sign-Initial").is_none());
        let said = texts(&vec![card]);
        assert!(
            said.contains(
                &"只有记录人、干部科科长、干部监督科科长、审批人可以在纪实表上签字或提交"
                    .to_string()
            ),
            "{said:?}"
        );
        let card = signoff_card(case(&dev), who(Role::CadreChief, on));
        let sign = form_in(&card, "sign-Initial").expect("a sign form");
        assert_eq!(
            sign.options.list("lines"),
            [("CadreSectionChief".to_string(), "干部科科长".to_string())]
        );
        assert!(
            form_in(&card, "submit-Initial").is_none(),
            "a section chief does not submit"
        );
        sign_all(&mut dev, Submission::Initial, on);
        let card = signoff_card(case(&dev), who(Role::Approver, on));
        let submit = form_in(&card, "submit-Initial").expect("the approver submits");
        let cmd = submit
            .command(&typed(&[("on", "2026-04-03")]), &sent(on), dev.state())
            .unwrap();
        dev.ok(Role::Approver, on, cmd);
        let card = signoff_card(case(&dev), who(Role::Approver, on));
        let initial = texts(&vec![Card::new(node(&card, "Initial").body.clone())]);
        assert!(
            initial.contains(&"已提交：2026-04-03".to_string()),
            "{initial:?}"
        );
        assert!(
            initial.iter().any(|t| t.starts_with("分管副部长")),
            "{initial:?}"
        );
    }
}

/// The W4 step-record card (`record_form`): the choice of form and the form under it
/// always agree, the page follows the case once a step is done, and a correction is
/// prefilled and asks its reason with every other problem.
mod record_card {
    use super::*;
    use common::cadre::*;
    use jishi::domain::cadre_selection::case_screen::{Viewer, RECORD_AREA};
    use jishi::domain::cadre_selection::record_form::record_card;
    use jishi::domain::screen::Focus;

    fn card(dev: &Device, role: Role, on: chrono::NaiveDate, focus: &Focus) -> Screen {
        record_card(
            dev.state(),
            case(dev),
            Viewer {
                role,
                today: on,
                zh: true,
            },
            focus,
        )
    }

    /// The form key the selector shows and the form under it.
    fn shown(screen: &Screen) -> (String, &'static str) {
        let blocks = &screen[0].blocks;
        let chosen = blocks.iter().find_map(|b| match b {
            Block::Choose { chosen, .. } => Some(chosen.clone()),
            _ => None,
        });
        (chosen.expect("a choice of form"), forms(screen)[0].form.key)
    }

    fn sent(today: chrono::NaiveDate) -> Sent {
        Sent {
            today,
            now_ms: 1_774_000_000_000,
            random: 3,
        }
    }

    #[test]
    fn the_choice_and_the_form_agree_and_follow_the_case_once_its_step_is_done() {
        let mut dev = setup();
        let on = d(2026, 3, 2);
        let first = card(&dev, Role::Recorder, on, &Focus::default());
        assert_eq!(
            shown(&first),
            ("qualification".to_string(), "qualification")
        );
        // Chosen by the user: kept, even for a step not yet current.
        let chosen = Focus {
            form: "initiation".into(),
            ..Focus::default()
        };
        assert_eq!(
            shown(&card(&dev, Role::Recorder, on, &chosen)).1,
            "initiation"
        );
        let form = forms(&first)[0].clone();
        let inputs = typed(&[("on", "2026-03-02"), ("conditions", "符合任职资格条件")]);
        let cmd = form.command(&inputs, &sent(on), dev.state()).unwrap();
        dev.ok(Role::Recorder, on, cmd);
        // After a record the page follows the case: 任职资格 is done, so 动议 is shown.
        let after = form.after.clone().expect("turns after recording");
        assert!(after.follow);
        assert_eq!(
            shown(&card(&dev, Role::Recorder, on, &after)),
            ("initiation".to_string(), "initiation")
        );
    }

    #[test]
    fn a_correction_is_prefilled_and_asks_its_reason_with_every_other_problem() {
        let dev = through_nomination();
        let on = d(2026, 3, 10);
        let entry = case(&dev).records(jishi::domain::cadre_selection::Step::Initiation)[0].clone();
        let focus = Focus {
            area: RECORD_AREA,
            form: "initiation".into(),
            replaces: vec![entry.id.clone()],
            from: entry.id.clone(),
            follow: false,
            each: false,
        };
        let screen = card(&dev, Role::Recorder, on, &focus);
        let fix = forms(&screen)[0].clone();
        assert_eq!(fix.form.key, "initiation");
        assert!(fix.lead.is_some(), "the reason comes first");
        assert!(texts(&screen).contains(&"更正记录：提交后将形成新记录并引用原记录".to_string()));
        let mut inputs = fix.init.clone();
        assert!(
            inputs.get("proposer").is_some_and(|p| !p.is_empty()),
            "prefilled: {inputs:?}"
        );
        inputs.insert("on".into(), "2026-02-30".into());
        let problems = fix.command(&inputs, &sent(on), dev.state()).unwrap_err();
        let fields: Vec<&str> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["correct_reason", "on"], "both at once");
        inputs.insert("on".into(), "2026-03-03".into());
        inputs.insert("reason".into(), "副苏木达职位空缺".into());
        inputs.insert("correct_reason".into(), "动议理由补充".into());
        let cmd = fix.command(&inputs, &sent(on), dev.state()).unwrap();
        let said = format!("{cmd:?}");
        assert!(
            said.contains("Correct") && said.contains(&entry.id) && said.contains("动议理由补充"),
            "{said}"
        );
    }

    #[test]
    fn only_the_recorder_gets_the_form_and_an_ended_case_none() {
        let dev = through_nomination();
        let on = d(2026, 3, 10);
        let approver = card(&dev, Role::Approver, on, &Focus::default());
        assert!(forms(&approver).is_empty());
        assert_eq!(texts(&approver), ["只有记录人可以记录选任事项"]);
    }

    #[test]
    fn an_ended_case_offers_no_record_no_disclosure_and_no_correction() {
        use jishi::domain::cadre_selection::case_forms::disclosures_card;
        use jishi::domain::cadre_selection::case_screen::case_progress;
        use jishi::domain::cadre_selection::Ending;
        let mut dev = through_consultation();
        let on = d(2026, 3, 27);
        let end = jishi::domain::cadre_selection::Command::EndCase {
            case: CASE.into(),
            on,
            ending: Ending::Withdrawn,
            reason: "本人书面申请退出".into(),
        };
        dev.ok(Role::Recorder, on, end);
        let who = Viewer {
            role: Role::Recorder,
            today: on,
            zh: true,
        };
        assert!(card(&dev, Role::Recorder, on, &Focus::default()).is_empty());
        let card = disclosures_card(dev.state(), case(&dev), who, &Focus::default());
        let shown = vec![card];
        assert!(forms(&shown).is_empty(), "no disclosure form");
        let records = shown[0].blocks.iter().filter_map(|b| match b {
            Block::Record(r) => Some(r),
            _ => None,
        });
        let records: Vec<_> = records.collect();
        assert!(!records.is_empty() && records.iter().all(|r| r.correct.is_none()));
        let steps = case_progress(dev.state(), CASE, who);
        assert!(
            !texts(&steps).contains(&"更正".to_string()),
            "no step correction"
        );
    }
}

/// The home page's to-do list (`domain::home`): the missing calendar year, then what
/// each registered workflow asks now, each leading to where it is done.
mod home {
    use super::*;
    use jishi::domain::home::{todo_screen, todos};
    use jishi::route::Route;

    #[test]
    fn each_workflow_adds_its_own_to_dos_with_where_they_are_done() {
        let dev = graded_with_small_failing();
        let on = d(2027, 1, 20);
        let all = todos(dev.state(), on, true);
        let talk = all.iter().find(|x| x.text.contains("诫勉谈话 截止"));
        let talk = talk.expect("the failing village's warning talk");
        assert!(
            matches!(
                talk.route,
                Route::VillagePay(jishi::domain::village_pay::Page::Results(_))
            ),
            "{:?}",
            talk.route
        );
        // W4: 初次提交 is due five working days after the decision.
        let dev = common::cadre::through_decision();
        let late = todos(dev.state(), d(2026, 4, 20), true);
        let case = late.iter().find(|x| x.text.contains("初次提交已逾期"));
        let case = case.expect("the overdue submission");
        assert_eq!(
            case.route,
            Route::CadreSelection(jishi::domain::cadre_selection::Page::Case(
                common::cadre::CASE.into()
            ))
        );
        assert!(case.urgent);
    }

    #[test]
    fn a_missing_calendar_year_comes_first_and_an_empty_list_says_so() {
        let dev = Device::new("phone-a");
        let near = todos(dev.state(), d(2026, 12, 1), true);
        assert_eq!(near.len(), 1, "{near:?}");
        assert_eq!(near[0].route, Route::Data);
        assert!(near[0].text.starts_with("2027 年节假日和调休安排尚未录入"));
        let screen = todo_screen(dev.state(), d(2026, 6, 1), false);
        assert_eq!(texts(&screen), ["To do", "Nothing to do"]);
    }
}

/// A village's period page (`village_pay::slot_screen`): the score grid, 公示, objections
/// and the review, each form read into the command the decider records.
mod slot_page {
    use super::*;
    use jishi::domain::screen::{Focus, Focuses, Record, Sheet, Tone};
    use jishi::domain::village_pay::review_screen::REVIEW_AREA;
    use jishi::domain::village_pay::slot_screen::{slot_screen, SlotViewer, RESOLVE_AREA};
    use jishi::domain::village_pay::{Command as W1, Period};

    fn who(role: Role, today: chrono::NaiveDate) -> SlotViewer {
        SlotViewer {
            role: Some(role),
            name: name_of(role).to_string(),
            today,
            zh: true,
            townships: Vec::new(),
            outsider: None,
        }
    }

    fn page(dev: &Device, who: &SlotViewer, focus: &Focuses) -> Screen {
        slot_screen(dev.state(), (SMALL, YEAR, Period::Q1), who, focus)
    }

    fn sent(today: chrono::NaiveDate) -> Sent {
        Sent {
            today,
            now_ms: 0,
            random: 1,
        }
    }

    /// Every block, records' and folds' content included.
    fn blocks(screen: &Screen) -> Vec<&Block> {
        fn walk<'a>(b: &'a Block, out: &mut Vec<&'a Block>) {
            out.push(b);
            let inner: Vec<&Block> = match b {
                Block::Records { records, .. } => records.iter().flat_map(|r| &r.body).collect(),
                Block::Record(r) => r.body.iter().collect(),
                Block::Folded { blocks, .. } => blocks.iter().collect(),
                _ => Vec::new(),
            };
            inner.into_iter().for_each(|b| walk(b, out));
        }
        let mut out = Vec::new();
        screen
            .iter()
            .flat_map(|c| &c.blocks)
            .for_each(|b| walk(b, &mut out));
        out
    }

    fn form(screen: &Screen, testid: &str) -> Option<FormBlock> {
        blocks(screen).into_iter().find_map(|b| match b {
            Block::Form(f) if f.testid == testid => Some(f.as_ref().clone()),
            _ => None,
        })
    }

    fn records(screen: &Screen) -> Vec<&Record> {
        let each = blocks(screen).into_iter().flat_map(|b| match b {
            Block::Record(r) => vec![r.as_ref()],
            Block::Records { records, .. } => records.iter().collect(),
            _ => Vec::new(),
        });
        each.collect()
    }

    fn normalized(sheet: &Sheet) -> String {
        let last = sheet.rows.last().expect("the total row");
        last[1].said()
    }

    /// 巴彦芒哈嘎查 Q1 scored by the assessor on 03-25 with the 2026 set (100 points).
    fn scored(points: f64) -> Device {
        let mut dev = Device::new("phone-a");
        dev.township_2026();
        dev.submit(SMALL, YEAR, Period::Q1, scores_of(points));
        dev
    }

    #[test]
    fn the_assessor_scores_through_the_grid_every_wrong_row_named_at_once() {
        let mut dev = Device::new("phone-a");
        dev.township_2026();
        let on = d(2026, 3, 25);
        let screen = page(&dev, &who(Role::Assessor, on), &Focuses::default());
        let score = form(&screen, "score-form").expect("the score form");
        assert_eq!(
            score.init["assessor"], ASSESSOR,
            "starts with the user's name"
        );
        let rows = score.options.list("indicators");
        assert_eq!(
            rows[0],
            ("dj".to_string(), "党建引领（满分 30）".to_string())
        );
        let bad = typed(&[
            ("scores.dj", "31"),
            ("scores.cy", "26"),
            ("scores.zl", "20"),
            ("scores.ms", "15"),
            ("scores.zf", "abc"),
            ("assessor", " "),
            ("assessed_on", "2026-13-01"),
        ]);
        let all = score.command(&bad, &sent(on), dev.state()).unwrap_err();
        let fields: Vec<&str> = all.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(
            fields,
            [
                "scores.dj",
                "scores.cy",
                "scores.zf",
                "assessor",
                "assessed_on"
            ],
            "every wrong row and field at once, each named where it is drawn"
        );
        assert!(all[0].zh.contains("党建引领"), "{}", all[0].zh);
        let good = typed(&[
            ("scores.dj", "28"),
            ("scores.cy", "22.5"),
            ("scores.zl", "18"),
            ("scores.ms", "14"),
            ("scores.zf", "9"),
            ("assessor", ASSESSOR),
            ("assessed_on", "2026-03-25"),
            ("note", "入村实地查验"),
        ]);
        let cmd = score.command(&good, &sent(on), dev.state()).unwrap();
        let expected = W1::SubmitScores {
            village: SMALL.into(),
            year: YEAR,
            period: Period::Q1,
            scores: halves(&[("dj", 56), ("cy", 45), ("zl", 36), ("ms", 28), ("zf", 18)]),
            assessor: ASSESSOR.into(),
            assessed_on: on,
            note: "入村实地查验".into(),
        };
        assert_eq!(cmd, expected.into());
        dev.ok(Role::Assessor, on, cmd);
        let screen = page(&dev, &who(Role::Assessor, on), &Focuses::default());
        let sheet = blocks(&screen).into_iter().find_map(|b| match b {
            Block::Sheet(s) => Some(s.clone()),
            _ => None,
        });
        let sheet = sheet.expect("the standing scores");
        assert_eq!(sheet.caption, "第 1 版指标");
        assert_eq!(sheet.rows[1][1].said(), "22.5 / 25");
        assert_eq!(normalized(&sheet), "91.50");
        // Before 公示 the assessor may correct them, starting from what stands.
        let correction = form(&screen, "correction-form").expect("the correction");
        assert_eq!(correction.init["scores.cy"], "22.5");
        assert!(correction.folded.is_some() && !correction.open);
        // The organizer opens 公示; the assessor reads who may.
        assert!(form(&screen, "publicity-form").is_none());
        assert!(texts(&screen).iter().any(|t| t.contains("开始公示")));
    }

    #[test]
    fn a_village_head_reads_who_scores_and_gets_no_form() {
        let mut dev = Device::new("phone-a");
        dev.township_2026();
        let screen = page(
            &dev,
            &who(Role::VillageHead, d(2026, 3, 25)),
            &Focuses::default(),
        );
        assert!(form(&screen, "score-form").is_none());
        let said = texts(&screen);
        assert!(
            said.iter().any(|t| t.contains("评分或更正评分")),
            "{said:?}"
        );
    }

    #[test]
    fn an_objection_is_raised_upheld_with_corrected_scores_or_dismissed_with_a_reason() {
        let mut dev = scored(70.0);
        let start = dev.open_publicity(SMALL, YEAR, Period::Q1);
        let on = plus(start, 3);
        let head = page(&dev, &who(Role::VillageHead, on), &Focuses::default());
        let raise = form(&head, "objection-form").expect("a head may object");
        let cmd = raise
            .command(
                &typed(&[
                    ("objector", "村民赵强"),
                    ("content", "产业发展得分偏低"),
                    ("raised_on", "2026-03-28"),
                ]),
                &sent(on),
                dev.state(),
            )
            .unwrap();
        dev.ok(Role::VillageHead, on, cmd);
        assert!(
            form(&head, "finalize-form").is_none(),
            "a head does not finalize"
        );

        let organizer = who(Role::Organizer, on);
        let screen = page(&dev, &organizer, &Focuses::default());
        let objection = records(&screen)
            .into_iter()
            .find(|r| r.title.contains("产业发展得分偏低"))
            .expect("the objection, listed");
        assert_eq!(objection.title, "村民赵强 · 2026-03-28 · 产业发展得分偏低");
        // Dismissing turns its form to a reason and a date, without scores.
        let id = dev.state().village_pay.counted.slots[&(SMALL.to_string(), YEAR, Period::Q1)]
            .objections
            .keys()
            .next()
            .unwrap()
            .clone();
        let mut focus = Focuses::default();
        focus.set(Focus {
            area: RESOLVE_AREA,
            form: "dismissed".into(),
            from: id.clone(),
            each: true,
            ..Focus::default()
        });
        let dismissed = form(&page(&dev, &organizer, &focus), "resolve-form").unwrap();
        assert_eq!(dismissed.form.key, "dismissed");
        let cmd = dismissed
            .command(
                &typed(&[("note", "经核实评分无误"), ("resolved_on", "2026-03-29")]),
                &sent(on),
                dev.state(),
            )
            .unwrap();
        assert!(matches!(
            cmd,
            jishi::domain::command::Command::VillagePay(W1::ResolveObjection { upheld: None, .. })
        ));
        // Upheld: 产业发展 raised by 2 points from what stands.
        let upheld = form(&screen, "resolve-form").expect("upheld by default");
        assert_eq!(upheld.form.key, "upheld");
        let mut inputs = upheld.init.clone();
        let before: f64 = inputs["scores.cy"].parse().unwrap();
        inputs.insert("scores.cy".into(), format!("{}", before + 2.0));
        inputs.insert("note".into(), "经核实合作社分红应计入".into());
        inputs.insert("resolved_on".into(), "2026-03-29".into());
        let cmd = upheld.command(&inputs, &sent(on), dev.state()).unwrap();
        dev.ok(Role::Organizer, on, cmd);
        let screen = page(&dev, &organizer, &Focuses::default());
        let resolved = records(&screen)
            .into_iter()
            .find(|r| r.title.contains("产业发展得分偏低"))
            .unwrap();
        let Block::Line { tone, text, .. } = &resolved.body[0] else {
            panic!("a line")
        };
        assert_eq!(*tone, Tone::Ok);
        assert!(text.starts_with("异议成立，已更正（2026-03-29，"), "{text}");
        assert!(form(&screen, "resolve-form").is_none(), "resolved: no form");
        assert!(
            texts(&screen).iter().any(|t| t == "72.00"),
            "the standing total went up by 2"
        );
    }

    #[test]
    fn two_phones_scoring_offline_are_reviewed_side_by_side_and_a_version_fills_the_form() {
        let mut a = Device::new("phone-a");
        a.township_2026();
        let mut b = Device::new("phone-b");
        a.send_to(&mut b);
        a.submit(SMALL, YEAR, Period::Q1, scores_of(80.0));
        b.submit(SMALL, YEAR, Period::Q1, scores_of(85.0));
        b.send_to(&mut a);
        let on = d(2026, 3, 27);
        let organizer = who(Role::Organizer, on);
        let screen = page(&a, &organizer, &Focuses::default());
        let review = card_with(&screen, "conflict").expect("the review card");
        assert_eq!(review.class, "review");
        let versions = records(&screen);
        assert_eq!(versions.len(), 2, "both entries are kept and shown");
        assert!(
            form(&screen, "publicity-form").is_none(),
            "nothing goes on before the review"
        );
        let v85 = versions
            .iter()
            .find(|r| {
                r.body
                    .iter()
                    .any(|b| matches!(b, Block::Sheet(s) if normalized(s) == "85.00"))
            })
            .expect("the 85 sheet");
        let (text, focus) = v85.correct.clone().expect("采用此份");
        assert_eq!(
            text,
            format!("采用此份（{ASSESSOR}）"),
            "named by whose scores it adopts"
        );
        assert_eq!(focus.area, REVIEW_AREA);
        let mut chosen = Focuses::default();
        chosen.set(focus);
        let filled = form(&page(&a, &organizer, &chosen), "review-form").unwrap();
        assert_eq!(
            filled.init.len(),
            5,
            "every indicator filled from the 85 sheet"
        );
        let problems = filled
            .command(&filled.init, &sent(on), a.state())
            .unwrap_err();
        assert_eq!(problems[0].field.as_deref(), Some("reason"));
        let mut inputs = filled.init.clone();
        inputs.insert("reason".into(), "经现场核对，以赵刚记录为准".into());
        let cmd = filled.command(&inputs, &sent(on), a.state()).unwrap();
        assert!(
            filled.after.as_ref().is_some_and(|f| f.from.is_empty()),
            "the fill is cleared once recorded"
        );
        a.ok(Role::Organizer, on, cmd);
        let screen = page(&a, &organizer, &Focuses::default());
        assert!(card_with(&screen, "conflict").is_none(), "settled");
        assert!(texts(&screen).iter().any(|t| t == "修改痕迹 (2)"));
        assert!(form(&screen, "publicity-form").is_some());

        // The assessor sees the review but no way to settle it, and reads who may.
        let screen = page(&b, &who(Role::Assessor, on), &Focuses::default());
        assert!(records(&screen).iter().all(|r| r.correct.is_none()));
        assert!(form(&screen, "review-form").is_none());
    }

    #[test]
    fn each_objection_keeps_its_own_outcome_and_another_townships_staff_get_no_form() {
        let mut dev = scored(70.0);
        let start = dev.open_publicity(SMALL, YEAR, Period::Q1);
        let on = plus(start, 3);
        for (who, what) in [
            ("村民赵强", "产业发展得分偏低"),
            ("村民钱芳", "作风建设加分未计入"),
        ] {
            let cmd = W1::RaiseObjection {
                village: SMALL.into(),
                year: YEAR,
                period: Period::Q1,
                objector: who.into(),
                content: what.into(),
                raised_on: plus(start, 1),
            };
            dev.ok(Role::VillageHead, on, cmd);
        }
        let slot = &dev.state().village_pay.counted.slots[&(SMALL.to_string(), YEAR, Period::Q1)];
        let ids: Vec<String> = slot.objections.keys().cloned().collect();
        let organizer = who(Role::Organizer, on);
        let mut focus = Focuses::default();
        let second = Focuses::default().get_each(RESOLVE_AREA, &ids[1]);
        focus.set(Focus {
            form: "dismissed".into(),
            ..second.clone()
        });
        let forms: Vec<&str> = blocks(&page(&dev, &organizer, &focus))
            .into_iter()
            .filter_map(|b| match b {
                Block::Form(f) if f.testid == "resolve-form" => Some(f.form.key),
                _ => None,
            })
            .collect();
        assert_eq!(
            forms,
            ["upheld", "dismissed"],
            "the first keeps its own outcome"
        );
        // Clearing after a save clears that objection's choice only.
        let cleared = Focus {
            form: "dismissed".into(),
            ..second
        }
        .cleared();
        assert!(cleared.each && cleared.from == ids[1] && cleared.form.is_empty());

        // Staff of another township read why, and get no form.
        let mut outsider = who(Role::Organizer, on);
        outsider.townships = vec!["t-other".into()];
        let screen = page(&dev, &outsider, &Focuses::default());
        assert!(blocks(&screen).iter().all(|b| !matches!(b, Block::Form(_))));
        let said = texts(&screen);
        assert!(
            said.iter()
                .any(|t| t.contains("您不是“乌力吉木仁苏木”的工作人员")),
            "{said:?}"
        );
        let mut member = outsider.clone();
        member.townships.push(TOWNSHIP.into());
        assert!(form(&page(&dev, &member, &Focuses::default()), "finalize-form").is_some());
    }

    #[test]
    fn the_page_reads_wholly_in_english() {
        let dev = scored(70.0);
        let mut en = who(Role::Organizer, d(2026, 3, 26));
        en.zh = false;
        let screen = page(&dev, &en, &Focuses::default());
        let data = [
            "巴彦芒哈嘎查",
            "包金山",
            "白玉兰",
            ASSESSOR,
            "入村实地查验",
            "党建引领",
            "产业发展",
            "基层治理",
            "民生服务",
            "作风建设",
            ORGANIZER,
        ];
        for text in texts(&screen) {
            let mut rest = text.clone();
            for d in data {
                rest = rest.replace(d, "");
            }
            assert!(
                !rest.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c)
                    || ('\u{ff00}'..='\u{ffef}').contains(&c)),
                "not English: {text:?}"
            );
        }
        let forms: Vec<String> = blocks(&screen)
            .into_iter()
            .filter_map(|b| match b {
                Block::Form(f) => Some(f.button.clone()),
                _ => None,
            })
            .collect();
        assert!(forms.contains(&"Open publicity".to_string()), "{forms:?}");
    }
}

/// The indicators page (`village_pay::indicators_screen`): publish through rows, every
/// wrong row named, a new version from the published one, concurrent versions settled.
mod indicators_page {
    use super::*;
    use jishi::domain::village_pay::indicators_screen::indicators_screen;
    use jishi::domain::village_pay::Period;

    fn page(dev: &Device, role: Role, zh: bool) -> Screen {
        let who = jishi::domain::village_pay::slot_screen::SlotViewer {
            role: Some(role),
            name: String::new(),
            today: d(2026, 1, 15),
            zh,
            townships: Vec::new(),
            outsider: None,
        };
        indicators_screen(dev.state(), (TOWNSHIP, YEAR), &who)
    }

    fn sent(n: u64) -> Sent {
        Sent {
            today: d(2026, 1, 15),
            now_ms: 1_767_000_000_000,
            random: n,
        }
    }

    fn publish_form(screen: &Screen) -> FormBlock {
        forms(screen)
            .into_iter()
            .find(|f| f.testid == "indicator-form")
            .expect("the publish form")
            .clone()
    }

    #[test]
    fn the_organizer_publishes_rows_every_wrong_row_named_and_a_new_version_starts_from_it() {
        let mut dev = Device::new("phone-a");
        dev.master_data();
        let screen = page(&dev, Role::Organizer, true);
        let form = publish_form(&screen);
        assert!(form.init.is_empty(), "nothing published yet: blank rows");
        let bad = typed(&[
            ("name.0", "党建引领"),
            ("max.0", "三十"),
            ("name.1", ""),
            ("max.1", ""),
            ("name.2", "产业发展"),
            ("max.2", "25"),
            ("weight.2", "x"),
        ]);
        let all = form.command(&bad, &sent(1), dev.state()).unwrap_err();
        let said: Vec<&str> = all.iter().map(|v| v.zh.as_str()).collect();
        assert_eq!(all.len(), 2, "{said:?}");
        assert!(
            said[0].starts_with("第1行：") && said[1].starts_with("第3行："),
            "{said:?}"
        );
        let mut rows = Vec::new();
        for (i, (name, max)) in [
            ("党建引领", "30"),
            ("产业发展", "25"),
            ("基层治理", "20"),
            ("民生服务", "15"),
            ("作风建设", "10"),
        ]
        .iter()
        .enumerate()
        {
            rows.push((format!("name.{i}"), name.to_string()));
            rows.push((format!("max.{i}"), max.to_string()));
        }
        let cmd = form
            .command(&rows.into_iter().collect(), &sent(1), dev.state())
            .unwrap();
        dev.ok(Role::Organizer, d(2026, 1, 15), cmd);
        let set = dev
            .state()
            .village_pay
            .counted
            .indicators(TOWNSHIP, YEAR)
            .unwrap()
            .clone();
        let names: Vec<&str> = set.indicators.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            ["党建引领", "产业发展", "基层治理", "民生服务", "作风建设"]
        );
        let mut ids: Vec<&str> = set.indicators.iter().map(|i| i.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 5, "each row its own id");
        // The published version is shown, and a new one starts from it.
        let screen = page(&dev, Role::Organizer, true);
        assert!(texts(&screen).contains(&"已发布版本 1".to_string()));
        let form = publish_form(&screen);
        assert_eq!(form.init["name.4"], "作风建设");
        assert_eq!(form.init["max.1"], "25");
    }

    #[test]
    fn once_scored_the_set_is_locked_and_no_publish_form_is_offered() {
        let mut dev = Device::new("phone-a");
        dev.township_2026();
        dev.submit(SMALL, YEAR, Period::Q1, scores_of(80.0));
        let screen = page(&dev, Role::Organizer, true);
        assert!(
            forms(&screen).is_empty(),
            "the decider would refuse a new version"
        );
        assert!(texts(&screen)
            .iter()
            .any(|t| t.starts_with("本年度已有评分记录")));
    }

    #[test]
    fn an_assessor_reads_the_published_set_and_who_publishes() {
        let mut dev = Device::new("phone-a");
        dev.township_2026();
        let screen = page(&dev, Role::Assessor, false);
        assert!(forms(&screen).is_empty());
        let said = texts(&screen);
        assert!(
            said.contains(&"Published version 1".to_string()),
            "{said:?}"
        );
        assert!(
            said.iter().any(|t| t.contains("publish indicators")),
            "{said:?}"
        );
    }

    #[test]
    fn two_sets_published_offline_are_both_shown_and_the_organizer_keeps_one() {
        let mut a = Device::new("phone-a");
        a.master_data();
        let mut b = Device::new("phone-b");
        a.send_to(&mut b);
        a.publish(YEAR, indicators_2026());
        let mut other = indicators_2026();
        other.truncate(3);
        b.publish(YEAR, other);
        b.send_to(&mut a);
        let screen = page(&a, Role::Organizer, true);
        let conflict = card_with(&screen, "indicator-conflict").expect("the conflict card");
        let keep = conflict
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Form(f) => Some(f.as_ref().clone()),
                _ => None,
            })
            .expect("the keep form");
        let sets = keep.options.list("sets").to_vec();
        assert_eq!(sets.len(), 2);
        let refused = keep
            .command(&typed(&[("keep", &sets[0].0)]), &sent(2), a.state())
            .unwrap_err();
        assert_eq!(refused[0].field.as_deref(), Some("reason"));
        let cmd = keep
            .command(
                &typed(&[("keep", &sets[1].0), ("reason", "以旗里下发的版本为准")]),
                &sent(2),
                a.state(),
            )
            .unwrap();
        a.ok(Role::Organizer, d(2026, 1, 16), cmd);
        assert!(card_with(&page(&a, Role::Organizer, true), "indicator-conflict").is_none());
    }
}

/// Who uses the phone: the user form, read by the domain.
mod user_form {
    use jishi::domain::event::Role;
    use jishi::domain::user_form::{read_user, role_options, user_inputs};

    #[test]
    fn a_name_and_a_role_are_read_and_a_blank_name_is_refused() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let mut inputs = user_inputs(Some(("  赵志刚 ", Role::Organizer)));
        assert_eq!(
            read_user(&inputs, today),
            Ok(("赵志刚".to_string(), Role::Organizer))
        );
        // A pasted zero-width space or byte-order mark is no part of the name: the
        // signatures and records of one person carry one name (domain::text).
        let pasted = user_inputs(Some(("\u{FEFF}赵志刚\u{200B}", Role::Organizer)));
        assert_eq!(
            read_user(&pasted, today),
            Ok(("赵志刚".to_string(), Role::Organizer))
        );
        inputs.insert("name".into(), " ".into());
        inputs.insert("role".into(), "king".into());
        let all = read_user(&inputs, today).unwrap_err();
        assert_eq!(all[0].field.as_deref(), Some("name"));
        assert_eq!(
            user_inputs(None)["role"],
            "assessor",
            "a new user is an assessor by default"
        );
        assert_eq!(role_options(true).list("roles").len(), Role::ALL.len());
        let long = user_inputs(Some((&"长".repeat(201), Role::Assessor)));
        assert_eq!(
            read_user(&long, today).unwrap_err()[0].code,
            "field.too_long"
        );
        // The home page's year: digits within 2000–2100, else this year.
        use jishi::domain::home::chosen_year;
        assert_eq!(chosen_year(" 2025 ", today), 2025);
        for typed in ["", "0", "-1", "300000", "2147483647", "二〇二五"] {
            assert_eq!(chosen_year(typed, today), 2026, "{typed:?}");
        }
    }
}

/// The master-data page (`domain::master_screen`): each role's forms.
mod master_page {
    use super::*;
    use jishi::domain::master_screen::master_screen;

    fn sent() -> Sent {
        Sent {
            today: d(2026, 1, 10),
            now_ms: 1_767_000_000_000,
            random: 42,
        }
    }

    fn all_forms(screen: &Screen) -> Vec<FormBlock> {
        let mut out = Vec::new();
        for b in screen.iter().flat_map(|c| &c.blocks) {
            match b {
                Block::Form(f) => out.push(f.as_ref().clone()),
                Block::Records { records, .. } => {
                    for r in records {
                        for b in &r.body {
                            if let Block::Form(f) = b {
                                out.push(f.as_ref().clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        out
    }

    #[test]
    fn the_administrator_adds_and_edits_villages_an_organizer_their_heads_an_assessor_reads() {
        let mut dev = Device::new("phone-a");
        dev.master_data();
        let admin = master_screen(dev.state(), Some(Role::Admin), true);
        let ids: Vec<&str> = all_forms(&admin).iter().map(|f| f.testid).collect();
        assert_eq!(
            ids.iter().filter(|t| **t == "village-form").count(),
            4,
            "each village editable"
        );
        assert!(
            ids.contains(&"add-township") && ids.contains(&"add-village"),
            "{ids:?}"
        );
        // A new village gets a new id; every field's message at once.
        let add = all_forms(&admin)
            .into_iter()
            .find(|f| f.testid == "add-village")
            .unwrap();
        let bad = add
            .command(&typed(&[("population", "两千")]), &sent(), dev.state())
            .unwrap_err();
        let fields: Vec<&str> = bad.iter().filter_map(|v| v.field.as_deref()).collect();
        assert_eq!(fields, ["name", "population"]);
        let cmd = add
            .command(
                &typed(&[
                    ("name", "红旗嘎查"),
                    ("population", "1,500"),
                    ("secretary", "李明"),
                    ("director", "王芳"),
                ]),
                &sent(),
                dev.state(),
            )
            .unwrap();
        let jishi::domain::command::Command::Master(MasterCommand::RecordVillage {
            village,
            population,
            ..
        }) = &cmd
        else {
            panic!("{cmd:?}")
        };
        assert!(village.starts_with("v-") && *population == 1500, "{cmd:?}");
        dev.ok(Role::Admin, d(2026, 1, 10), cmd);

        let organizer = master_screen(dev.state(), Some(Role::Organizer), true);
        let forms = all_forms(&organizer);
        assert!(
            forms.iter().all(|f| f.testid == "heads-form"),
            "an organizer records heads only"
        );
        assert_eq!(forms.len(), 5);
        assert!(texts(&organizer)
            .iter()
            .any(|t| t.contains("录入乡镇、村和政策参数")));
        let heads = &forms[0];
        let mut inputs = heads.init.clone();
        inputs.insert("director".into(), " 新主任 ".into());
        let cmd = heads.command(&inputs, &sent(), dev.state()).unwrap();
        dev.ok(Role::Organizer, d(2026, 1, 10), cmd);
        assert!(dev
            .state()
            .master
            .villages
            .values()
            .any(|v| v.director == "新主任"));

        let assessor = master_screen(dev.state(), Some(Role::Assessor), false);
        assert!(all_forms(&assessor).is_empty());
        assert!(texts(&assessor)
            .iter()
            .any(|t| t.starts_with("population 1500")));
    }
}

/// The township board exported (issue 14): per village each quarter's and the year's
/// score as a bare number and where it stands as text, its dates YYYY-MM-DD, the same
/// figures as the board; a village named like a formula kept as text.
#[test]
fn the_board_exports_scores_as_numbers_and_statuses_as_text() {
    use common::csv_read::{bare_number, download, guarded, rows};
    use jishi::domain::village_pay::screens::board;
    use jishi::domain::village_pay::Period;
    let mut dev = Device::new("phone-board");
    dev.township_2026();
    let formula = MasterCommand::RecordVillage {
        village: "v-formula".into(),
        township: TOWNSHIP.into(),
        name: "=1+1嘎查".into(),
        population: 500,
        secretary: "巴特尔".into(),
        director: "巴特尔".into(),
    };
    dev.ok(Role::Admin, d(2025, 1, 6), formula);
    // 27.5 + 20 + 18 + 14 + 9.5 = 89 of 100.
    let scores = halves(&[("dj", 55), ("cy", 40), ("zl", 36), ("ms", 28), ("zf", 19)]);
    dev.submit(SMALL, 2026, Period::Q1, scores.clone());
    let start = dev.open_publicity(SMALL, 2026, Period::Q1);
    dev.submit(LARGE, 2026, Period::Q1, scores);
    let view = township_year(dev.state(), TOWNSHIP, 2026, d(2026, 3, 27));
    let screen = board(TOWNSHIP_NAME, &view, true);
    let csv = rows(&download(&screen, "board-csv"));
    let head: Vec<&str> = csv[0].iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        head,
        [
            "村",
            "第一季度得分",
            "第一季度状态",
            "第二季度得分",
            "第二季度状态",
            "第三季度得分",
            "第三季度状态",
            "第四季度得分",
            "第四季度状态",
            "年度考评得分",
            "年度考评状态"
        ]
    );
    let t = table(&screen);
    assert_eq!(csv.len(), t.rows.len() + 1);
    for (line, row) in csv[1..].iter().zip(&t.rows) {
        assert_eq!(line[0].0, guarded(&row.head));
        for (i, cell) in row.cells.iter().enumerate() {
            let chip = cell.chip.as_ref().expect("a chip");
            let (score, status) = (&line[1 + 2 * i], &line[2 + 2 * i]);
            assert_eq!(score.0, chip.value);
            assert!(score.1.is_empty() || bare_number(&score.1), "{score:?}");
            let word: String = chip.label.chars().take(2).collect();
            assert!(status.0.starts_with(&word), "{status:?} {chip:?}");
        }
    }
    let small = csv
        .iter()
        .find(|l| l[0].0 == "巴彦芒哈嘎查")
        .expect("the village");
    let end = start + chrono::Days::new(6);
    assert_eq!(start, d(2026, 3, 26));
    assert_eq!(small[1].1, "89.00");
    assert_eq!(small[2].0, format!("公示至{end}"));
    assert_eq!(small[2].0, "公示至2026-04-01");
    assert_eq!((small[3].1.as_str(), small[4].0.as_str()), ("", "未评"));
    let large = csv
        .iter()
        .find(|l| l[1].1 == "89.00" && l[0].0 != "巴彦芒哈嘎查");
    assert_eq!(large.expect("the other village")[2].0, "已评");
    assert!(csv.iter().any(|l| l[0].1 == "'=1+1嘎查"), "{csv:?}");
}
