//! The forms of rotation and secondment as data, and their reading back into commands: a
//! key post marked or withdrawn, a rotation recorded, corrected or withdrawn, a
//! secondment recorded, corrected or withdrawn, its end recorded or withdrawn.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{Command, Fix};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{field, Field, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::versions::Records;
use crate::domain::{RuleViolation, State};

/// Option list: cadres holding a post.
pub const CADRES: &str = "cadres";
/// Option list: posts in use (`post:<id>` or `text:<unit>\t<title>`).
pub const POSTS: &str = "posts";
/// Option list: key posts marked.
pub const KEYS: &str = "keys";
/// Option list: rotations recorded.
pub const ROTATED: &str = "rotated";
/// Option list: secondments recorded.
pub const SECONDED: &str = "seconded";
/// Option list: secondments not ended.
pub const RUNNING: &str = "running";
/// Option list: ends recorded.
pub const ENDED: &str = "ended";

const fn pick(name: &'static str, zh: &'static str, en: &'static str, from: &'static str) -> Field {
    field(name, zh, en, FieldKind::Pick { from, blank: false }).required()
}

const TO_UNIT: Field = field(
    "to_unit",
    "轮岗到的单位",
    "Unit rotated to",
    FieldKind::Text,
)
.required();
const TO_TITLE: Field = field(
    "to_title",
    "轮岗到的职务",
    "Post rotated to",
    FieldKind::Text,
)
.required();
const ROTATED_ON: Field = field("on", "轮岗日期", "Rotated on", FieldKind::Date).required();
const NOTE: Field = field(
    "note",
    "决定文号或会议",
    "Decision (number, meeting)",
    FieldKind::Text,
);
const NAME: Field = field("name", "借用人员姓名", "Name", FieldKind::Text).required();
const FROM_UNIT: Field = field("from_unit", "原单位", "From unit", FieldKind::Text).required();
const BORROWER: Field = field(
    "to_unit",
    "借用单位（科室）",
    "Borrowing unit",
    FieldKind::Text,
)
.required();
const START: Field = field("start", "借用开始日期", "First day", FieldKind::Date).required();
const BASIS: Field = field(
    "basis",
    "审批备案情况（主要领导、分管领导同意，人事教育科备案）",
    "Consent and filing (leaders' consent, filed with personnel)",
    FieldKind::Text,
)
.required();
const FIX_WHY: Field = field(
    "reason",
    "更正原因",
    "Reason for the correction",
    FieldKind::Text,
)
.required();
const WITHDRAW_WHY: Field =
    field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required();

/// A rotation recorded.
pub const ROTATE_FORM: Form = Form {
    key: "rotation_rotate",
    fields: &[
        pick("cadre", "干部", "Cadre", CADRES),
        TO_UNIT,
        TO_TITLE,
        ROTATED_ON,
        NOTE,
    ],
};

/// A rotation corrected.
pub const FIX_ROTATION_FORM: Form = Form {
    key: "rotation_fix",
    fields: &[
        pick("record", "更正哪一条", "Which record", ROTATED),
        TO_UNIT,
        TO_TITLE,
        ROTATED_ON,
        NOTE,
        FIX_WHY,
    ],
};

/// A rotation recorded by mistake, withdrawn.
pub const WITHDRAW_ROTATION_FORM: Form = Form {
    key: "rotation_withdraw",
    fields: &[
        pick("record", "撤销哪一条", "Which record", ROTATED),
        WITHDRAW_WHY,
    ],
};

/// A post marked as a key post.
pub const KEY_FORM: Form = Form {
    key: "rotation_key",
    fields: &[
        pick("post", "职位", "Post", POSTS),
        field(
            "basis",
            "关键岗位依据（涉及人、财、物、项目审批）",
            "What it controls (people, money, goods, project approval)",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// A key-post marking withdrawn.
pub const UNKEY_FORM: Form = Form {
    key: "rotation_unkey",
    fields: &[
        pick("record", "取消哪一个关键岗位", "Which key post", KEYS),
        WITHDRAW_WHY,
    ],
};

/// A secondment recorded.
pub const SECOND_FORM: Form = Form {
    key: "rotation_second",
    fields: &[NAME, FROM_UNIT, BORROWER, START, BASIS],
};

/// A secondment corrected.
pub const FIX_SECOND_FORM: Form = Form {
    key: "rotation_fix_second",
    fields: &[
        pick("record", "更正哪一条", "Which record", SECONDED),
        NAME,
        FROM_UNIT,
        BORROWER,
        START,
        BASIS,
        FIX_WHY,
    ],
};

/// A secondment recorded by mistake, withdrawn.
pub const WITHDRAW_SECOND_FORM: Form = Form {
    key: "rotation_withdraw_second",
    fields: &[
        pick("record", "撤销哪一条", "Which record", SECONDED),
        WITHDRAW_WHY,
    ],
};

/// A secondment's end.
pub const END_FORM: Form = Form {
    key: "rotation_end",
    fields: &[
        pick("secondment", "借用人员", "Secondment", RUNNING),
        field("on", "借用结束日期", "Last day", FieldKind::Date).required(),
    ],
};

/// A secondment's end recorded by mistake, withdrawn.
pub const WITHDRAW_END_FORM: Form = Form {
    key: "rotation_withdraw_end",
    fields: &[
        pick("record", "撤销哪一条结束记录", "Which end", ENDED),
        WITHDRAW_WHY,
    ],
};

/// What the rotation form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RotateInput {
    /// The cadre.
    pub cadre: String,
    /// The unit.
    pub to_unit: String,
    /// The post.
    pub to_title: String,
    /// The day.
    pub on: NaiveDate,
    /// The decision.
    #[serde(default)]
    pub note: String,
}

/// What the rotation correction reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixRotationInput {
    /// The record.
    pub record: String,
    /// The unit.
    pub to_unit: String,
    /// The post.
    pub to_title: String,
    /// The day.
    pub on: NaiveDate,
    /// The decision.
    #[serde(default)]
    pub note: String,
    /// Why.
    pub reason: String,
}

/// What a withdrawal reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawInput {
    /// The record.
    pub record: String,
    /// Why.
    pub reason: String,
}

/// What the key-post form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct KeyInput {
    /// `post:<id>` or `text:<unit>\t<title>`.
    pub post: String,
    /// What it controls.
    pub basis: String,
}

/// What the secondment form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct SecondInput {
    /// The name.
    pub name: String,
    /// From.
    pub from_unit: String,
    /// To.
    pub to_unit: String,
    /// The first day.
    pub start: NaiveDate,
    /// Consent and filing.
    pub basis: String,
}

/// What the secondment correction reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixSecondInput {
    /// The record.
    pub record: String,
    /// The name.
    pub name: String,
    /// From.
    pub from_unit: String,
    /// To.
    pub to_unit: String,
    /// The first day.
    pub start: NaiveDate,
    /// Consent and filing.
    pub basis: String,
    /// Why.
    pub reason: String,
}

/// What the end form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct EndInput {
    /// The secondment.
    pub secondment: String,
    /// The last day.
    pub on: NaiveDate,
}

/// The option value naming a post: the W4 post's id, else its unit and title.
pub fn post_value(post: &str, unit: &str, title: &str) -> String {
    match post.is_empty() {
        true => format!("text:{unit}\t{title}"),
        false => format!("post:{post}"),
    }
}

/// The post an option value names: (post id, unit, title).
fn post_of(state: &State, value: &str) -> (String, String, String) {
    if let Some(id) = value.strip_prefix("post:") {
        let p = state.cadre_selection.post(id);
        let (unit, title) = p.map_or_else(Default::default, |p| (p.unit.clone(), p.title.clone()));
        return (id.to_string(), unit, title);
    }
    let text = value.strip_prefix("text:").unwrap_or(value);
    let (unit, title) = text.split_once('\t').unwrap_or((text, ""));
    (String::new(), unit.to_string(), title.to_string())
}

/// A fix of `record`, naming only the versions of it the page drew.
fn fix_of<T>(
    records: &Records<T>,
    record: &str,
    withdrawn: bool,
    reason: String,
    seen: &[String],
) -> Fix {
    let live = records
        .by_id
        .get(record)
        .map(|v| v.live_ids())
        .unwrap_or_default();
    Fix {
        record: record.to_string(),
        withdrawn,
        reason,
        seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
    }
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::Rotation(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// Read any form of rotation and secondment into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let r = &state.rotation;
    let key = form.key;
    let cmd = match template(block)? {
        Command::Rotate { fix, .. } if key == FIX_ROTATION_FORM.key => {
            let x: FixRotationInput = form.read(options, inputs, today)?;
            Command::Rotate {
                cadre: String::new(),
                to_unit: x.to_unit,
                to_title: x.to_title,
                on: x.on,
                note: x.note,
                fix: fix_of(&r.rotations, &x.record, false, x.reason, &fix.seen),
            }
        }
        Command::Rotate { fix, .. } if key == WITHDRAW_ROTATION_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::Rotate {
                cadre: String::new(),
                to_unit: String::new(),
                to_title: String::new(),
                on: today,
                note: String::new(),
                fix: fix_of(&r.rotations, &x.record, true, x.reason, &fix.seen),
            }
        }
        Command::Rotate { .. } => {
            let x: RotateInput = form.read(options, inputs, today)?;
            Command::Rotate {
                cadre: x.cadre,
                to_unit: x.to_unit,
                to_title: x.to_title,
                on: x.on,
                note: x.note,
                fix: Fix::default(),
            }
        }
        Command::MarkKeyPost { fix, .. } if key == UNKEY_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::MarkKeyPost {
                post: String::new(),
                unit: String::new(),
                title: String::new(),
                basis: String::new(),
                fix: fix_of(&r.key_posts, &x.record, true, x.reason, &fix.seen),
            }
        }
        Command::MarkKeyPost { .. } => {
            let x: KeyInput = form.read(options, inputs, today)?;
            let (post, unit, title) = post_of(state, &x.post);
            Command::MarkKeyPost {
                post,
                unit,
                title,
                basis: x.basis,
                fix: Fix::default(),
            }
        }
        Command::Second { fix, .. } if key == FIX_SECOND_FORM.key => {
            let x: FixSecondInput = form.read(options, inputs, today)?;
            Command::Second {
                name: x.name,
                from_unit: x.from_unit,
                to_unit: x.to_unit,
                start: x.start,
                basis: x.basis,
                fix: fix_of(&r.secondments, &x.record, false, x.reason, &fix.seen),
            }
        }
        Command::Second { fix, .. } if key == WITHDRAW_SECOND_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::Second {
                name: String::new(),
                from_unit: String::new(),
                to_unit: String::new(),
                start: today,
                basis: String::new(),
                fix: fix_of(&r.secondments, &x.record, true, x.reason, &fix.seen),
            }
        }
        Command::Second { .. } => {
            let x: SecondInput = form.read(options, inputs, today)?;
            Command::Second {
                name: x.name,
                from_unit: x.from_unit,
                to_unit: x.to_unit,
                start: x.start,
                basis: x.basis,
                fix: Fix::default(),
            }
        }
        Command::EndSecondment { fix, .. } if key == WITHDRAW_END_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::EndSecondment {
                secondment: String::new(),
                on: today,
                fix: fix_of(&r.endings, &x.record, true, x.reason, &fix.seen),
            }
        }
        Command::EndSecondment { .. } => {
            let x: EndInput = form.read(options, inputs, today)?;
            Command::EndSecondment {
                secondment: x.secondment,
                on: x.on,
                fix: Fix::default(),
            }
        }
    };
    Ok(cmd.into())
}
