//! The list of selection cases as CSV (选任事项清单): every case listed, each with when it
//! was opened, where it stands, its fill and completeness rates and its 初次提交 deadline.

use super::{Case, CaseSummary};
use crate::domain::csv::{typed, Cell};
use crate::domain::screen::{t, Block};

/// The CSV download of `cases` (listed and archived alike).
pub fn cases_csv(cases: &[(&Case, CaseSummary)], zh: bool) -> Block {
    let heads = [
        ("选任事项", "Case"),
        ("建立日期", "Opened on"),
        ("当前环节", "Current step"),
        ("填写率（%）", "Fill (%)"),
        ("完整度（%）", "Completeness (%)"),
        ("初次提交期限", "Initial submission due"),
        ("初次提交逾期", "Initial submission overdue"),
    ];
    let heads: Vec<String> = heads.iter().map(|(z, e)| t(zh, z, e)).collect();
    let rows: Vec<Vec<Cell>> = cases.iter().map(|(x, s)| row(x, s, zh)).collect();
    Block::Download {
        text: t(
            zh,
            "导出 CSV（Excel、WPS 可打开）",
            "Export CSV (opens in Excel, WPS)",
        ),
        file: t(zh, "干部选拔任用事项.csv", "cadre-selection-cases.csv"),
        mime: "text/csv;charset=utf-8",
        content: typed(&heads, &rows),
        testid: "cases-csv",
    }
}

fn row(x: &Case, s: &CaseSummary, zh: bool) -> Vec<Cell> {
    let now = match (&s.ended, s.current) {
        (Some(e), _) => format!("{}{}", t(zh, "已终止：", "ended: "), e.ending.label(zh)),
        (None, Some(step)) => step.label(zh).to_string(),
        (None, None) => t(zh, "全部完成", "all done"),
    };
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Cell::Text(String::new()), Cell::Date);
    vec![
        Cell::Text(x.title.clone()),
        date(x.opened_on),
        Cell::Text(now),
        Cell::hundredths(u64::from(s.rates.fill_bp())),
        Cell::hundredths(u64::from(s.rates.completeness_bp())),
        date(s.initial_due),
        Cell::Text(t(
            zh,
            if s.initial_overdue { "是" } else { "否" },
            if s.initial_overdue { "yes" } else { "no" },
        )),
    ]
}
