//! The pay sheet's page (`pay_sheet`): a printable A4 document with each township's
//! lines and sums and the county's, its CSV export, and why it may still change. Only
//! the county reads it: the townships' W1 results it rests on are on the county's
//! phones alone.

use super::decide::{confirmable_year, Action};
use super::pay_sheet::{cells, columns, csv, pay_sheet, title, total_cells, PaySheet};
use super::screens::Viewer;
use super::Page;
use crate::domain::chart::{grouped, Chart, Group};
use crate::domain::screen::{t, Block, Card, CellLine, Link, Screen, Sheet, SheetCell, Tone};
use crate::domain::State;
use crate::route::Route;

/// The pay sheet of `year` for `who`.
pub fn pay_screen(state: &State, year: i32, who: Viewer) -> Screen {
    let zh = who.zh;
    let back = Link {
        text: t(zh, "← 村两委正职", "← Village heads"),
        route: Route::VillageHeads(Page::People),
    };
    if !who.role.is_some_and(|r| Action::Record.allows(r)) {
        let why = t(
            zh,
            "只有县委组织部管理员可以查看全旗县村干部报酬表",
            "Only the county administrator may read the county's pay sheet",
        );
        let line = Block::line(Tone::Hint, why).testid("not-yours");
        return vec![Card::new(vec![Block::Back(back), line])];
    }
    let sheet = pay_sheet(state, year, who.today, zh).filter(|_| confirmable_year(year, who.today));
    let Some(sheet) = sheet else {
        let line = Block::line(
            Tone::Warn,
            t(zh, "该年份没有报酬表", "No pay sheet for this year"),
        );
        return vec![Card::new(vec![Block::Back(back), line.testid("not-found")])];
    };
    let print = t(zh, "打印", "Print");
    let mut blocks = vec![
        Block::PrintBar { back, print },
        Block::Download {
            text: t(
                zh,
                "导出 CSV（Excel、WPS 可打开）",
                "Export CSV (opens in Excel, WPS)",
            ),
            file: match zh {
                true => format!("{}.csv", title(year, zh)),
                false => format!("village-heads-pay-{year}.csv"),
            },
            mime: "text/csv;charset=utf-8",
            content: csv(&sheet, zh),
            testid: "pay-csv",
        },
        Block::Actions {
            links: [year - 1, year + 1]
                .into_iter()
                .filter(|y| confirmable_year(*y, who.today))
                .map(|y| Link {
                    text: y.to_string(),
                    route: Route::VillageHeads(Page::PaySheet(y)),
                })
                .collect(),
            main: None,
        },
        Block::DocTitle(title(year, zh)),
    ];
    blocks.extend(
        sheet
            .provisional
            .iter()
            .map(|p| Block::line(Tone::Warn, p.clone()).testid("pay-provisional")),
    );
    blocks.extend(township_blocks(&sheet, zh));
    blocks.push(Block::Chart(totals_by_year(state, year, who.today, zh)));
    let grades = crate::domain::village_pay::charts::grades_by_township(state, year, zh);
    blocks.push(Block::Chart(grades));
    Vec::from([Card::document(blocks)])
}

/// How many years back the pay sheet's chart of totals reaches (this year included).
const YEARS_CHARTED: i32 = 5;

/// The county's pay-sheet totals of `year` and the years before it that have a sheet.
fn totals_by_year(state: &State, year: i32, today: chrono::NaiveDate, zh: bool) -> Chart {
    let first = year.saturating_sub(YEARS_CHARTED - 1);
    let years = (first..=year).filter(|y| confirmable_year(*y, today));
    let groups = years.filter_map(|y| {
        let sheet = pay_sheet(state, y, today, zh)?;
        Some(Group::new(
            y.to_string(),
            vec![Some(sheet.totals.total())],
            grouped,
        ))
    });
    Chart {
        testid: "chart-pay-years",
        caption: t(zh, "全旗县报酬合计（元）", "County pay totals (yuan)"),
        group_head: t(zh, "年度", "Year"),
        series: vec![t(zh, "合计（元）", "Total (yuan)")],
        groups: groups.collect(),
        full: None,
    }
}

fn township_blocks(sheet: &PaySheet, zh: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut summary = Vec::new();
    for township in &sheet.townships {
        let mut rows: Vec<Vec<SheetCell>> = township
            .lines
            .iter()
            .map(|l| sheet_row(cells(l), false))
            .collect();
        rows.push(sheet_row(
            total_cells(t(zh, "合计", "Total"), &township.totals),
            true,
        ));
        let mut part = Sheet {
            testid: "pay-township",
            columns: columns(zh),
            rows,
            ..Sheet::default()
        };
        part.caption = township.name.clone();
        out.push(Block::Sheet(part));
        summary.push(total_cells(township.name.clone(), &township.totals));
    }
    summary.push(total_cells(
        t(zh, "全旗县合计", "County total"),
        &sheet.totals,
    ));
    let mut heads = columns(zh);
    heads[0] = t(zh, "乡镇（苏木）", "Township");
    let sums = [0, 3, 4, 5, 6, 7];
    let keep = |row: Vec<String>| sums.iter().map(|&i| row[i].clone()).collect::<Vec<_>>();
    let last = summary.len().saturating_sub(1);
    let rows = summary
        .into_iter()
        .enumerate()
        .map(|(i, r)| sheet_row(keep(r), i == last));
    let county = Sheet {
        testid: "pay-county",
        caption: t(zh, "全旗县汇总", "County summary"),
        columns: keep(heads),
        rows: rows.collect(),
    };
    out.push(Block::Sheet(county));
    out
}

/// A row of the sheet: amounts right-aligned (every cell that is a number), a sums row
/// in bold.
fn sheet_row(cells: Vec<String>, sums: bool) -> Vec<SheetCell> {
    let cell = |text: String| {
        let number = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
        let mut line = CellLine::text(text);
        line.strong = sums;
        SheetCell {
            number,
            ..SheetCell::lines(vec![line])
        }
    };
    cells.into_iter().map(cell).collect()
}
