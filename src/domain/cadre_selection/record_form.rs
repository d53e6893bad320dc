//! The step-record card of a W4 case as a screen card (`domain::screen`): the choice of
//! the form shown and that form, or the correction of a record with its reason. The
//! inputs are read by the step form against the policy in force when sent.

use crate::domain::screen::t;
use chrono::NaiveDate;

use super::case_screen::{Viewer, RECORD_AREA};
use super::forms::{fields_of, step_form, Choices, StepForm, FORMS};
use super::{Action, Case, Command, StepEntry, StepRecord};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{field, inputs_of_object, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, Block, Card, Focus, FormBlock, Sent, Tone};
use crate::domain::state::State;
use crate::domain::RuleViolation;

/// A correction's reason, drawn before the corrected record's own fields.
pub const CORRECTION_FORM: Form = Form {
    key: "correction",
    fields: &[field(
        "correct_reason",
        "更正理由",
        "Reason for the correction",
        FieldKind::Text,
    )
    .required()],
};

/// The step-record card: the choice of form (the current step's first by default, or
/// the one chosen, or the record being corrected) and that form, for a user who may
/// record; for everyone else, who may. Nothing once the case has ended.
pub fn record_card(s: &State, case: &Case, who: Viewer, focus: &Focus) -> Vec<Card> {
    let zh = who.zh;
    let w4 = &s.cadre_selection;
    let over_quota = |post: &str| w4.over_quota_review(post, who.today);
    let summary = super::case_summary(s, &case.id, who.today, &over_quota);
    let Some(v) = summary.filter(|v| v.ended.is_none()) else {
        return Vec::new();
    };
    if !Action::Record.allows(who.role) {
        let why = Action::Record.only();
        let line = Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours");
        return vec![Card::new(vec![line]).attr("data-testid", "record")];
    }
    let default = FORMS
        .iter()
        .find(|f| Some(f.step) == v.current)
        .unwrap_or(&FORMS[FORMS.len() - 1]);
    let moved_on = |f: &&StepForm| focus.follow && Some(f.step) != v.current;
    let shown = step_form(&focus.form)
        .filter(|f| !moved_on(f))
        .unwrap_or(default);
    let fixing = (focus.form == shown.key && !focus.replaces.is_empty())
        .then(|| case.entries.get(&focus.from))
        .flatten();
    let mut blocks = vec![
        Block::Heading(t(zh, "记录环节", "Record a step")),
        choice_of_form(shown, zh),
    ];
    if fixing.is_some() {
        let warn = t(
            zh,
            "更正记录：提交后将形成新记录并引用原记录",
            "Correction: a new record referencing the original",
        );
        blocks.push(Block::line(Tone::Warn, warn));
    }
    let mut form = step_form_block(case, shown, fixing.map(|e| (e, focus)), zh);
    form.options = Choices::of(s, case, zh).options();
    blocks.push(Block::Form(Box::new(form)));
    vec![Card::new(blocks).attr("data-testid", "record")]
}

/// The choice of the step form shown, each named by its step and its own name.
fn choice_of_form(shown: &StepForm, zh: bool) -> Block {
    let options = FORMS.iter().map(|f| {
        let label = format!("{} · {}", f.step.label(zh), super::form_label(f.key, zh));
        (f.key.to_string(), label)
    });
    Block::Choose {
        area: RECORD_AREA,
        label: t(zh, "表单", "Form"),
        name: "form",
        options: options.collect(),
        chosen: shown.key.to_string(),
        from: String::new(),
    }
}

/// The step form recording a new record, or correcting `fixing` (the record, and the
/// focus naming the records it replaces) with its reason first.
fn step_form_block(
    case: &Case,
    shown: &StepForm,
    fixing: Option<(&StepEntry, &Focus)>,
    zh: bool,
) -> FormBlock {
    let done = t(zh, "已记录", "Recorded");
    let mut form = match fixing {
        Some((entry, focus)) => {
            let template = Command::Correct {
                case: case.id.clone(),
                supersedes: focus.replaces.clone(),
                record: (*entry.record).clone(),
                reason: String::new(),
            };
            let button = t(zh, "提交更正", "Submit correction");
            let mut form = FormBlock::new(
                shown.form(),
                template.into(),
                read_step_record,
                button,
                done,
            );
            form.init = inputs_of_object(fields_of(&entry.record));
            form.lead = Some(CORRECTION_FORM);
            form
        }
        None => {
            let record = blank_record();
            let template = Command::Record {
                case: case.id.clone(),
                record,
            };
            let button = t(zh, "记录", "Record");
            FormBlock::new(
                shown.form(),
                template.into(),
                read_step_record,
                button,
                done,
            )
        }
    };
    form.testid = "record-form";
    // Stay on the form just used while its step is the current one (the next nomination,
    // check, opinion); once the case moved on, follow it.
    form.after = Some(Focus {
        area: RECORD_AREA,
        form: shown.key.to_string(),
        follow: true,
        ..Focus::default()
    });
    form
}

/// A step form's inputs (and a correction's reason) into the record or correction, with
/// every field's message at once, checked against the policy in force when sent.
fn read_step_record(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let step = step_form(block.form.key).ok_or_else(|| not_this_form(&block.form))?;
    let AnyCommand::CadreSelection(cmd) = &block.template else {
        return Err(not_this_form(&block.form));
    };
    let (Command::Record { case, .. } | Command::Correct { case, .. }) = cmd else {
        return Err(not_this_form(&block.form));
    };
    let known = state
        .cadre_selection
        .cases
        .get(case)
        .ok_or_else(|| not_this_form(&block.form))?;
    let choices = Choices::of(state, known, true);
    let policy = state.policies.at(sent.today).cadre_selection;
    let (_, mut problems) = match block.lead {
        Some(lead) => lead.values(&block.options, inputs, sent.today),
        None => (Default::default(), Vec::new()),
    };
    let record = step.read(&choices, inputs, sent.today, &policy);
    let record = match record {
        Ok(record) if problems.is_empty() => record,
        Ok(_) => return Err(problems),
        Err(more) => {
            problems.extend(more);
            return Err(problems);
        }
    };
    let case = case.clone();
    Ok(match cmd {
        Command::Correct { supersedes, .. } => {
            let reason = crate::domain::form::text(inputs, "correct_reason")
                .trim()
                .to_string();
            Command::Correct {
                case,
                supersedes: supersedes.clone(),
                record,
                reason,
            }
        }
        _ => Command::Record { case, record },
    }
    .into())
}

/// The record a new step form's template carries until its inputs complete it.
fn blank_record() -> StepRecord {
    StepRecord::Qualification {
        on: NaiveDate::MIN,
        conditions: String::new(),
    }
}
