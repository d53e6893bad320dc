//! 需复核 as a screen: why, every version side by side (the finalized or publicized
//! one, the newcomers, each against its own indicator set, and the current set), and
//! what settles it — the scores that stand (a version's "采用此份" fills them in), one
//! 公示 window kept, or the late objection resolved (in the objections card).

use super::slot_forms::{
    read_keep_window, read_reasoned, score_inputs, KEEP_WINDOW_FORM, REVIEW_FORM, WINDOWS,
};
use super::slot_screen::{
    objection_title, recorded_by, resolution_text, set_label, slot_form, version_body, window_text,
    SlotViewer,
};
use super::Page;
use super::{Action, Command, Review, Sheet as ScoreSheet, SlotReview, SlotView};
use crate::domain::form::Inputs;
use crate::domain::score::format_halves;
use crate::domain::screen::{
    t, Block, Card, Focus, Focuses, Reader, Record, Sheet, SheetCell, Tone,
};
use crate::route::{Route, TownshipYear};

/// The part of the page "采用此份" turns: the review form, filled from a version.
pub const REVIEW_AREA: &str = "review";

/// The review card of a period that needs one (none when it does not).
pub fn review_card(page: &SlotView, who: &SlotViewer, focus: &Focuses) -> Option<Card> {
    let review = page.review.as_ref()?;
    let zh = who.zh;
    let mut blocks = vec![
        Block::Heading(t(zh, "需复核", "Needs review")),
        Block::List {
            tone: Tone::Plain,
            head: String::new(),
            items: review.reasons.iter().map(|r| r.describe(zh)).collect(),
            testid: "reasons",
        },
    ];
    blocks.extend(notes(page, review, zh));
    if !review.publicity_conflict.is_empty() {
        blocks.extend(keep_window(page, review, who));
    }
    let fill = who.may(Action::Organize) && by_scores(review);
    blocks.extend(versions(page, review, fill, zh));
    blocks.extend(objection_conflicts(review, zh));
    if by_scores(review) {
        blocks.extend(review_form(page, review, who, &focus.get(REVIEW_AREA)));
    }
    Some(
        Card::new(blocks)
            .class("review")
            .attr("data-testid", "conflict"),
    )
}

/// Whether recording the scores that stand settles this review.
fn by_scores(review: &SlotReview) -> bool {
    let indicators = review.reasons.contains(&Review::IndicatorConflict);
    !indicators && review.reasons.iter().any(Review::settled_by_scores)
}

/// What to do first: settle the indicators, resolve the late objection; and that
/// every entry is kept.
fn notes(page: &SlotView, review: &SlotReview, zh: bool) -> Vec<Block> {
    let mut out = Vec::new();
    if review.reasons.contains(&Review::IndicatorConflict) {
        let here = TownshipYear::new(page.village.township.clone(), page.year);
        let text = t(
            zh,
            "前往“考评指标”确定本年度指标",
            "Settle this year's indicators under Indicators",
        );
        out.push(Block::Line {
            tone: Tone::Banner,
            text,
            testid: "",
            link: Some(Route::VillagePay(Page::Indicators(here))),
        });
    }
    let kept = t(
        zh,
        "所有记录都已保留。请核实后处理。",
        "Every entry is kept. Check them, then settle the review.",
    );
    out.push(Block::line(Tone::Hint, kept));
    if !review.late_objections.is_empty() {
        let text = t(zh, "定稿后收到了公示期内提出的异议：请在下方“异议”中处理。不予采纳则原定稿保持；异议成立则原定稿撤销，须重新公示。", "An objection raised during publicity arrived after finalization: resolve it under Objections below. If dismissed, the finalization stands; if upheld, it is withdrawn and the result must be publicized again.");
        out.push(Block::line(Tone::Banner, text));
    }
    out
}

/// Every version side by side: the one bound by the 定稿 or 公示, the live ones, and
/// the current set when one is outdated. `fill`: each version on the current set can
/// fill the review form.
fn versions(page: &SlotView, review: &SlotReview, fill: bool, zh: bool) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(b) = &review.bound {
        let title = if review.bound_is_final {
            t(
                zh,
                "已定稿的结果（复核前保持不变）",
                "The finalized result (stands until reviewed)",
            )
        } else {
            t(zh, "已公示的评分", "The scores publicized")
        };
        let mut record = version_record(b, title, fill, zh);
        record.attrs.push(("data-testid", "bound".to_string()));
        out.push(Block::Record(Box::new(record)));
    }
    for s in &review.live {
        let record = version_record(s, live_title(review, s, zh), fill, zh);
        out.push(Block::Record(Box::new(record)));
    }
    let outdated = review
        .reasons
        .iter()
        .any(|r| matches!(r, Review::OutdatedIndicators { .. }));
    if let Some(set) = page.indicators.as_ref().filter(|_| outdated) {
        let rows = set.indicators.iter().map(|i| {
            let max = format!("{}{}", t(zh, "满分 ", "max "), format_halves(i.max_halves));
            vec![
                SheetCell::text(i.name.clone()),
                SheetCell {
                    number: true,
                    ..SheetCell::text(max)
                },
            ]
        });
        let caption = if zh {
            format!("现行第 {} 版指标", set.version)
        } else {
            format!("Current set v{}", set.version)
        };
        out.push(Block::Sheet(Sheet {
            testid: "current-set",
            caption,
            columns: Vec::new(),
            rows: rows.collect(),
        }));
    }
    out
}

/// A version with its sheet, its source, who recorded it, and "采用此份" when it can
/// fill the review form (it is on the current set).
fn version_record(sheet: &ScoreSheet, title: String, fill: bool, zh: bool) -> Record {
    let use_these = (fill && sheet.current).then(|| {
        let focus = Focus {
            area: REVIEW_AREA,
            from: sheet.version.event.clone(),
            ..Focus::default()
        };
        let whose = &sheet.version.author;
        let text = if zh {
            format!("采用此份（{whose}）")
        } else {
            format!("Use these ({whose})")
        };
        (text, focus)
    });
    let author = &sheet.version.author;
    let title = if zh {
        format!("{title}（{author}）")
    } else {
        format!("{title} ({author})")
    };
    Record {
        title,
        body: version_body(sheet, zh),
        meta: recorded_by(sheet, zh),
        correct: use_these,
        attrs: Vec::new(),
    }
}

/// The title of a live version in a review.
fn live_title(review: &SlotReview, sheet: &ScoreSheet, zh: bool) -> String {
    let outdated = review.reasons.iter().any(|r| {
        matches!(r, Review::OutdatedIndicators { versions } if versions.contains(&sheet.version.event))
    });
    if outdated {
        let what = t(zh, "按旧版指标的评分", "Scored against an outdated set");
        if zh {
            format!("{what}（{}）", set_label(sheet, zh))
        } else {
            format!("{what} ({})", set_label(sheet, zh))
        }
    } else if review.bound.is_some() {
        t(zh, "之后收到的评分", "Scores that arrived later")
    } else {
        t(zh, "评分", "Scores")
    }
}

/// Objections resolved two ways, each with its resolutions.
fn objection_conflicts(review: &SlotReview, zh: bool) -> Vec<Block> {
    let each = review
        .objection_conflicts
        .iter()
        .map(|(o, rs)| Block::List {
            tone: Tone::Plain,
            head: objection_title(o),
            items: rs
                .iter()
                .map(|r| resolution_text(zh, &r.outcome, r.on, &r.author))
                .collect(),
            testid: "objection-conflict",
        });
    each.collect()
}

/// The scores that stand, recorded with a note; a version's "采用此份" fills them in.
fn review_form(
    page: &SlotView,
    review: &SlotReview,
    who: &SlotViewer,
    chosen: &Focus,
) -> Vec<Block> {
    let zh = who.zh;
    let heading = Block::Heading(t(zh, "确定有效评分", "Record the scores that stand"));
    if !who.may(Action::Organize) {
        return vec![heading, who.who_may(Action::Organize)];
    }
    let mut out = vec![heading];
    if review.bound.is_some() {
        let text = t(zh, "确定的评分与已公示或已定稿的结果不同时，原公示和定稿将撤销，须重新公示后才能定稿。", "If the scores you record differ from those publicized or finalized, that publicity and finalization are withdrawn and the result must be publicized again.");
        out.push(Block::line(Tone::Hint, text));
    }
    let (village, year, period) = (page.village.id.clone(), page.year, page.period);
    let template = Command::ResolveConflict {
        village,
        year,
        period,
        scores: Default::default(),
        reason: String::new(),
    };
    let labels = (
        t(zh, "确定有效评分", "Record the scores that stand"),
        t(zh, "复核结果已记录", "Review recorded"),
    );
    let what = (REVIEW_FORM, template, read_reasoned as Reader);
    let mut form = slot_form(page, what, labels, "review-form", zh);
    form.init = filled_from(review, &chosen.from);
    form.after = Some(chosen.cleared());
    out.push(Block::Form(Box::new(form)));
    out
}

/// The scores of the version `event` (bound or live, on the current set), as inputs.
fn filled_from(review: &SlotReview, event: &str) -> Inputs {
    let all = review.bound.iter().chain(&review.live);
    let sheet = all.filter(|s| s.current).find(|s| s.version.event == event);
    sheet
        .map(|s| score_inputs(&s.version.scores))
        .unwrap_or_default()
}

/// Two 公示 announced different windows: both listed; the organizer keeps one, with a
/// reason (a 定稿 made inside the kept window is withdrawn).
fn keep_window(page: &SlotView, review: &SlotReview, who: &SlotViewer) -> Vec<Block> {
    let zh = who.zh;
    let windows = &review.publicity_conflict;
    let mut out = vec![
        Block::Heading(t(zh, "两个不同的公示期", "Two different publicity windows")),
        Block::line(Tone::Hint, t(zh, "两部手机离线时各自开始了公示。两个公示期内提出的异议都已登记。请确定以哪个公示期为准；在该公示期结束前作出的定稿将撤销。", "Two phones opened the publicity while offline. Objections raised in either window are recorded. Keep one window; a finalization made before it ends is withdrawn.")),
        Block::List {
            tone: Tone::Plain,
            head: String::new(),
            items: windows.iter().map(|w| window_text(w, zh)).collect(),
            testid: "publicity-conflict",
        },
    ];
    if !who.may(Action::Organize) {
        out.push(who.who_may(Action::Organize));
        return out;
    }
    let template = Command::ResolvePublicityConflict {
        village: page.village.id.clone(),
        year: page.year,
        period: page.period,
        keep: String::new(),
        reason: String::new(),
    };
    let labels = (
        t(zh, "以此公示期为准", "Keep this window"),
        t(zh, "已确定公示期", "Publicity window kept"),
    );
    let what = (KEEP_WINDOW_FORM, template, read_keep_window as Reader);
    let mut form = slot_form(page, what, labels, "keep-window-form", zh);
    let choices = windows
        .iter()
        .map(|w| (w.publicity.clone(), window_text(w, zh)));
    form.options = form.options.with(WINDOWS, choices.collect());
    out.push(Block::Form(Box::new(form)));
    out
}
