//! The village-pay (W1) forms with fixed fields, as data: 公示 opening, an objection,
//! 定稿, grading, and the 不合格 follow-ups. Each reads, through its serde shape, into
//! the input struct below; the page adds the village, year and period it is on. (The
//! forms with a score per indicator are in `slot_forms`; the indicator rows have their
//! own reader, `parse_indicators`.)
//!
//! Architecture invariant: each form's field names are the serde names of its input
//! struct, and `read(inputs_of(x)) == x` for each (tests/forms.rs).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::form::{field, FieldKind, Form};

const fn date(
    name: &'static str,
    zh: &'static str,
    en: &'static str,
) -> crate::domain::form::Field {
    field(name, zh, en, FieldKind::Date).required()
}

/// 公示: the day the window opens.
pub const PUBLICITY_FORM: Form = Form {
    key: "publicity",
    fields: &[date("start", "公示开始日期", "Publicity starts")],
};

/// An objection raised during 公示.
pub const OBJECTION_FORM: Form = Form {
    key: "objection",
    fields: &[
        field("objector", "异议人", "Objector", FieldKind::Text).required(),
        field("content", "异议内容", "Objection", FieldKind::LongText).required(),
        date("raised_on", "提出日期", "Date raised"),
    ],
};

/// 定稿 after the window.
pub const FINALIZE_FORM: Form = Form {
    key: "finalize",
    fields: &[date("on", "定稿日期", "Finalize on")],
};

/// Grading a township's year.
pub const GRADE_FORM: Form = Form {
    key: "grade",
    fields: &[date("on", "评定日期", "Graded on")],
};

/// Grading it again: with the reason.
pub const REGRADE_FORM: Form = Form {
    key: "regrade",
    fields: &[
        date("on", "评定日期", "Graded on"),
        field("reason", "重新评定理由", "Reason", FieldKind::Text).required(),
    ],
};

/// 诫勉谈话 with a 不合格 village's heads.
pub const WARNING_TALK_FORM: Form = Form {
    key: "warning_talk",
    fields: &[
        field("held_by", "谈话人", "Held by", FieldKind::Text).required(),
        date("held_on", "谈话日期", "Date"),
        field("note", "谈话要点", "Notes", FieldKind::Text),
    ],
};

/// 限期整改 completed.
pub const RECTIFICATION_FORM: Form = Form {
    key: "rectification",
    fields: &[
        date("completed_on", "完成日期", "Completed on"),
        field("note", "整改情况", "What was rectified", FieldKind::Text).required(),
    ],
};

/// The publicity form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicityInput {
    /// First day of the window.
    pub start: NaiveDate,
}

/// The objection form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObjectionInput {
    /// Who raised it.
    pub objector: String,
    /// What it says.
    pub content: String,
    /// When it was raised.
    pub raised_on: NaiveDate,
}

/// The 定稿 or grading form as read (a re-grading adds its reason).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DatedInput {
    /// The day.
    pub on: NaiveDate,
    /// Why it is done again (re-grading only; blank otherwise).
    #[serde(default)]
    pub reason: String,
}

/// The warning-talk form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningTalkInput {
    /// Who held the talk.
    pub held_by: String,
    /// When.
    pub held_on: NaiveDate,
    /// What was said.
    pub note: String,
}

/// The rectification form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RectificationInput {
    /// When it was completed.
    pub completed_on: NaiveDate,
    /// What was rectified.
    pub note: String,
}
