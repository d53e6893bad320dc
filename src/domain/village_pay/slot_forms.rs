//! The forms of a village's period page, as data, each with the reader that turns its
//! inputs into its command: the scores of a field check (实地考核评分), a correction
//! before 公示, the scores that stand after a review, an objection upheld (with its
//! corrected scores) or dismissed, the 公示 window kept, 公示 opened, an objection
//! raised and 定稿. Scores are one input per indicator (`scores.<indicator>`), read by
//! `parse_scores` against the indicator set current when the form is sent.
//!
//! Architecture invariant: a form's fields other than its scores are the serde names of
//! its input struct; `read(inputs_of(x)) == x` for each (tests/forms.rs).

use crate::domain::sorting::Gather;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::forms::{DatedInput, ObjectionInput, PublicityInput};
use super::{parse_scores, Command, Indicator, Period};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{field, Cell, Field, FieldKind, Form, Grid, Inputs, Options, Rows};
use crate::domain::score::format_halves;
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::state::State;
use crate::domain::RuleViolation;

/// The option list naming the indicators a score grid has a row for.
pub const INDICATORS: &str = "indicators";
/// The option list of the 公示 windows to keep one of.
pub const WINDOWS: &str = "windows";

/// One score per indicator of the current set.
const SCORES: Field = field(
    "scores",
    "各项得分",
    "Scores",
    FieldKind::Grid(Grid {
        rows: Rows::From(INDICATORS),
        cell: Cell::Score,
        total: false,
    }),
)
.required();

const fn date(name: &'static str, zh: &'static str, en: &'static str) -> Field {
    field(name, zh, en, FieldKind::Date).required()
}

const fn text(name: &'static str, zh: &'static str, en: &'static str) -> Field {
    field(name, zh, en, FieldKind::Text).required()
}

/// 实地考核评分: the scores, who checked and when, and what was seen.
pub const SCORE_FORM: Form = Form {
    key: "score",
    fields: &[
        SCORES,
        text("assessor", "考核人", "Assessor"),
        date("assessed_on", "考核日期", "Date of check"),
        field("note", "现场查验情况", "On-site note", FieldKind::LongText),
    ],
};

/// A correction before 公示, with its reason.
pub const CORRECTION_FORM: Form = Form {
    key: "correction",
    fields: &[SCORES, text("reason", "更正理由", "Reason")],
};

/// The scores that stand after a review, with the review's note.
pub const REVIEW_FORM: Form = Form {
    key: "review",
    fields: &[SCORES, text("reason", "复核说明", "Review note")],
};

/// An objection upheld: the corrected scores and what was found.
pub const UPHELD_FORM: Form = Form {
    key: "upheld",
    fields: &[
        SCORES,
        text("note", "核实情况", "Finding"),
        date("resolved_on", "处理日期", "Date resolved"),
    ],
};

/// An objection dismissed, with the reason.
pub const DISMISSED_FORM: Form = Form {
    key: "dismissed",
    fields: &[
        text("note", "不予采纳的理由", "Reason for dismissal"),
        date("resolved_on", "处理日期", "Date resolved"),
    ],
};

/// Two 公示 windows: the one kept, and why.
pub const KEEP_WINDOW_FORM: Form = Form {
    key: "keep_window",
    fields: &[
        field(
            "keep",
            "以哪个公示期为准",
            "Window to keep",
            FieldKind::Pick {
                from: WINDOWS,
                blank: true,
            },
        )
        .required(),
        text("reason", "确定理由", "Reason"),
    ],
};

/// The score form as read, besides its scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssessmentInput {
    /// Who checked.
    pub assessor: String,
    /// When.
    pub assessed_on: NaiveDate,
    /// What was seen.
    #[serde(default)]
    pub note: String,
}

/// A correction or review as read, besides its scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonInput {
    /// Why.
    pub reason: String,
}

/// An objection's resolution as read, besides an upheld one's scores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionInput {
    /// What was found, or why it is dismissed.
    pub note: String,
    /// When.
    pub resolved_on: NaiveDate,
}

/// The window kept, as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepInput {
    /// The 公示 kept.
    pub keep: String,
    /// Why.
    pub reason: String,
}

/// The rows of a score grid: each indicator with its maximum.
pub fn indicator_options(indicators: &[Indicator], zh: bool) -> Options {
    let rows = indicators.iter().map(|i| {
        let max = format_halves(i.max_halves);
        let label = if zh {
            format!("{}（满分 {max}）", i.name)
        } else {
            format!("{} (max {max})", i.name)
        };
        (i.id.clone(), label)
    });
    Options::default().with(INDICATORS, rows.collect())
}

/// A score grid prefilled with `scores`.
pub fn score_inputs(scores: &BTreeMap<String, u32>) -> Inputs {
    let each = scores.iter();
    each.map(|(id, s)| (format!("scores.{id}"), format_halves(*s)))
        .gather_map()
}

/// Where a slot form's command is: (village, year, period).
fn slot_of(cmd: &AnyCommand) -> Option<(&str, i32, Period)> {
    let AnyCommand::VillagePay(cmd) = cmd else {
        return None;
    };
    match cmd {
        Command::SubmitScores {
            village,
            year,
            period,
            ..
        }
        | Command::CorrectScores {
            village,
            year,
            period,
            ..
        }
        | Command::ResolveConflict {
            village,
            year,
            period,
            ..
        }
        | Command::ResolveObjection {
            village,
            year,
            period,
            ..
        }
        | Command::ResolvePublicityConflict {
            village,
            year,
            period,
            ..
        }
        | Command::OpenPublicity {
            village,
            year,
            period,
            ..
        }
        | Command::RaiseObjection {
            village,
            year,
            period,
            ..
        }
        | Command::Finalize {
            village,
            year,
            period,
            ..
        } => Some((village, *year, *period)),
        _ => None,
    }
}

/// The scores typed, read against the set current for the form's village and year and
/// the half-point rule of today's policy; each message named at its row.
fn scores_of(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<BTreeMap<String, u32>, Vec<RuleViolation>> {
    let Some((village, year, _)) = slot_of(&block.template) else {
        return Err(not_this_form(&block.form));
    };
    let township = state
        .master
        .villages
        .get(village)
        .map(|v| v.township.as_str());
    let set = township.and_then(|t| state.village_pay.counted.indicators(t, year));
    let indicators = set.map(|s| s.indicators.as_slice()).unwrap_or_default();
    let typed: Vec<(String, String)> = indicators
        .iter()
        .map(|i| {
            let name = format!("scores.{}", i.id);
            (i.id.clone(), inputs.get(&name).cloned().unwrap_or_default())
        })
        .collect();
    let half = state.policies.at(sent.today).half_points;
    parse_scores(indicators, &typed, half).map_err(|all| {
        let named = all.into_iter().map(|v| {
            let row = v.field.clone().unwrap_or_default();
            v.on(format!("scores.{row}"))
        });
        named.collect()
    })
}

/// The scores and the rest of the form (`T`), or every message at once: the scores'
/// first, in the order of the fields.
fn with_scores<T: DeserializeOwned>(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<(BTreeMap<String, u32>, T), Vec<RuleViolation>> {
    let scores = scores_of(block, inputs, sent, state);
    let (values, unread) = block.form.values(&block.options, inputs, sent.today);
    let mut problems = scores.as_ref().err().cloned().unwrap_or_default();
    problems.extend(unread);
    if !problems.is_empty() {
        return Err(problems);
    }
    let rest = block.form.read_as(values, false)?;
    Ok((scores.unwrap_or_default(), rest))
}

/// The village-pay command of a form's template, or the message that it is not this
/// form's.
fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::VillagePay(cmd) => Ok(cmd),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The score form into `SubmitScores`.
pub fn read_assessment(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (scores, x): (_, AssessmentInput) = with_scores(block, inputs, sent, state)?;
    match template(block)? {
        Command::SubmitScores {
            village,
            year,
            period,
            ..
        } => Ok(Command::SubmitScores {
            village: village.clone(),
            year: *year,
            period: *period,
            scores,
            assessor: x.assessor,
            assessed_on: x.assessed_on,
            note: x.note,
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// A correction or a review into `CorrectScores` or `ResolveConflict`.
pub fn read_reasoned(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (scores, x): (_, ReasonInput) = with_scores(block, inputs, sent, state)?;
    let reason = x.reason;
    match template(block)? {
        Command::CorrectScores {
            village,
            year,
            period,
            ..
        } => Ok(Command::CorrectScores {
            village: village.clone(),
            year: *year,
            period: *period,
            scores,
            reason,
        }
        .into()),
        Command::ResolveConflict {
            village,
            year,
            period,
            ..
        } => Ok(Command::ResolveConflict {
            village: village.clone(),
            year: *year,
            period: *period,
            scores,
            reason,
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// An objection upheld (with scores) or dismissed into `ResolveObjection`: the
/// template's `upheld` says which (`Some`: upheld).
pub fn read_resolution(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let Command::ResolveObjection {
        village,
        year,
        period,
        objection,
        upheld,
        ..
    } = template(block)?
    else {
        return Err(not_this_form(&block.form));
    };
    let (scores, x): (_, ResolutionInput) = match upheld {
        Some(_) => with_scores(block, inputs, sent, state)?,
        None => (
            BTreeMap::new(),
            block.form.read(&block.options, inputs, sent.today)?,
        ),
    };
    Ok(Command::ResolveObjection {
        village: village.clone(),
        year: *year,
        period: *period,
        objection: objection.clone(),
        upheld: upheld.as_ref().map(|_| scores),
        note: x.note,
        resolved_on: x.resolved_on,
    }
    .into())
}

/// The window kept into `ResolvePublicityConflict`.
pub fn read_keep_window(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: KeepInput = block.form.read(&block.options, inputs, sent.today)?;
    match template(block)? {
        Command::ResolvePublicityConflict {
            village,
            year,
            period,
            ..
        } => Ok(Command::ResolvePublicityConflict {
            village: village.clone(),
            year: *year,
            period: *period,
            keep: x.keep,
            reason: x.reason,
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// 公示 opened, an objection raised, or 定稿: the fixed-field forms of a period.
pub fn read_step(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, today) = (&block.form, sent.today);
    let options = &block.options;
    let cmd = match template(block)? {
        Command::OpenPublicity {
            village,
            year,
            period,
            ..
        } => {
            let x: PublicityInput = form.read(options, inputs, today)?;
            Command::OpenPublicity {
                village: village.clone(),
                year: *year,
                period: *period,
                start: x.start,
            }
        }
        Command::RaiseObjection {
            village,
            year,
            period,
            ..
        } => {
            let x: ObjectionInput = form.read(options, inputs, today)?;
            Command::RaiseObjection {
                village: village.clone(),
                year: *year,
                period: *period,
                objector: x.objector,
                content: x.content,
                raised_on: x.raised_on,
            }
        }
        Command::Finalize {
            village,
            year,
            period,
            ..
        } => {
            let x: DatedInput = form.read(options, inputs, today)?;
            Command::Finalize {
                village: village.clone(),
                year: *year,
                period: *period,
                on: x.on,
            }
        }
        _ => return Err(not_this_form(form)),
    };
    Ok(cmd.into())
}
