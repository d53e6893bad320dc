//! The forms of the reserve pools as data, and their reading back into commands: a
//! cadre entering, a person taken out by decision, a training, a pool-wide review.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::Command;
use super::event::{Echelon, PoolReview, TrainingKind};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{choice, field, Choice, Field, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: cadres who may enter.
pub const CADRES: &str = "cadres";
/// Option list: those in the pools.
pub const ENTRIES: &str = "entries";
/// Option list: those taken out by a decision.
pub const LEFT: &str = "left";

const ON: Field = field("on", "日期", "Date", FieldKind::Date).required();
const ENTRY: Field = field(
    "entry",
    "人员",
    "Person",
    FieldKind::Pick {
        from: ENTRIES,
        blank: false,
    },
)
.required();

const ECHELONS: &[Choice] = &[
    choice("first", "第一梯队", "First echelon"),
    choice("second", "第二梯队", "Second echelon"),
];

const TRAININGS: &[Choice] = &[
    choice("course", "教育培训", "Course"),
    choice("secondment", "挂职锻炼", "Secondment"),
    choice("rotation", "轮岗交流", "Rotation"),
    choice("front_line", "基层一线历练", "Front-line work"),
];

const REVIEWS: &[Choice] = &[
    choice("top_up", "后备干部库补充调整", "Pool top-up"),
    choice("open_selection", "后备干部公开选拔", "Open selection"),
];

/// A cadre enters a pool.
pub const ENTER_FORM: Form = Form {
    key: "reserve_enter",
    fields: &[
        field(
            "cadre",
            "干部",
            "Cadre",
            FieldKind::Pick {
                from: CADRES,
                blank: false,
            },
        )
        .required(),
        field("echelon", "梯队", "Echelon", FieldKind::Choice(ECHELONS)).required(),
        field(
            "reason",
            "入库依据（推荐方式、考察情况）",
            "Why (how recommended, inspected)",
            FieldKind::LongText,
        )
        .required(),
        ON,
    ],
};

/// A person taken out of a pool by decision.
pub const LEAVE_FORM: Form = Form {
    key: "reserve_leave",
    fields: &[
        ENTRY,
        field(
            "reason",
            "调整原因（提拔使用、调离等）",
            "Why (promoted, moved, …)",
            FieldKind::LongText,
        )
        .required(),
        ON,
    ],
};

/// An entry corrected: its echelon, reason or day, with why.
pub const CORRECT_FORM: Form = Form {
    key: "reserve_correct",
    fields: &[
        ENTRY,
        field("echelon", "梯队", "Echelon", FieldKind::Choice(ECHELONS)).required(),
        field(
            "reason",
            "入库依据（推荐方式、考察情况）",
            "Why (how recommended, inspected)",
            FieldKind::LongText,
        )
        .required(),
        field("on", "入库日期", "Entered on", FieldKind::Date).required(),
        field(
            "why",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// A leaving by decision withdrawn (recorded by mistake).
pub const WITHDRAW_FORM: Form = Form {
    key: "reserve_withdraw",
    fields: &[
        field(
            "entry",
            "人员",
            "Person",
            FieldKind::Pick {
                from: LEFT,
                blank: false,
            },
        )
        .required(),
        field("why", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// A training or test of a person in a pool.
pub const TRAIN_FORM: Form = Form {
    key: "reserve_train",
    fields: &[
        ENTRY,
        field("training", "培养方式", "How", FieldKind::Choice(TRAININGS)).required(),
        field(
            "note",
            "内容（单位、岗位、课程）",
            "What (unit, post, course)",
            FieldKind::Text,
        )
        .required(),
        field("from", "开始日期", "From", FieldKind::Date).required(),
        field("until", "结束日期", "Until", FieldKind::Date)
            .help("尚未结束的留空", "Leave blank while under way"),
    ],
};

/// A pool-wide review held.
pub const REVIEW_FORM: Form = Form {
    key: "reserve_review",
    fields: &[
        field("review", "事项", "Review", FieldKind::Choice(REVIEWS)).required(),
        field("note", "完成情况", "What was done", FieldKind::LongText).required(),
        ON,
    ],
};

/// Option list: the trainings recorded (`<entry>/<record>`).
pub const TRAINED: &str = "trained";
/// Option list: the reviews recorded.
pub const REVIEWED: &str = "reviewed";

const WHY: Field = field(
    "reason",
    "更正原因",
    "Reason for the correction",
    FieldKind::Text,
)
.required();

/// A training recorded, corrected.
pub const FIX_TRAIN_FORM: Form = Form {
    key: "reserve_fix_train",
    fields: &[
        field(
            "record",
            "更正哪一条",
            "Which record",
            FieldKind::Pick {
                from: TRAINED,
                blank: false,
            },
        )
        .required(),
        field("training", "培养方式", "How", FieldKind::Choice(TRAININGS)).required(),
        field(
            "note",
            "内容（单位、岗位、课程）",
            "What (unit, post, course)",
            FieldKind::Text,
        )
        .required(),
        field("from", "开始日期", "From", FieldKind::Date).required(),
        field("until", "结束日期", "Until", FieldKind::Date)
            .help("尚未结束的留空", "Leave blank while under way"),
        WHY,
    ],
};

/// A training recorded by mistake, withdrawn.
pub const WITHDRAW_TRAIN_FORM: Form = Form {
    key: "reserve_withdraw_train",
    fields: &[
        field(
            "record",
            "撤销哪一条",
            "Which record",
            FieldKind::Pick {
                from: TRAINED,
                blank: false,
            },
        )
        .required(),
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// A review recorded, corrected.
pub const FIX_REVIEW_FORM: Form = Form {
    key: "reserve_fix_review",
    fields: &[
        field(
            "record",
            "更正哪一条",
            "Which record",
            FieldKind::Pick {
                from: REVIEWED,
                blank: false,
            },
        )
        .required(),
        field("review", "事项", "Review", FieldKind::Choice(REVIEWS)).required(),
        field("note", "完成情况", "What was done", FieldKind::LongText).required(),
        ON,
        WHY,
    ],
};

/// A review recorded by mistake, withdrawn.
pub const WITHDRAW_REVIEW_FORM: Form = Form {
    key: "reserve_withdraw_review",
    fields: &[
        field(
            "record",
            "撤销哪一条",
            "Which record",
            FieldKind::Pick {
                from: REVIEWED,
                blank: false,
            },
        )
        .required(),
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// What a training correction reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixTrainInput {
    /// `<entry>/<record>`.
    pub record: String,
    /// How.
    pub training: TrainingKind,
    /// What.
    pub note: String,
    /// From.
    pub from: NaiveDate,
    /// Until.
    #[serde(default)]
    pub until: Option<NaiveDate>,
    /// Why.
    pub reason: String,
}

/// What a review correction reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixReviewInput {
    /// The record.
    pub record: String,
    /// Which.
    pub review: PoolReview,
    /// What was done.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
    /// Why.
    pub reason: String,
}

/// What a withdrawal of a record reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawRecordInput {
    /// The record.
    pub record: String,
    /// Why.
    pub reason: String,
}

/// A fix of `record` of `records`, naming only the versions the page drew.
fn fix_of<T>(
    records: Option<&crate::domain::versions::Records<T>>,
    record: &str,
    withdrawn: bool,
    reason: String,
    seen: &[String],
) -> super::decide::Fix {
    let versions = records.and_then(|r| r.by_id.get(record));
    super::decide::Fix {
        record: record.to_string(),
        withdrawn,
        reason,
        seen: drawn(versions, seen),
    }
}

/// What the enter form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct EnterInput {
    /// The cadre.
    pub cadre: String,
    /// The echelon.
    pub echelon: Echelon,
    /// Why.
    pub reason: String,
    /// The day.
    pub on: NaiveDate,
}

/// What the leave form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct LeaveInput {
    /// The entry.
    pub entry: String,
    /// Why.
    pub reason: String,
    /// The day.
    pub on: NaiveDate,
}

/// What the correction form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CorrectInput {
    /// The entry.
    pub entry: String,
    /// The echelon.
    pub echelon: Echelon,
    /// Why it was entered.
    pub reason: String,
    /// The day it was entered.
    pub on: NaiveDate,
    /// Why it is corrected.
    pub why: String,
}

/// What the withdrawal form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawInput {
    /// The entry.
    pub entry: String,
    /// Why it is withdrawn.
    pub why: String,
}

/// What the training form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct TrainInput {
    /// The entry.
    pub entry: String,
    /// How.
    pub training: TrainingKind,
    /// What.
    pub note: String,
    /// From.
    pub from: NaiveDate,
    /// Until.
    #[serde(default)]
    pub until: Option<NaiveDate>,
}

/// What the review form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct ReviewInput {
    /// Which.
    pub review: PoolReview,
    /// What was done.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
}

/// The live versions of what the form names among those the page drew (one arriving
/// meanwhile stays, and shows as differing).
fn drawn<T>(
    versions: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::ReservePool(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// Read any form of the pools into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let cmd = match template(block)? {
        Command::Enter { .. } => {
            let x: EnterInput = form.read(options, inputs, today)?;
            Command::Enter {
                entry: sent.new_id("rp"),
                cadre: x.cadre,
                echelon: x.echelon,
                reason: x.reason,
                on: x.on,
            }
        }
        Command::Leave { .. } => {
            let x: LeaveInput = form.read(options, inputs, today)?;
            Command::Leave {
                entry: x.entry,
                reason: x.reason,
                on: x.on,
            }
        }
        Command::CorrectEntry { seen, .. } => {
            let x: CorrectInput = form.read(options, inputs, today)?;
            let seen = drawn(state.reserve_pool.entries.get(&x.entry), seen);
            Command::CorrectEntry {
                entry: x.entry,
                echelon: x.echelon,
                reason: x.reason,
                on: x.on,
                why: x.why,
                seen,
            }
        }
        Command::WithdrawLeaving { seen, .. } => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            let seen = drawn(state.reserve_pool.leavings.get(&x.entry), seen);
            Command::WithdrawLeaving {
                entry: x.entry,
                why: x.why,
                seen,
            }
        }
        Command::Train { fix, .. } if form.key == FIX_TRAIN_FORM.key => {
            let x: FixTrainInput = form.read(options, inputs, today)?;
            let (entry, record) = x.record.split_once('/').unwrap_or_default();
            let records = state.reserve_pool.training.get(entry);
            Command::Train {
                entry: entry.to_string(),
                kind: x.training,
                note: x.note,
                from: x.from,
                until: x.until,
                fix: fix_of(records, record, false, x.reason, &fix.seen),
            }
        }
        Command::Train { fix, .. } if form.key == WITHDRAW_TRAIN_FORM.key => {
            let x: WithdrawRecordInput = form.read(options, inputs, today)?;
            let (entry, record) = x.record.split_once('/').unwrap_or_default();
            let records = state.reserve_pool.training.get(entry);
            Command::Train {
                entry: entry.to_string(),
                kind: TrainingKind::Course,
                note: String::new(),
                from: today,
                until: None,
                fix: fix_of(records, record, true, x.reason, &fix.seen),
            }
        }
        Command::Train { .. } => {
            let x: TrainInput = form.read(options, inputs, today)?;
            Command::Train {
                entry: x.entry,
                kind: x.training,
                note: x.note,
                from: x.from,
                until: x.until,
                fix: Default::default(),
            }
        }
        Command::Review { fix, .. } if form.key == FIX_REVIEW_FORM.key => {
            let x: FixReviewInput = form.read(options, inputs, today)?;
            let records = Some(&state.reserve_pool.reviews);
            Command::Review {
                review: x.review,
                note: x.note,
                on: x.on,
                fix: fix_of(records, &x.record, false, x.reason, &fix.seen),
            }
        }
        Command::Review { fix, .. } if form.key == WITHDRAW_REVIEW_FORM.key => {
            let x: WithdrawRecordInput = form.read(options, inputs, today)?;
            let records = Some(&state.reserve_pool.reviews);
            Command::Review {
                review: PoolReview::TopUp,
                note: String::new(),
                on: today,
                fix: fix_of(records, &x.record, true, x.reason, &fix.seen),
            }
        }
        Command::Review { .. } => {
            let x: ReviewInput = form.read(options, inputs, today)?;
            Command::Review {
                review: x.review,
                note: x.note,
                on: x.on,
                fix: Default::default(),
            }
        }
    };
    Ok(cmd.into())
}
