//! The township board as CSV (村级考评进度表): each village's quarters and year, the
//! score as a number and where it stands as text (公示 to a YYYY-MM-DD day, open
//! objections), so a spreadsheet sums the scores and reads the statuses.

use super::{PeriodCell, PeriodStatus, TownshipYearView};
use crate::domain::csv::{typed, Cell};
use crate::domain::screen::{t, Block};

/// The CSV download of township `name`'s board for its year.
pub fn board_csv(name: &str, v: &TownshipYearView, zh: bool) -> Block {
    let mut heads = vec![t(zh, "村", "Village")];
    for p in super::Period::ALL {
        let p = p.label(zh);
        heads.push(format!("{p}{}", t(zh, "得分", " score")));
        heads.push(format!("{p}{}", t(zh, "状态", " status")));
    }
    let rows: Vec<Vec<Cell>> = v
        .rows
        .iter()
        .map(|r| {
            let cells = super::Period::ALL.into_iter().flat_map(|p| {
                match r.cells.iter().find(|c| c.period == p) {
                    Some(c) => [score(c), Cell::Text(status(c, zh))],
                    None => [Cell::Text(String::new()), Cell::Text(String::new())],
                }
            });
            std::iter::once(Cell::Text(r.village.name.clone()))
                .chain(cells)
                .collect()
        })
        .collect();
    Block::Download {
        text: t(
            zh,
            "导出 CSV（Excel、WPS 可打开）",
            "Export CSV (opens in Excel, WPS)",
        ),
        file: format!(
            "{name}{}{}.csv",
            v.year,
            t(zh, "年村级考评进度", "-village-board")
        ),
        mime: "text/csv;charset=utf-8",
        content: typed(&heads, &rows),
        testid: "board-csv",
    }
}

/// The cell's score (hundredths) as a number, empty when none.
fn score(c: &PeriodCell) -> Cell {
    c.score.map_or(Cell::Text(String::new()), |s| {
        Cell::hundredths(u64::from(s))
    })
}

/// Where the cell stands in words, its dates whole, then its warnings.
fn status(c: &PeriodCell, zh: bool) -> String {
    let mut parts = vec![match &c.status {
        PeriodStatus::NotScored => t(zh, "未评", "not scored"),
        PeriodStatus::NeedsReview => t(zh, "需复核", "to review"),
        PeriodStatus::Scored => t(zh, "已评", "scored"),
        PeriodStatus::InPublicity { end } => format!("{}{end}", t(zh, "公示至", "public to ")),
        PeriodStatus::AwaitingFinal => t(zh, "待定稿", "to finalize"),
        PeriodStatus::Final(on) => format!("{}{on}", t(zh, "定稿于", "final on ")),
    }];
    if c.open_objections > 0 {
        parts.push(format!(
            "{}{}",
            t(zh, "异议", "objections "),
            c.open_objections
        ));
    }
    if c.republish {
        parts.push(t(zh, "须重新公示", "publicize again"));
    }
    parts.join(if zh { "；" } else { "; " })
}
