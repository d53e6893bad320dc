//! The page of one village's period as a screen: its head (heads, status chip, records
//! that do not count here), then what the period needs now — the first scores, or the
//! standing scores with their earlier versions, 公示, objections, 定稿 and a
//! correction before 公示 — or, while it needs review, the review (`review_screen`).
//! Each form is shown only to the roles whose action it is; the others read who may.

use super::Page;
use chrono::NaiveDate;

use super::forms::{FINALIZE_FORM, OBJECTION_FORM, PUBLICITY_FORM};
use super::review_screen::review_card;
use super::screens::{may, period_chip, who_may};
use super::slot_forms::{
    indicator_options, read_assessment, read_reasoned, read_resolution, read_step, score_inputs,
    CORRECTION_FORM, DISMISSED_FORM, SCORE_FORM, UPHELD_FORM,
};
use super::{slot_view, Action, Command, Objection, Outcome, Period, PeriodStatus, SlotView};
use super::{ScoreVersion, Sheet as ScoreSheet, Source, Window};
use crate::domain::event::Role;
use crate::domain::form::{Form, Inputs};
use crate::domain::score::{format_halves, format_hundredths};
use crate::domain::screen::{
    t, Block, Card, Focus, Focuses, FormBlock, Link, Reader, Record, Screen, Sheet, SheetCell, Tone,
};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::route::{Route, TownshipYear};

/// The part of the page a "处理结果" choice turns: which objection, upheld or dismissed.
pub const RESOLVE_AREA: &str = "resolve";

/// Who looks at a village-pay page (a period, the indicators), and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotViewer {
    /// Their role (`None`: nobody has chosen one yet; forms are shown and the decider
    /// says who may).
    pub role: Option<Role>,
    /// Their name (the assessor's name a score form starts with).
    pub name: String,
    /// Today, on the phone.
    pub today: NaiveDate,
    /// Chinese (else English).
    pub zh: bool,
    /// The townships they are staff of (their server roles, `Actor::townships`; empty
    /// while not known): another township's pages offer them no form.
    pub townships: Vec<String>,
    /// The name of the page's township when they are not its staff (set by `at`).
    pub outsider: Option<String>,
}

impl SlotViewer {
    /// The same viewer on a page of `township`.
    pub fn at(&self, state: &State, township: &str) -> SlotViewer {
        let member = self.townships.is_empty() || self.townships.iter().any(|t| t == township);
        let name = state.master.townships.get(township).map(|t| t.name.clone());
        SlotViewer {
            outsider: (!member).then(|| name.unwrap_or_else(|| township.to_string())),
            ..self.clone()
        }
    }

    /// Whether this user may take `action` here.
    pub fn may(&self, action: Action) -> bool {
        self.outsider.is_none() && may(self.role, action)
    }

    /// Who may take `action` here: "只有…可以…", or that this is another township's.
    pub fn who_may(&self, action: Action) -> Block {
        let Some(name) = &self.outsider else {
            return who_may(action, self.zh);
        };
        let text = if self.zh {
            format!("您不是“{name}”的工作人员，不能记录该乡镇的嘎查村考评")
        } else {
            format!("You are not a member of {name}; you may record village pay only for your own township")
        };
        Block::line(Tone::Hint, text).testid("not-yours")
    }
}

/// The page of village `village`'s `period` of `year`.
pub fn slot_screen(
    state: &State,
    (village, year, period): (&str, i32, Period),
    who: &SlotViewer,
    focus: &Focuses,
) -> Screen {
    let zh = who.zh;
    let Some(page) = slot_view(state, village, year, period, who.today) else {
        let missing = t(zh, "找不到该村或考核期", "Unknown village or period");
        let home = Link {
            text: t(zh, "← 首页", "← Home"),
            route: Route::Home,
        };
        return vec![Card::new(vec![
            Block::Back(home),
            Block::line(Tone::Plain, missing),
        ])];
    };
    let who = &who.at(state, &page.village.township);
    let mut screen = vec![head_card(&page, zh)];
    let indicators = page.indicators.as_ref().map(|s| s.indicators.as_slice());
    match page.cell.status {
        PeriodStatus::NeedsReview => {
            screen.extend(review_card(&page, who, focus));
            if !page.cell.windows.is_empty() {
                screen.push(objections_card(&page, who, focus));
            }
        }
        _ if indicators.is_none_or(<[_]>::is_empty) => {
            let text = t(
                zh,
                "本年度考评指标尚未发布。",
                "Indicators are not published yet.",
            );
            screen.push(Card::new(vec![Block::line(Tone::Hint, text)]));
        }
        PeriodStatus::NotScored => screen.push(score_entry_card(&page, who)),
        _ => screen.extend(scored_cards(&page, who, focus)),
    }
    screen
}

fn head_card(page: &SlotView, zh: bool) -> Card {
    let v = &page.village;
    let here = TownshipYear::new(v.township.clone(), page.year);
    let heads = if zh {
        format!("书记：{}　主任：{}", v.secretary, v.director)
    } else {
        format!("Secretary: {} · Director: {}", v.secretary, v.director)
    };
    let title = format!("{} · {} · {}", v.name, page.year, page.period.label(zh));
    let mut blocks = vec![
        Block::Back(Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::VillagePay(Page::Township(here)),
        }),
        Block::Title(title),
        Block::line(Tone::Hint, heads),
        Block::Chip(period_chip(&page.cell, zh)),
    ];
    let not_counted = page.not_counted.iter().map(|n| {
        let text = if zh { &n.zh } else { &n.en };
        Block::line(Tone::Banner, text.clone()).testid("not-counted")
    });
    blocks.extend(not_counted);
    Card::new(blocks)
}

/// A form of this period: `template` completed by `read`.
pub(super) fn slot_form(
    page: &SlotView,
    (form, template, read): (Form, Command, Reader),
    (button, done): (String, String),
    testid: &'static str,
    zh: bool,
) -> FormBlock {
    let indicators = page.indicators.as_ref().map(|s| s.indicators.as_slice());
    let mut block = FormBlock::new(form, template.into(), read, button, done);
    block.testid = testid;
    block.options = indicator_options(indicators.unwrap_or_default(), zh);
    block.clear = false;
    block
}

/// The key of this period: (village, year, period).
fn key(page: &SlotView) -> (String, i32, Period) {
    (page.village.id.clone(), page.year, page.period)
}

fn score_entry_card(page: &SlotView, who: &SlotViewer) -> Card {
    let zh = who.zh;
    if !who.may(Action::Score) {
        return Card::new(vec![who.who_may(Action::Score)]);
    }
    let (village, year, period) = key(page);
    let template = Command::SubmitScores {
        village,
        year,
        period,
        scores: Default::default(),
        assessor: String::new(),
        assessed_on: NaiveDate::MIN,
        note: String::new(),
    };
    let labels = (
        t(zh, "提交评分", "Submit scores"),
        t(zh, "评分已保存", "Scores saved"),
    );
    let what = (SCORE_FORM, template, read_assessment as Reader);
    let mut form = slot_form(page, what, labels, "score-form", zh);
    form.init = Inputs::from([("assessor".to_string(), who.name.clone())]);
    let heading = Block::Heading(t(zh, "实地考核评分", "Field assessment"));
    Card::new(vec![heading, Block::Form(Box::new(form))])
}

/// A scored period: the standing scores and their earlier versions, then (a quarter)
/// its 公示 and, before 公示, a correction.
fn scored_cards(page: &SlotView, who: &SlotViewer, focus: &Focuses) -> Vec<Card> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "有效评分", "Standing scores"))];
    if page.cell.republish {
        let text = t(zh, "复核已采用新的评分，原定稿已撤销：须重新公示后才能定稿。", "New scores were accepted in review and the earlier finalization was withdrawn: publicize again before finalizing.");
        blocks.push(Block::line(Tone::Banner, text).testid("republish"));
    }
    blocks.extend(page.standing.iter().flat_map(|s| sheet_blocks(s, zh)));
    if !page.history.is_empty() {
        let summary = format!(
            "{} ({})",
            t(zh, "修改痕迹", "Earlier versions"),
            page.history.len()
        );
        let earlier = page.history.iter().flat_map(|s| sheet_blocks(s, zh));
        blocks.push(Block::Folded {
            summary,
            open: false,
            blocks: earlier.collect(),
        });
    }
    let mut cards = vec![Card::new(blocks)];
    if !page.period.is_quarter() {
        return cards;
    }
    cards.extend(publicity_cards(page, who, focus));
    let before_publicity = page.slot.publicity_start().is_none() && page.slot.finalized.is_none();
    if before_publicity && who.may(Action::Score) {
        cards.push(correction_card(page, zh));
    }
    cards
}

fn correction_card(page: &SlotView, zh: bool) -> Card {
    let (village, year, period) = key(page);
    let template = Command::CorrectScores {
        village,
        year,
        period,
        scores: Default::default(),
        reason: String::new(),
    };
    let labels = (
        t(zh, "记录更正", "Record correction"),
        t(zh, "更正已记录", "Correction recorded"),
    );
    let what = (CORRECTION_FORM, template, read_reasoned as Reader);
    let mut form = slot_form(page, what, labels, "correction-form", zh);
    form.init = standing_inputs(page);
    let summary = t(
        zh,
        "更正评分（公示前，须说明理由）",
        "Correct scores (before publicity, with a reason)",
    );
    form.folded = Some(summary);
    Card::new(vec![Block::Form(Box::new(form))])
}

/// The standing scores as a score grid's inputs.
fn standing_inputs(page: &SlotView) -> Inputs {
    page.slot
        .standing()
        .map(|s| score_inputs(&s.scores))
        .unwrap_or_default()
}

/// 公示: opened with a start date; once open, its window as announced, the
/// objections, and 定稿 after it.
fn publicity_cards(page: &SlotView, who: &SlotViewer, focus: &Focuses) -> Vec<Card> {
    let zh = who.zh;
    let finalized = page.slot.finalized.clone();
    let Some(w) = page.cell.windows.first() else {
        return match finalized {
            Some(_) => Vec::new(),
            None => vec![open_publicity_card(page, who)],
        };
    };
    let heading = Block::Heading(t(zh, "结果公示", "Publicity"));
    let state = match &finalized {
        Some((d, by)) => Block::line(
            Tone::Ok,
            format!("{}{d} · {by}", t(zh, "已定稿：", "Final: ")),
        ),
        None => {
            let from = t(zh, "可定稿日期：", "Can be finalized from: ");
            Block::line(Tone::Hint, format!("{from}{}", w.finalize_from))
        }
    };
    let here = TownshipYear::new(page.village.township.clone(), page.year);
    let notice = Link {
        text: t(zh, "打印公示", "Print the notice"),
        route: Route::VillagePay(Page::Notice(here, page.village.id.clone(), page.period)),
    };
    let notice = Block::Actions {
        links: vec![notice],
        main: None,
    };
    let blocks = vec![heading, window_line(w, zh), state, notice];
    let card = Card::new(blocks).attr("data-testid", "publicity");
    let mut cards = vec![card, objections_card(page, who, focus)];
    if finalized.is_none() {
        cards.push(step_card(page, who, Step::Finalize));
    }
    cards
}

fn open_publicity_card(page: &SlotView, who: &SlotViewer) -> Card {
    let zh = who.zh;
    if !who.may(Action::Organize) {
        return Card::new(vec![who.who_may(Action::Organize)]);
    }
    let days = page.publicity_days;
    let hint = if zh {
        format!("季度考评结果须公示 {days} 天，接受党员群众监督。")
    } else {
        format!("Quarterly results are publicized for {days} days for party members and villagers to check.")
    };
    let mut card = step_card(page, who, Step::Publicity);
    let heading = Block::Heading(t(zh, "结果公示", "Publicity"));
    card.blocks
        .splice(0..0, [heading, Block::line(Tone::Hint, hint)]);
    card
}

/// The fixed-field steps of a period.
#[derive(Clone, Copy)]
enum Step {
    Publicity,
    Finalize,
}

/// A card with the form of `step`, or who may take it.
fn step_card(page: &SlotView, who: &SlotViewer, step: Step) -> Card {
    let zh = who.zh;
    if !who.may(Action::Organize) {
        return Card::new(vec![who.who_may(Action::Organize)]);
    }
    let (village, year, period) = key(page);
    let (form, template, labels, testid) = match step {
        Step::Publicity => (
            PUBLICITY_FORM,
            Command::OpenPublicity {
                village,
                year,
                period,
                start: NaiveDate::MIN,
            },
            (
                t(zh, "开始公示", "Open publicity"),
                t(zh, "已开始公示", "Publicity opened"),
            ),
            "publicity-form",
        ),
        Step::Finalize => (
            FINALIZE_FORM,
            Command::Finalize {
                village,
                year,
                period,
                on: NaiveDate::MIN,
            },
            (
                t(zh, "定稿", "Finalize"),
                t(zh, "结果已定稿", "Result finalized"),
            ),
            "finalize-form",
        ),
    };
    let block = slot_form(
        page,
        (form, template, read_step as Reader),
        labels,
        testid,
        zh,
    );
    Card::new(vec![Block::Form(Box::new(block))])
}

/// "公示期：2026-03-26 至 2026-04-01（7天）", as the 公示 announced it.
pub(super) fn window_text(w: &Window, zh: bool) -> String {
    if zh {
        format!("公示期：{} 至 {}（{}天）", w.start, w.end, w.days)
    } else {
        format!("Window: {} to {} ({} days)", w.start, w.end, w.days)
    }
}

fn window_line(w: &Window, zh: bool) -> Block {
    Block::line(Tone::Plain, window_text(w, zh)).testid("window")
}

/// The objections recorded, each with its resolution or the form to resolve it, and
/// the form to record one (also after the 定稿: one raised inside the window and
/// entered late is recorded and reopens the result for review).
pub(super) fn objections_card(page: &SlotView, who: &SlotViewer, focus: &Focuses) -> Card {
    let zh = who.zh;
    let objections: Vec<&Objection> = page
        .slot
        .objections
        .values()
        .map(Box::as_ref)
        .filter(|o| !o.content.is_empty())
        .collect();
    let heading = format!("{} ({})", t(zh, "异议", "Objections"), objections.len());
    let records = objections.iter().map(|o| {
        let chosen = focus.get_each(RESOLVE_AREA, &o.id);
        objection_record(page, who, o, &chosen)
    });
    let mut blocks = vec![
        Block::Heading(heading),
        Block::Records {
            testid: "objections",
            records: records.collect(),
        },
    ];
    blocks.push(raise_objection(page, who));
    Card::new(blocks)
}

fn raise_objection(page: &SlotView, who: &SlotViewer) -> Block {
    let zh = who.zh;
    if !who.may(Action::Object) {
        return who.who_may(Action::Object);
    }
    let (village, year, period) = key(page);
    let template = Command::RaiseObjection {
        village,
        year,
        period,
        objector: String::new(),
        content: String::new(),
        raised_on: NaiveDate::MIN,
    };
    let labels = (
        t(zh, "登记异议", "Record objection"),
        t(zh, "异议已登记", "Objection recorded"),
    );
    let what = (OBJECTION_FORM, template, read_step as Reader);
    let mut form = slot_form(page, what, labels, "objection-form", zh);
    form.folded = Some(t(zh, "登记异议", "Record an objection"));
    form.clear = true;
    Block::Form(Box::new(form))
}

/// An objection resolution in words: "异议成立，已更正（2026-07-01，李明）：…".
pub(super) fn resolution_text(zh: bool, outcome: &Outcome, date: NaiveDate, by: &str) -> String {
    let (what, why) = match outcome {
        Outcome::Upheld { note, .. } => (t(zh, "异议成立，已更正", "Upheld, corrected"), note),
        Outcome::Dismissed { reason } => (t(zh, "不予采纳", "Dismissed"), reason),
    };
    if zh {
        format!("{what}（{date}，{by}）：{why}")
    } else {
        format!("{what} ({date}, {by}): {why}")
    }
}

/// "赵强 · 2026-06-28 · 产业发展得分偏低…".
pub(super) fn objection_title(o: &Objection) -> String {
    format!("{} · {} · {}", o.objector, o.raised_on, o.content)
}

fn objection_record(page: &SlotView, who: &SlotViewer, o: &Objection, chosen: &Focus) -> Record {
    let zh = who.zh;
    let body = match &o.resolution {
        _ if page.slot.objection_in_conflict(&o.id) => {
            let text = t(
                zh,
                "处理结果不一致，需复核",
                "Resolved two ways: needs review",
            );
            vec![Block::line(Tone::Warn, text)]
        }
        Some((outcome, date, by)) => {
            vec![Block::line(
                Tone::Ok,
                resolution_text(zh, outcome, *date, by),
            )]
        }
        None => {
            let mut open = vec![Block::line(Tone::Warn, t(zh, "待处理", "Open"))];
            if who.may(Action::Organize) {
                open.extend(resolve_blocks(page, o, chosen, zh));
            }
            open
        }
    };
    Record {
        title: objection_title(o),
        body,
        meta: String::new(),
        correct: None,
        attrs: Vec::new(),
    }
}

/// The choice upheld / dismissed and the form of the one chosen.
fn resolve_blocks(page: &SlotView, o: &Objection, chosen: &Focus, zh: bool) -> Vec<Block> {
    let dismissed = chosen.form == DISMISSED_FORM.key;
    let choose = Block::Choose {
        area: RESOLVE_AREA,
        label: t(zh, "处理结果", "Outcome"),
        name: "outcome",
        options: vec![
            (
                UPHELD_FORM.key.to_string(),
                t(zh, "异议成立（更正评分）", "Upheld (correct scores)"),
            ),
            (
                DISMISSED_FORM.key.to_string(),
                t(zh, "不予采纳", "Dismissed"),
            ),
        ],
        chosen: if dismissed {
            DISMISSED_FORM.key
        } else {
            UPHELD_FORM.key
        }
        .to_string(),
        from: o.id.clone(),
    };
    let (village, year, period) = key(page);
    let template = Command::ResolveObjection {
        village,
        year,
        period,
        objection: o.id.clone(),
        upheld: (!dismissed).then(Default::default),
        note: String::new(),
        resolved_on: NaiveDate::MIN,
    };
    let form = if dismissed {
        DISMISSED_FORM
    } else {
        UPHELD_FORM
    };
    let labels = (
        t(zh, "记录处理结果", "Record resolution"),
        t(zh, "异议已处理", "Objection resolved"),
    );
    let what = (form, template, read_resolution as Reader);
    let mut block = slot_form(page, what, labels, "resolve-form", zh);
    block.instance = o.id.clone();
    if !dismissed {
        block.init = standing_inputs(page);
    }
    block.after = Some(chosen.cleared());
    vec![choose, Block::Form(Box::new(block))]
}

/// Where a version of the scores came from, in words.
fn source_text(v: &ScoreVersion, zh: bool) -> String {
    let (colon, comma) = if zh { ("：", "，") } else { (": ", ", ") };
    match &v.source {
        Source::Assessment {
            assessor,
            assessed_on,
            note,
            reason,
            ..
        } if reason.is_empty() => {
            let stop = if zh || note.is_empty() { "" } else { ". " };
            let end = if zh { "。" } else { stop };
            let who = t(zh, "考核人", "Assessor");
            format!("{who}{colon}{assessor}{comma}{assessed_on}{end}{note}")
        }
        Source::Assessment {
            assessor,
            assessed_on,
            reason,
            ..
        } => {
            let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
            let what = t(zh, "更正", "Correction");
            format!("{what}{colon}{reason}{open}{assessor}{comma}{assessed_on}{close}")
        }
        Source::ConflictResolution { reason } => {
            format!("{}{colon}{reason}", t(zh, "复核确定", "Set by review"))
        }
        Source::ObjectionUpheld { note, .. } => {
            let what = t(zh, "异议成立后更正", "Corrected after objection");
            format!("{what}{colon}{note}")
        }
    }
}

/// "第 N 版指标" / "indicator set vN" of a sheet.
pub(super) fn set_label(sheet: &ScoreSheet, zh: bool) -> String {
    match &sheet.set {
        Some(set) if zh => format!("第 {} 版指标", set.version),
        Some(set) => format!("indicator set v{}", set.version),
        None => t(
            zh,
            "指标版本未知（尚未收到）",
            "indicator set not received yet",
        ),
    }
}

/// Who recorded a version, and when.
pub(super) fn recorded_by(sheet: &ScoreSheet, zh: bool) -> String {
    let v = &sheet.version;
    let by = t(zh, "登记：", "Recorded by ");
    format!("{by}{} · {}", v.author, format_beijing(v.recorded_at))
}

/// One version of the scores against the set it was recorded with: each indicator's
/// score of its maximum, and the whole out of 100.
pub(super) fn score_sheet(sheet: &ScoreSheet, zh: bool) -> Sheet {
    let v = &sheet.version;
    let listed: Vec<(String, String, u32)> = match &sheet.set {
        Some(set) => set
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.name.clone(), i.max_halves))
            .collect(),
        None => v.scores.keys().map(|k| (k.clone(), k.clone(), 0)).collect(),
    };
    let mut rows: Vec<Vec<SheetCell>> = listed
        .into_iter()
        .map(|(id, name, max)| {
            let score = v
                .scores
                .get(&id)
                .map_or_else(|| "—".into(), |s| format_halves(*s));
            let max = if max == 0 {
                "?".to_string()
            } else {
                format_halves(max)
            };
            let cell = SheetCell {
                number: true,
                ..SheetCell::text(format!("{score} / {max}"))
            };
            vec![SheetCell::text(name), cell]
        })
        .collect();
    let total = sheet
        .normalized
        .map_or_else(|| "—".into(), format_hundredths);
    let head = |text: String| SheetCell {
        head: true,
        ..SheetCell::text(text)
    };
    let normalized = SheetCell {
        number: true,
        testid: "normalized",
        ..head(total)
    };
    rows.push(vec![head(t(zh, "折合百分制", "Out of 100")), normalized]);
    Sheet {
        caption: set_label(sheet, zh),
        rows,
        ..Sheet::default()
    }
}

/// A version shown in the standing card: its sheet, where it came from, who recorded it.
fn sheet_blocks(sheet: &ScoreSheet, zh: bool) -> Vec<Block> {
    vec![
        Block::Sheet(score_sheet(sheet, zh)),
        Block::line(Tone::Hint, source_text(&sheet.version, zh)),
        Block::line(Tone::Hint, recorded_by(sheet, zh)),
    ]
}

/// A version shown whole in a review: where it came from under its sheet.
pub(super) fn version_body(sheet: &ScoreSheet, zh: bool) -> Vec<Block> {
    vec![
        Block::Sheet(score_sheet(sheet, zh)),
        Block::line(Tone::Hint, source_text(&sheet.version, zh)),
    ]
}
