//! The forms of the everyday performance record as data, and their reading back into
//! commands: today's work (a category and a few words, saved in one tap), a day's record
//! corrected or withdrawn with the reason, and a week's report submitted.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{Command, Fix};
use super::event::WorkCategory;
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{choice, field, Choice, Field, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the cadre's daily records that may be corrected.
pub const DAYS: &str = "days";
/// Option list: the weeks that may be submitted.
pub const WEEKS: &str = "weeks";

const CATEGORIES: &[Choice] = &[
    choice("development", "发展推动", "Development"),
    choice("management", "日常管理", "Management"),
    choice("service", "民生服务", "Public service"),
    choice("other", "其他", "Other"),
];

const DAY: Field = field("day", "日期", "Day", FieldKind::Date).required();
const CATEGORY: Field = field(
    "category",
    "类别",
    "Category",
    FieldKind::Choice(CATEGORIES),
)
.required();
const PROJECT: Field =
    field("project", "项目或任务", "Project or task", FieldKind::Text).help("可不填", "Optional");
const TEXT: Field = field("text", "今日工作", "Work done", FieldKind::Text).required();
const RECORD: Field = field(
    "record",
    "哪一条记录",
    "Which record",
    FieldKind::Pick {
        from: DAYS,
        blank: false,
    },
)
.required();

/// 日记录: the day's work.
pub const LOG_FORM: Form = Form {
    key: "performance_log",
    fields: &[TEXT, CATEGORY, PROJECT, DAY],
};

/// A day's record corrected.
pub const FIX_FORM: Form = Form {
    key: "performance_fix",
    fields: &[
        RECORD,
        field("text", "工作内容", "Work done", FieldKind::Text).required(),
        CATEGORY,
        PROJECT,
        DAY,
        field(
            "reason",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// A day's record withdrawn (recorded by mistake).
pub const WITHDRAW_FORM: Form = Form {
    key: "performance_withdraw",
    fields: &[
        RECORD,
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// 周申报: a week's report.
pub const SUBMIT_FORM: Form = Form {
    key: "performance_submit",
    fields: &[
        field(
            "week",
            "申报周",
            "Week",
            FieldKind::Pick {
                from: WEEKS,
                blank: false,
            },
        )
        .required(),
        field(
            "summary",
            "本周小结",
            "The week's summary",
            FieldKind::LongText,
        )
        .help(
            "由本周每日记录汇总而成；可补充小结",
            "Compiled from the week's daily records; add a summary if you wish",
        ),
    ],
};

/// What the day's form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct LogInput {
    /// The work done.
    pub text: String,
    /// What it was about.
    pub category: WorkCategory,
    /// The project.
    #[serde(default)]
    pub project: String,
    /// The day.
    pub day: NaiveDate,
}

/// What the correction form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixInput {
    /// The record.
    pub record: String,
    /// The work done.
    pub text: String,
    /// What it was about.
    pub category: WorkCategory,
    /// The project.
    #[serde(default)]
    pub project: String,
    /// The day.
    pub day: NaiveDate,
    /// Why.
    pub reason: String,
}

/// What the withdrawal form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawInput {
    /// The record.
    pub record: String,
    /// Why.
    pub reason: String,
}

/// What the week's form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct SubmitInput {
    /// The week's Monday.
    pub week: NaiveDate,
    /// The summary.
    #[serde(default)]
    pub summary: String,
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::PerformanceRecord(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The live versions of `record` among those the page drew.
fn drawn(state: &State, cadre: &str, record: &str, seen: &[String]) -> Vec<String> {
    let records = state.performance_record.days.get(cadre);
    let versions = records.and_then(|r| r.by_id.get(record));
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// Read any form of 实绩纪实 into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let cmd = match template(block)? {
        Command::Log { cadre, fix, .. } if form.key == FIX_FORM.key => {
            let x: FixInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: x.day,
                category: x.category,
                project: x.project,
                text: x.text,
                fix: Fix {
                    seen: drawn(state, cadre, &x.record, &fix.seen),
                    record: x.record,
                    withdrawn: false,
                    reason: x.reason,
                },
            }
        }
        Command::Log { cadre, fix, .. } if form.key == WITHDRAW_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: today,
                category: WorkCategory::Other,
                project: String::new(),
                text: String::new(),
                fix: Fix {
                    seen: drawn(state, cadre, &x.record, &fix.seen),
                    record: x.record,
                    withdrawn: true,
                    reason: x.reason,
                },
            }
        }
        Command::Log { cadre, .. } => {
            let x: LogInput = form.read(options, inputs, today)?;
            Command::Log {
                cadre: cadre.clone(),
                day: x.day,
                category: x.category,
                project: x.project,
                text: x.text,
                fix: Fix::default(),
            }
        }
        Command::SubmitWeek { cadre, seen, .. } => {
            let x: SubmitInput = form.read(options, inputs, today)?;
            let versions = state.performance_record.weeks.get(&(cadre.clone(), x.week));
            let live = versions.map(|v| v.live_ids()).unwrap_or_default();
            Command::SubmitWeek {
                cadre: cadre.clone(),
                week: x.week,
                summary: x.summary,
                seen: live.into_iter().filter(|id| seen.contains(id)).collect(),
            }
        }
    };
    Ok(cmd.into())
}
