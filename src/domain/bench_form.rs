//! One more form as data, compiled only with `--features bench-extra-form`: `make bench`
//! builds the app with and without it and prints what one more form costs (its fields,
//! its input struct's reading, drawn by the one renderer, sending an existing command).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::form::{choice, field, Choice, FieldKind, Form};

const KINDS: &[Choice] = &[
    choice("meeting", "会议", "Meeting"),
    choice("visit", "走访", "Visit"),
];

/// A six-field form of every common kind.
pub const SAMPLE_FORM: Form = Form {
    key: "sample",
    fields: &[
        field("name", "名称", "Name", FieldKind::Text).required(),
        field("on", "日期", "Date", FieldKind::Date).required(),
        field("count", "人数", "Count", FieldKind::Count),
        field("kind", "类别", "Kind", FieldKind::Choice(KINDS)),
        field("agreed", "是否同意", "Agreed", FieldKind::YesNo),
        field("note", "备注", "Note", FieldKind::LongText),
    ],
};

/// What the sample form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleInput {
    /// Name.
    pub name: String,
    /// Date.
    pub on: NaiveDate,
    /// A count.
    pub count: u32,
    /// One of [`KINDS`].
    pub kind: String,
    /// Yes or no.
    pub agreed: bool,
    /// Note.
    pub note: String,
}

/// The sample form on a screen, recording a township named by it.
pub fn sample_block(zh: bool) -> crate::domain::screen::FormBlock {
    use crate::domain::master_decide::Command;
    use crate::domain::screen::{t, FormBlock};
    let template = Command::RecordTownship {
        township: String::new(),
        name: String::new(),
    };
    let (button, done) = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    FormBlock::new(SAMPLE_FORM, template.into(), read_sample, button, done)
}

fn read_sample(
    block: &crate::domain::screen::FormBlock,
    inputs: &crate::domain::form::Inputs,
    sent: &crate::domain::screen::Sent,
    _: &crate::domain::state::State,
) -> Result<crate::domain::command::Command, Vec<crate::domain::RuleViolation>> {
    let x: SampleInput = block.form.read(&block.options, inputs, sent.today)?;
    let cmd = crate::domain::master_decide::Command::RecordTownship {
        township: sent.new_id("t"),
        name: x.name,
    };
    Ok(cmd.into())
}
