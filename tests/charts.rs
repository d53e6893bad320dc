#![cfg(not(target_arch = "wasm32"))]
//! Charts and exports (图表与导出) over the golden W1 year of 乌力吉木仁苏木 (four
//! villages graded: 乌力吉木仁嘎查 93.93 优秀, 乌兰哈达嘎查 79.33 and 白音花嘎查 66.03
//! 基本合格, 巴彦芒哈嘎查 50.00 不合格): the results page draws each chart with the bar
//! heights its figures give, and its CSV holds the table's figures as numbers.

mod common;

use std::path::PathBuf;

use common::{d, TOWNSHIP, TOWNSHIP_NAME};
use jishi::domain::chart::Chart;
use jishi::domain::event::Role;
use jishi::domain::screen::{Block, Screen, Table};
use jishi::domain::state::State;
use jishi::domain::village_pay::charts::grades_by_township;
use jishi::domain::village_pay::screens::results;
use jishi::domain::village_pay::township_year;
use jishi::store::{Ledger, MemoryStore};

fn golden() -> State {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/village_pay.json");
    let mut phone = Ledger::open(MemoryStore::default(), "phone-charts");
    let text = std::fs::read_to_string(file).unwrap();
    phone.import(&text).unwrap();
    phone.state().clone()
}

fn results_page(state: &State, zh: bool) -> Screen {
    let view = township_year(state, TOWNSHIP, 2026, d(2027, 1, 10));
    results(TOWNSHIP_NAME, &view, Some(Role::Organizer), zh)
}

fn blocks(screen: &Screen) -> impl Iterator<Item = &Block> {
    screen.iter().flat_map(|c| c.blocks.iter())
}

fn chart<'a>(screen: &'a Screen, id: &str) -> &'a Chart {
    let found = blocks(screen).find_map(|b| match b {
        Block::Chart(c) if c.testid == id => Some(c),
        _ => None,
    });
    found.unwrap_or_else(|| panic!("no chart {id}"))
}

/// Each group's label and its bars' heights.
fn bars(c: &Chart) -> Vec<(String, Vec<Option<u32>>)> {
    let labels = c.groups.iter().map(|g| g.label.clone());
    labels.zip(c.heights()).collect()
}

fn one(label: &str, h: u32) -> (String, Vec<Option<u32>>) {
    (label.to_string(), vec![Some(h)])
}

#[test]
fn the_results_page_charts_grades_and_pay_with_heights_from_the_seeds_numbers() {
    let page = results_page(&golden(), true);
    let grades = chart(&page, "chart-grades");
    assert_eq!(grades.caption, "正职等次（村数）");
    // 1 优秀, 2 基本合格, 1 不合格: the tallest is 2.
    assert_eq!(
        bars(grades),
        vec![one("优秀", 500), one("基本合格", 1000), one("不合格", 500)]
    );
    // Pay per head: 13,000 (9,000 + 4,000); 10,500 twice = 21,000; 7,000 (base only).
    // 13,000 / 21,000 = 0.61905 → 619; 7,000 / 21,000 = 0.33333 → 333.
    let pay = chart(&page, "chart-pay");
    assert_eq!(
        bars(pay),
        vec![one("优秀", 619), one("基本合格", 1000), one("不合格", 333)]
    );
    let shown: Vec<_> = pay.groups.iter().map(|g| g.shown[0].clone()).collect();
    assert_eq!(shown, vec!["13,000", "21,000", "7,000"]);
    let bands = chart(&page, "chart-composite");
    let counts: Vec<_> = bands.groups.iter().map(|g| g.values[0]).collect();
    assert_eq!(counts, vec![Some(1), Some(1), Some(1), Some(0), Some(1)]);
}

#[test]
fn each_villages_quarters_are_charted_on_one_scale_a_quarter_not_assessed_drawn_as_none() {
    let page = results_page(&golden(), true);
    let trend = chart(&page, "chart-quarters");
    assert_eq!(trend.series, vec!["一季度", "二季度", "三季度", "四季度"]);
    let of = |name: &str| {
        let all = bars(trend);
        all.into_iter().find(|(l, _)| l == name).unwrap().1
    };
    // The tallest is 乌力吉木仁嘎查's Q4, 96.00: 75.00 / 96.00 = 0.78125 → 781.
    assert_eq!(
        of("乌力吉木仁嘎查"),
        vec![Some(990), Some(974), Some(948), Some(1000)]
    );
    assert_eq!(
        of("乌兰哈达嘎查"),
        vec![Some(781), Some(813), Some(833), Some(859)]
    );
    assert_eq!(
        of("巴彦芒哈嘎查"),
        vec![Some(521), Some(521), None, Some(521)]
    );
    let g = trend
        .groups
        .iter()
        .find(|g| g.label == "巴彦芒哈嘎查")
        .unwrap();
    assert_eq!(g.shown, vec!["50.00", "50.00", "—", "50.00"]);
}

#[test]
fn the_county_sees_each_townships_grades() {
    let c = grades_by_township(&golden(), 2026, true);
    assert_eq!(c.series, vec!["优秀", "基本合格", "不合格"]);
    assert_eq!(c.groups.len(), 1);
    assert_eq!(c.groups[0].label, "乌力吉木仁苏木");
    assert_eq!(c.groups[0].values, vec![Some(1), Some(2), Some(1)]);
    // A year nobody graded: every bar 0, none drawn tall.
    let none = grades_by_township(&golden(), 2025, true);
    assert_eq!(none.heights(), vec![vec![Some(0), Some(0), Some(0)]]);
}

#[test]
fn an_ungraded_year_shows_no_chart_of_grades() {
    let state = golden();
    let view = township_year(&state, TOWNSHIP, 2025, d(2025, 12, 1));
    let page = results(TOWNSHIP_NAME, &view, Some(Role::Organizer), true);
    let any = blocks(&page).any(|b| matches!(b, Block::Chart(_)));
    assert!(!any, "nothing scored in 2025, nothing charted");
}

fn results_table(screen: &Screen) -> &Table {
    let found = blocks(screen).find_map(|b| match b {
        Block::Table(t) if t.testid == "results" => Some(t),
        _ => None,
    });
    found.unwrap()
}

#[test]
fn the_results_export_as_csv_with_the_tables_figures_as_numbers() {
    let page = results_page(&golden(), true);
    let csv = blocks(&page)
        .find_map(|b| match b {
            Block::Download {
                testid: "results-csv",
                file,
                content,
                mime,
                ..
            } => Some((file.clone(), content.clone(), *mime)),
            _ => None,
        })
        .expect("the results' CSV");
    assert_eq!(csv.0, "乌力吉木仁苏木2026年村级考评结果.csv");
    assert_eq!(csv.2, "text/csv;charset=utf-8");
    let text = csv.1.strip_prefix('\u{feff}').expect("a byte-order mark");
    let lines: Vec<&str> = text.split("\r\n").collect();
    let table = results_table(&page);
    assert_eq!(lines[0], table.columns.join(","));
    assert_eq!(
        lines.len(),
        table.rows.len() + 2,
        "a line per row and the last line end"
    );
    let large = lines
        .iter()
        .find(|l| l.starts_with("乌力吉木仁嘎查,"))
        .unwrap();
    assert_eq!(
        *large,
        "乌力吉木仁嘎查,95.00,93.50,91.00,96.00,94.00,93.93,1,实绩突出,优秀,9000,4000,13000"
    );
    let small = lines
        .iter()
        .find(|l| l.starts_with("巴彦芒哈嘎查,"))
        .unwrap();
    assert!(
        small.contains(",—,"),
        "a quarter not assessed is a dash: {small}"
    );
}

#[test]
fn the_charts_read_in_english_too() {
    let page = results_page(&golden(), false);
    let grades = chart(&page, "chart-grades");
    assert_eq!(grades.caption, "Heads' grades (villages)");
    let labels: Vec<_> = grades.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(labels, vec!["Excellent", "Basic pass", "Fail"]);
}

#[test]
fn the_list_of_cases_exports_its_rates_as_numbers_and_its_dates_as_iso() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cadre_selection.json");
    let mut phone = Ledger::open(MemoryStore::default(), "phone-cases");
    phone
        .import(&std::fs::read_to_string(file).unwrap())
        .unwrap();
    let page = jishi::domain::cadre_selection::screens::case_list(
        phone.state(),
        Some(Role::Admin),
        d(2026, 5, 1),
        true,
    );
    let content = blocks(&page)
        .find_map(|b| match b {
            Block::Download {
                testid: "cases-csv",
                content,
                ..
            } => Some(content.clone()),
            _ => None,
        })
        .expect("the cases' CSV");
    let lines: Vec<&str> = content
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(
        lines[0],
        "选任事项,建立日期,当前环节,填写率（%）,完整度（%）,初次提交期限,初次提交逾期"
    );
    assert_eq!(lines.len(), 3, "{lines:?}");
    let row: Vec<&str> = lines[1].split(',').collect();
    // 初次提交 was due 2026-04-06 and made 2026-04-08: late, as the list marks it.
    assert_eq!(
        &row[2..],
        ["试用期转正", "100.00", "90.00", "2026-04-06", "是"]
    );
    assert!(row[1].len() == 10 && row[1].starts_with("2026-"), "{row:?}");
}

#[test]
fn audit_coverage_is_charted_as_the_share_of_each_levels_units_the_table_counts() {
    use jishi::domain::annual_assessment::screens::Viewer;
    use jishi::domain::audit_grading::screens::overview_screen;
    use jishi::domain::chart::share_bp;
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/audit_grading.json");
    let mut phone = Ledger::open(MemoryStore::default(), "phone-audit");
    phone
        .import(&std::fs::read_to_string(file).unwrap())
        .unwrap();
    let who = Viewer {
        role: Some(Role::Auditor),
        today: d(2026, 6, 1),
        zh: true,
    };
    let page = overview_screen(phone.state(), &who);
    let table = blocks(&page)
        .find_map(|b| match b {
            Block::Table(t) if t.testid == "audit-coverage" => Some(t),
            _ => None,
        })
        .unwrap();
    let c = chart(&page, "chart-audit-coverage");
    assert_eq!(c.series, table.columns[1..].to_vec());
    assert_eq!(c.groups.len(), table.rows.len());
    let mut drawn = 0;
    for (row, (group, heights)) in table.rows.iter().zip(c.groups.iter().zip(c.heights())) {
        assert_eq!(row.head, group.label);
        for (cell, (value, h)) in row.cells.iter().zip(group.values.iter().zip(heights)) {
            let (a, b) = cell.text.split_once('/').unwrap();
            let (a, b): (u64, u64) = (a.parse().unwrap(), b.parse().unwrap());
            let share = (b > 0).then(|| share_bp(a, b));
            assert_eq!(*value, share, "{} {}", row.head, cell.text);
            // Drawn against the whole (100% full height), half a thousandth rounded up.
            let full = share.map(|s| u32::try_from((2 * s * 1000 + 10_000) / 20_000).unwrap());
            assert_eq!(h, full);
            drawn += usize::from(a > 0);
        }
    }
    assert!(drawn > 0, "the corpus audits some unit");
}

#[test]
fn the_pay_sheet_charts_the_countys_totals_by_year_as_the_sheet_sums_them() {
    use jishi::domain::village_heads::pay_screen::pay_screen;
    use jishi::domain::village_heads::pay_sheet::pay_sheet;
    use jishi::domain::village_heads::screens::Viewer;
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/village_heads.json");
    let mut phone = Ledger::open(MemoryStore::default(), "phone-heads");
    phone
        .import(&std::fs::read_to_string(file).unwrap())
        .unwrap();
    let today = d(2026, 12, 5);
    let who = Viewer {
        role: Some(Role::Admin),
        today,
        zh: true,
    };
    let page = pay_screen(phone.state(), 2026, who);
    let years = chart(&page, "chart-pay-years");
    let last = years.groups.last().unwrap();
    assert_eq!(last.label, "2026");
    // The sheet's county total of 2026 as the sheet itself sums it (the heads' base pay and
    // the care subsidies), read with thousands separators.
    assert_eq!(last.values, vec![Some(31_200)]);
    assert_eq!(last.shown, vec!["31,200"]);
    for g in &years.groups {
        let y: i32 = g.label.parse().unwrap();
        let sheet = pay_sheet(phone.state(), y, today, true).unwrap();
        assert_eq!(g.values, vec![Some(sheet.totals.total())], "{y}");
    }
    assert!(
        years.groups.len() <= 5,
        "this year and at most four before it"
    );
    // The county's grades: nobody graded in this corpus, every township's bars 0.
    let grades = chart(&page, "chart-township-grades");
    assert!(grades.heights().iter().flatten().all(|h| *h == Some(0)));
}
