//! The printed W1 公示 notice for the village bulletin board (seed 002 扎鲁特旗: "平时考核
//! 每季度开展一次，由苏木镇考核领导小组深入实地查验，考评结果公示7天，接受党员干部群众
//! 监督"): village, township, quarter, each indicator's score of its maximum and the
//! total, the window as the 公示 announced it (first and last day), how and to whom to
//! object. The scores are those the 公示 publicized. One A4 page in large type, drawn
//! as the same document block as W4's 任前公示 notice.

use chrono::{Datelike, NaiveDate};

use super::slot_screen::set_label;
use super::{slot_view, Page, Period, ScoreVersion, Sheet as ScoreSheet, SlotView, Window};
use crate::domain::score::{format_halves, format_hundredths};
use crate::domain::screen::{t, Block, Card, Link, Screen, Sheet, SheetCell, Tone};
use crate::domain::state::State;
use crate::route::{Route, TownshipYear};

/// The notice's lead: who assessed, how, and that the result is publicized.
fn lead(zh: bool, township: &str, village: &str, when: &str) -> String {
    if zh {
        format!("根据《嘎查村“两委”班子工作实绩考评办法》，{township}考核领导小组深入实地查验，对{village}“两委”班子{when}工作实绩进行了量化赋分。现将考评结果公示如下，接受党员干部群众监督：")
    } else {
        format!("Under the measures for assessing the work of village party and village committees, the {township} assessment group checked on site and scored the work of {village}'s committees for {when}. The result is publicized below for party members, cadres and villagers to supervise:")
    }
}

/// How and to whom to object (seed 002: 公示 for 党员干部群众 to supervise; the
/// township party committee publishes, and its organizer records and resolves
/// objections).
fn objections(zh: bool, township: &str) -> String {
    if zh {
        format!("公示期间，党员干部群众对考评结果有异议的，可通过来信、来电、来访等方式向中共{township}委员会反映，由乡镇组织委员登记并在核实后答复。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式。")
    } else {
        format!("During the publicity, party members, cadres and villagers who object to the result may write, call or visit the {township} party committee; the township organizer records each objection and answers it once checked. Objections must be truthful; individuals please give their real name and contact details.")
    }
}

/// A date as the notice writes it: 2026年04月02日.
fn ymd(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
    } else {
        d.to_string()
    }
}

/// The window's line: first and last day, and how many days.
fn window_line(zh: bool, w: &Window) -> String {
    let (a, b) = (ymd(zh, w.start), ymd(zh, w.end));
    if zh {
        format!("公示时间：{a} 至 {b}（共 {} 天）。", w.days)
    } else {
        format!("Publicity: {a} to {b} ({} days).", w.days)
    }
}

/// The scores publicized: each indicator's score of its maximum, the sum, and the
/// whole out of 100.
fn scores_sheet(zh: bool, sheet: &ScoreSheet) -> Sheet {
    let v = &sheet.version;
    let indicators = sheet.set.iter().flat_map(|s| &s.indicators);
    let number = |text: String| SheetCell {
        number: true,
        ..SheetCell::text(text)
    };
    let mut rows: Vec<Vec<SheetCell>> = indicators
        .map(|i| {
            let score = v
                .scores
                .get(&i.id)
                .map_or("—".into(), |s| format_halves(*s));
            vec![
                SheetCell::text(i.name.clone()),
                number(format_halves(i.max_halves)),
                number(score),
            ]
        })
        .collect();
    let set: Vec<_> = sheet.set.iter().flat_map(|s| &s.indicators).collect();
    let max: u64 = set.iter().map(|i| u64::from(i.max_halves)).sum();
    let scored = set.iter().filter_map(|i| v.scores.get(&i.id));
    let got: u64 = scored.map(|s| u64::from(*s)).sum();
    let halves = |n: u64| format_halves(u32::try_from(n).unwrap_or(u32::MAX));
    let head = |text: String| SheetCell {
        head: true,
        ..SheetCell::text(text)
    };
    rows.push(vec![
        head(t(zh, "合计", "Total")),
        number(halves(max)),
        SheetCell {
            testid: "notice-total",
            ..number(halves(got))
        },
    ]);
    let normalized = sheet.normalized.map_or("—".into(), format_hundredths);
    rows.push(vec![
        head(t(zh, "折合百分制", "Out of 100")),
        number("100".into()),
        number(normalized),
    ]);
    let columns = vec![
        t(zh, "考评指标", "Indicator"),
        t(zh, "满分", "Maximum"),
        t(zh, "得分", "Score"),
    ];
    Sheet {
        testid: "notice-scores",
        caption: set_label(sheet, zh),
        columns,
        rows,
    }
}

/// The version the 公示 in force publicized (the standing one for older records that
/// name none), with its indicator set.
fn publicized(s: &State, page: &SlotView) -> Option<ScoreSheet> {
    let p = page.slot.publicity()?;
    let bound: Option<&ScoreVersion> = page.slot.bound_version(&p.versions);
    let version = bound.or_else(|| page.slot.standing())?;
    let (township, year) = (page.village.township.as_str(), page.year);
    let counted = &s.village_pay.counted;
    Some(ScoreSheet {
        set: counted.set_of(township, year, version).cloned(),
        normalized: counted.normalized_of(township, year, version),
        version: version.clone(),
        current: true,
    })
}

/// The line standing in for a notice whose indicator set is not on this phone (a
/// partial sync): without it no score can be printed against its maximum.
fn no_indicators(zh: bool) -> Block {
    let text = t(
        zh,
        "该考核期的考评指标尚未同步到本机，暂不能打印公示",
        "This period's indicators are not on this phone yet: the notice cannot be printed",
    );
    Block::line(Tone::Hint, text).testid("notice-no-indicators")
}

/// The bar above the notice: back to the village's period, and print.
fn print_bar(zh: bool, page: &SlotView) -> Card {
    let here = TownshipYear::new(page.village.township.clone(), page.year);
    let slot = Page::Slot(here, page.village.id.clone(), page.period);
    let bar = Block::PrintBar {
        back: Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::VillagePay(slot),
        },
        print: t(zh, "打印", "Print"),
    };
    Card::new(vec![bar]).class("no-print")
}

/// The 公示 notice of village `village`'s `period` of `year` (a line saying it is not
/// publicized, before it is).
pub fn village_notice(
    s: &State,
    (village, year, period): (&str, i32, Period),
    today: NaiveDate,
    zh: bool,
) -> Screen {
    let Some(page) = slot_view(s, village, year, period, today) else {
        let none = t(zh, "找不到该村或考核期", "Unknown village or period");
        return vec![Card::new(vec![Block::line(Tone::Plain, none)])];
    };
    let bar = print_bar(zh, &page);
    let (Some(w), Some(sheet)) = (page.cell.windows.first(), publicized(s, &page)) else {
        let none = t(
            zh,
            "该考核期结果尚未公示",
            "This result is not publicized yet",
        );
        return vec![bar, Card::new(vec![Block::line(Tone::Hint, none)])];
    };
    if sheet.set.is_none() {
        return vec![bar, Card::new(vec![no_indicators(zh)])];
    }
    let township = s.master.township_label(&page.village.township);
    let v = &page.village;
    let when = if zh {
        format!("{year}年{}", period.label(zh))
    } else {
        format!("{} {year}", period.label(zh))
    };
    let title = if zh {
        format!("{}{when}工作实绩考评结果公示", v.name)
    } else {
        format!("{}: publicity of the work assessment, {when}", v.name)
    };
    let heads = if zh {
        format!(
            "{township} · {} · 书记：{} · 主任：{}",
            v.name, v.secretary, v.director
        )
    } else {
        format!(
            "{township} · {} · Secretary: {} · Director: {}",
            v.name, v.secretary, v.director
        )
    };
    let plain = |text: String| Block::line(Tone::Plain, text);
    let mut blocks = vec![
        Block::DocTitle(title),
        plain(heads).testid("notice-village"),
        plain(lead(zh, &township, &v.name, &when)),
        Block::Sheet(scores_sheet(zh, &sheet)),
        plain(window_line(zh, w)).testid("notice-window"),
        plain(objections(zh, &township)).testid("notice-objections"),
    ];
    if page.cell.windows.len() > 1 || !page.cell.reviews.is_empty() {
        let text = t(
            zh,
            "注意：该结果正在复核，以复核后的公示为准。",
            "Note: this result is under review; the publicity after the review stands.",
        );
        blocks.push(Block::line(Tone::Warn, text).testid("notice-review"));
    }
    let party = if zh {
        format!("中共{township}委员会")
    } else {
        format!("{township} Party Committee")
    };
    blocks.push(Block::Sign(vec![party, ymd(zh, w.start)]));
    let notice = Card::document(blocks)
        .class("notice")
        .attr("data-testid", "village-notice");
    vec![bar, notice]
}
