//! The step-record card of a W4 case as a screen card (`domain::screen`): the choice of
//! the form shown and that form, or the correction of a record with its reason. The
//! inputs are read by the step form against the policy in force when sent.

use chrono::NaiveDate;

use super::case_screen::{Viewer, RECORD_AREA};
use super::forms::{fields_of, step_form, Choices, StepForm, FORMS};
use super::{Action, Case, Command, StepRecord};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{field, inputs_of_object, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, Block, Card, Focus, FormBlock, Sent, Tone};
use crate::domain::state::State;
use crate::domain::RuleViolation;

fn t(zh: bool, z: &str, e: &str) -> String {
    if zh { z } else { e }.to_string()
}

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
    let Some(v) = super::case_view(s, &case.id, who.today).filter(|v| v.ended.is_none()) else {
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
    let options = FORMS.iter().map(|f| {
        (
            f.key.to_string(),
            format!("{} · {}", f.step.label(zh), super::form_label(f.key, zh)),
        )
    });
    let mut blocks = vec![
        Block::Heading(t(zh, "记录环节", "Record a step")),
        Block::Choose {
            area: RECORD_AREA,
            label: t(zh, "表单", "Form"),
            name: "form",
            options: options.collect(),
            chosen: shown.key.to_string(),
        },
    ];
    let ch = Choices::of(s, case, zh);
    let mut form = match fixing {
        Some(entry) => {
            let warn = t(
                zh,
                "更正记录：提交后将形成新记录并引用原记录",
                "Correction: a new record referencing the original",
            );
            blocks.push(Block::line(Tone::Warn, warn));
            let template = Command::Correct {
                case: case.id.clone(),
                supersedes: focus.replaces.clone(),
                record: entry.record.clone(),
                reason: String::new(),
            };
            let mut form = FormBlock::new(
                shown.form(),
                template.into(),
                read_step_record,
                t(zh, "提交更正", "Submit correction"),
                t(zh, "已记录", "Recorded"),
            );
            form.init = inputs_of_object(fields_of(&entry.record));
            form.lead = Some(CORRECTION_FORM);
            form
        }
        None => {
            let template = Command::Record {
                case: case.id.clone(),
                record: blank_record(),
            };
            FormBlock::new(
                shown.form(),
                template.into(),
                read_step_record,
                t(zh, "记录", "Record"),
                t(zh, "已记录", "Recorded"),
            )
        }
    };
    form.options = ch.options();
    form.testid = "record-form";
    // Stay on the form just used while its step is the current one (the next nomination,
    // check, opinion); once the case moved on, follow it.
    form.after = Some(Focus {
        area: RECORD_AREA,
        form: shown.key.to_string(),
        follow: true,
        ..Focus::default()
    });
    blocks.push(Block::Form(Box::new(form)));
    vec![Card::new(blocks).attr("data-testid", "record")]
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
    let policy = state.policies.at(sent.today).w4;
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
