//! The forms of the economic-responsibility audit as data, and their reading back into
//! commands: a unit's year (new unit, or a year added or corrected), a plan adjusted, an
//! audit done (recorded, corrected, withdrawn). Amounts are read strictly as whole yuan.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{Command, Fix, UnitYearInput};
use super::event::SpecialFund;
use super::grading::parse_yuan;
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{choice, field, Choice, Field, FieldKind, Form, Inputs, Repeat};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the units in the plan.
pub const PLANNED: &str = "planned";
/// Option list: the units not in the plan.
pub const UNPLANNED: &str = "unplanned";
/// Option list: every unit.
pub const UNITS: &str = "units";
/// Option list: the audits recorded.
pub const DONE: &str = "done";

const RATINGS: &[Choice] = &[
    choice("0", "无（0）", "None (0)"),
    choice("1", "一般（1）", "Some (1)"),
    choice("2", "较大（2）", "Large (2)"),
    choice("3", "很大（3）", "Very large (3)"),
];

const FUND_FIELDS: &[Field] = &[
    field(
        "fund_amount",
        "金额（元）",
        "Amount (yuan)",
        FieldKind::Text,
    ),
    field(
        "fund_purpose",
        "项目、用途",
        "Project, purpose",
        FieldKind::Text,
    ),
];

const YEAR_FIELDS: [Field; 9] = [
    field("name", "单位名称", "Unit name", FieldKind::Text).required(),
    field("year", "预算年度", "Budget year", FieldKind::Count).required(),
    field(
        "budget",
        "财政预算资金（元）",
        "Budget (yuan)",
        FieldKind::Text,
    )
    .required()
    .help(
        "整数元，如 5000000 或 5,000,000",
        "Whole yuan, e.g. 5000000 or 5,000,000",
    ),
    field(
        "decision",
        "行政、经济决策权重",
        "Decision power",
        FieldKind::Choice(RATINGS),
    )
    .required(),
    field(
        "allocation",
        "资金分配权重",
        "Allocation power",
        FieldKind::Choice(RATINGS),
    )
    .required(),
    field(
        "attention",
        "社会关注度",
        "Public attention",
        FieldKind::Choice(RATINGS),
    )
    .required(),
    field(
        "funds",
        "专项资金、重点项目",
        "Special funds, key projects",
        FieldKind::Repeat(Repeat {
            fields: FUND_FIELDS,
            key: &["fund_amount", "fund_purpose"],
            rows: 1,
            add: ("+ 专项资金", "+ Special fund"),
        }),
    ),
    field(
        "head_since",
        "主要负责人任职日期",
        "Head in office since",
        FieldKind::Date,
    )
    .required(),
    field(
        "head_left",
        "主要负责人离任日期",
        "Head left office on",
        FieldKind::Date,
    )
    .help("未离任的留空", "Leave blank while in office"),
];

/// A new unit with its first year.
pub const UNIT_FORM: Form = Form {
    key: "audit_unit",
    fields: &YEAR_FIELDS,
};

/// A unit's year added, or a year recorded corrected (with why).
pub const YEAR_FORM: Form = Form {
    key: "audit_unit_year",
    fields: &[
        YEAR_FIELDS[0],
        YEAR_FIELDS[1],
        YEAR_FIELDS[2],
        YEAR_FIELDS[3],
        YEAR_FIELDS[4],
        YEAR_FIELDS[5],
        YEAR_FIELDS[6],
        YEAR_FIELDS[7],
        YEAR_FIELDS[8],
        field(
            "why",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .help(
            "更正已录入的年度时必填",
            "Required when correcting a year recorded",
        ),
    ],
};

const REASON: Field = field("reason", "调整原因", "Reason", FieldKind::LongText).required();

/// A unit taken out of a year's plan, with why.
pub const REMOVE_FORM: Form = Form {
    key: "audit_remove",
    fields: &[
        field(
            "unit",
            "移出的单位",
            "Unit to take out",
            FieldKind::Pick {
                from: PLANNED,
                blank: false,
            },
        )
        .required(),
        REASON,
    ],
};

/// A unit put into a year's plan, with why.
pub const ADD_FORM: Form = Form {
    key: "audit_add",
    fields: &[
        field(
            "unit",
            "加入的单位",
            "Unit to add",
            FieldKind::Pick {
                from: UNPLANNED,
                blank: false,
            },
        )
        .required(),
        REASON,
    ],
};

const ON: Field = field("on", "审计报告日期", "Report date", FieldKind::Date).required();
const REPORT: Field = field("report", "审计报告文号", "Report number", FieldKind::Text).required();

/// An audit done.
pub const DONE_FORM: Form = Form {
    key: "audit_done",
    fields: &[
        field(
            "unit",
            "单位",
            "Unit",
            FieldKind::Pick {
                from: UNITS,
                blank: false,
            },
        )
        .required(),
        ON,
        REPORT,
    ],
};

const RECORD: Field = field(
    "record",
    "哪一条",
    "Which record",
    FieldKind::Pick {
        from: DONE,
        blank: false,
    },
)
.required();

/// An audit done, corrected.
pub const FIX_DONE_FORM: Form = Form {
    key: "audit_fix_done",
    fields: &[
        RECORD,
        ON,
        REPORT,
        field(
            "reason",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// An audit done recorded by mistake, withdrawn.
pub const WITHDRAW_DONE_FORM: Form = Form {
    key: "audit_withdraw_done",
    fields: &[
        RECORD,
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// A special fund row as read.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FundRow {
    /// Amount as typed.
    pub fund_amount: String,
    /// Purpose.
    pub fund_purpose: String,
}

/// What a unit's year form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct YearInput {
    /// Name.
    pub name: String,
    /// Year.
    pub year: u32,
    /// Budget as typed.
    pub budget: String,
    /// Rating "0"–"3".
    pub decision: String,
    /// Rating.
    pub allocation: String,
    /// Rating.
    pub attention: String,
    /// Funds.
    #[serde(default)]
    pub funds: Vec<FundRow>,
    /// Head since.
    pub head_since: NaiveDate,
    /// Head left.
    #[serde(default)]
    pub head_left: Option<NaiveDate>,
    /// Why corrected.
    #[serde(default)]
    pub why: String,
}

/// What an adjustment reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct AdjustInput {
    /// The unit.
    pub unit: String,
    /// Why.
    pub reason: String,
}

/// What an audit done reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct DoneInput {
    /// The unit.
    pub unit: String,
    /// The day.
    pub on: NaiveDate,
    /// The report.
    pub report: String,
}

/// What an audit correction reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixDoneInput {
    /// The record.
    pub record: String,
    /// The day.
    pub on: NaiveDate,
    /// The report.
    pub report: String,
    /// Why.
    pub reason: String,
}

/// What an audit withdrawal reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawDoneInput {
    /// The record.
    pub record: String,
    /// Why.
    pub reason: String,
}

fn amount_message(field: &str) -> RuleViolation {
    RuleViolation::new(
        "field.yuan",
        "请填写整数元（如 5000000 或 5,000,000），不带小数、不超过1万亿元",
        "Enter whole yuan (e.g. 5000000 or 5,000,000), no decimals, at most 1,000,000,000,000",
    )
    .on(field)
}

fn rating(text: &str) -> u32 {
    text.parse().unwrap_or(0)
}

/// The year form's input as a unit's year, or every message at once.
fn year_input(unit: String, x: YearInput) -> Result<(UnitYearInput, String), Vec<RuleViolation>> {
    let mut problems = Vec::new();
    let budget = parse_yuan(&x.budget).unwrap_or_else(|| {
        problems.push(amount_message("budget"));
        0
    });
    let mut funds = Vec::new();
    for f in x.funds {
        match parse_yuan(&f.fund_amount).filter(|a| *a > 0) {
            Some(amount) => funds.push(SpecialFund {
                amount,
                purpose: f.fund_purpose,
            }),
            None if !problems
                .iter()
                .any(|p: &RuleViolation| p.field.as_deref() == Some("funds")) =>
            {
                problems.push(amount_message("funds"))
            }
            None => {}
        }
    }
    let year = i32::try_from(x.year).unwrap_or(0);
    if !problems.is_empty() {
        return Err(problems);
    }
    let y = UnitYearInput {
        unit,
        name: x.name,
        year,
        budget,
        decision: rating(&x.decision),
        allocation: rating(&x.allocation),
        attention: rating(&x.attention),
        funds,
        head_since: x.head_since,
        head_left: x.head_left,
    };
    Ok((y, x.why))
}

/// The live versions of the record the form names among those the page drew.
fn drawn<T>(
    versions: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::AuditGrading(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// Read any form of the audit into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let audit = &state.audit_grading;
    let cmd = match template(block)? {
        Command::UnitYear { year, seen, .. } => {
            let x: YearInput = form.read(options, inputs, today)?;
            let unit = match year.unit.is_empty() {
                true => sent.new_id("au"),
                false => year.unit.clone(),
            };
            let (y, why) = year_input(unit, x)?;
            let versions = audit.units.get(&y.unit).and_then(|v| v.get(&y.year));
            let seen = drawn(versions, seen);
            Command::UnitYear { year: y, why, seen }
        }
        Command::Adjust {
            year, add, seen, ..
        } => {
            let x: AdjustInput = form.read(options, inputs, today)?;
            let versions = audit.adjustments.get(&(*year, x.unit.clone()));
            Command::Adjust {
                year: *year,
                seen: drawn(versions, seen),
                unit: x.unit,
                add: *add,
                reason: x.reason,
            }
        }
        Command::Done { fix, .. } if form.key == FIX_DONE_FORM.key => {
            let x: FixDoneInput = form.read(options, inputs, today)?;
            let versions = audit.audits.by_id.get(&x.record);
            let unit = versions
                .and_then(crate::domain::versions::Records::content)
                .map(|a| a.unit.clone())
                .unwrap_or_default();
            Command::Done {
                unit,
                on: x.on,
                report: x.report,
                fix: Fix {
                    seen: drawn(versions, &fix.seen),
                    record: x.record,
                    withdrawn: false,
                    reason: x.reason,
                },
            }
        }
        Command::Done { fix, .. } if form.key == WITHDRAW_DONE_FORM.key => {
            let x: WithdrawDoneInput = form.read(options, inputs, today)?;
            let versions = audit.audits.by_id.get(&x.record);
            let was = versions.and_then(crate::domain::versions::Records::content);
            Command::Done {
                unit: was.map(|a| a.unit.clone()).unwrap_or_default(),
                on: was.map_or(today, |a| a.on),
                report: was.map(|a| a.report.clone()).unwrap_or_default(),
                fix: Fix {
                    seen: drawn(versions, &fix.seen),
                    record: x.record,
                    withdrawn: true,
                    reason: x.reason,
                },
            }
        }
        Command::Done { .. } => {
            let x: DoneInput = form.read(options, inputs, today)?;
            Command::Done {
                unit: x.unit,
                on: x.on,
                report: x.report,
                fix: Fix::default(),
            }
        }
    };
    Ok(cmd.into())
}
