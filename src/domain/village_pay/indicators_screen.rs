//! The indicators of a township's year as a screen: the published version, the
//! concurrent versions to settle (two phones published offline), and for the
//! organizer the form publishing a version (rows of name, maximum and weight; a new
//! version starts from the published one).

use super::decide::any_scores;
use super::indicator_form::{
    indicator_inputs, read_keep_set, read_publish, INDICATOR_FORM, KEEP_SET_FORM, SETS,
};
use super::slot_screen::SlotViewer;
use super::Page;
use super::{Action, Command, IndicatorSet};
use crate::domain::score::format_halves;
use crate::domain::screen::{
    t, Block, Card, FormBlock, Link, Record, Screen, Sheet, SheetCell, Tone,
};
use crate::domain::state::State;
use crate::route::{Route, TownshipYear};

/// The indicators page of `township`'s `year` for `who` (its role and townships).
pub fn indicators_screen(state: &State, (township, year): (&str, i32), who: &SlotViewer) -> Screen {
    if !state.master.townships.contains_key(township) {
        return super::screens::no_such_township(who.zh);
    }
    let (who, zh) = (&who.at(state, township), who.zh);
    let current = state.village_pay.counted.indicators(township, year);
    let here = TownshipYear::new(township.to_string(), year);
    let mut head = vec![
        Block::Back(Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::VillagePay(Page::Township(here)),
        }),
        Block::Title(format!("{} · {year}", t(zh, "考评指标", "Indicators"))),
    ];
    if let Some(set) = current {
        let caption = format!(
            "{}{}",
            t(zh, "已发布版本 ", "Published version "),
            set.version
        );
        head.push(Block::Sheet(set_sheet(set, caption, "published", zh)));
    }
    let mut screen = vec![Card::new(head)];
    let conflict = state.village_pay.counted.indicator_conflict(township, year);
    if !conflict.is_empty() {
        screen.push(conflict_card(&conflict, (township, year), who));
    } else if current.is_some() && any_scores(state, township, year) {
        let locked = t(
            zh,
            "本年度已有评分记录，考评指标不能再更换。",
            "Scores have been recorded this year; the indicator set can no longer be replaced.",
        );
        screen.push(Card::new(vec![
            Block::line(Tone::Hint, locked).testid("indicators-locked")
        ]));
    } else {
        screen.push(publish_card(current, (township, year), who));
    }
    screen
}

/// A set as a table: each indicator's name, maximum and weight.
fn set_sheet(set: &IndicatorSet, caption: String, testid: &'static str, zh: bool) -> Sheet {
    let rows = set.indicators.iter().map(|i| {
        let weight = i.weight.map_or_else(|| "—".into(), |w| w.to_string());
        let number = |text: String| SheetCell {
            number: true,
            ..SheetCell::text(text)
        };
        vec![
            SheetCell::text(i.name.clone()),
            number(format_halves(i.max_halves)),
            number(weight),
        ]
    });
    let columns = [("指标", "Indicator"), ("满分", "Max"), ("权重", "Weight")];
    Sheet {
        testid,
        caption,
        columns: columns.iter().map(|(z, e)| t(zh, z, e)).collect(),
        rows: rows.collect(),
    }
}

/// "第 2 版 · 苏木组织委员 王丽娜".
fn version_name(set: &IndicatorSet, zh: bool) -> String {
    if zh {
        format!("第 {} 版 · {}", set.version, set.author)
    } else {
        format!("Version {} · {}", set.version, set.author)
    }
}

/// Two sets published concurrently: both shown; the organizer keeps one, with a reason.
fn conflict_card(sets: &[&IndicatorSet], (township, year): (&str, i32), who: &SlotViewer) -> Card {
    let zh = who.zh;
    let records = sets.iter().map(|set| Record {
        title: version_name(set, zh),
        body: vec![Block::Sheet(set_sheet(set, String::new(), "", zh))],
        meta: String::new(),
        correct: None,
        attrs: Vec::new(),
    });
    let mut blocks = vec![
        Block::Heading(t(zh, "指标版本冲突，需确定", "Conflicting indicator sets: settle them")),
        Block::line(Tone::Hint, t(zh, "两部手机离线时各自发布了不同的指标。两份都已保留；确定前不能评分、公示或评定等次。", "Two phones published different sets while offline. Both are kept; nothing can be scored, publicized or graded until one is settled.")),
        Block::Records {
            testid: "indicator-versions",
            records: records.collect(),
        },
    ];
    if !who.may(Action::Organize) {
        blocks.push(who.who_may(Action::Organize));
    } else {
        let template = Command::ResolveIndicatorConflict {
            township: township.to_string(),
            year,
            keep: String::new(),
            reason: String::new(),
        };
        let (button, done) = (
            t(zh, "采用此版本", "Keep this version"),
            t(zh, "已确定本年度指标", "Indicators settled"),
        );
        let mut form = FormBlock::new(KEEP_SET_FORM, template.into(), read_keep_set, button, done);
        form.testid = "keep-set-form";
        form.clear = false;
        let choices = sets.iter().map(|s| (s.event.clone(), version_name(s, zh)));
        form.options = form.options.with(SETS, choices.collect());
        blocks.push(Block::Form(Box::new(form)));
    }
    Card::new(blocks)
        .class("review")
        .attr("data-testid", "indicator-conflict")
}

/// The organizer publishes a version (a new one starts from the published one); the
/// others read who may.
fn publish_card(
    current: Option<&IndicatorSet>,
    (township, year): (&str, i32),
    who: &SlotViewer,
) -> Card {
    let zh = who.zh;
    if !who.may(Action::Organize) {
        return Card::new(vec![who.who_may(Action::Organize)]);
    }
    let heading = match current {
        Some(_) => t(
            zh,
            "发布新版本（仅在首次评分前）",
            "Publish a new version (only before the first score)",
        ),
        None => t(zh, "编辑并发布", "Edit and publish"),
    };
    let template = Command::PublishIndicators {
        township: township.to_string(),
        year,
        indicators: Vec::new(),
    };
    let (button, done) = (
        t(zh, "发布指标", "Publish"),
        t(zh, "指标已发布", "Indicators published"),
    );
    let mut form = FormBlock::new(INDICATOR_FORM, template.into(), read_publish, button, done);
    form.testid = "indicator-form";
    form.clear = false;
    form.init = current
        .map(|s| indicator_inputs(&s.indicators))
        .unwrap_or_default();
    Card::new(vec![
        Block::Heading(heading),
        Block::line(Tone::Hint, t(zh, "发布后指标不可修改；评分开始后不能再更换。权重可不填（按满分合计）。", "Published indicators are immutable and locked once scoring starts. Weights are optional.")),
        Block::Form(Box::new(form)),
    ])
}
