//! The forms of the demotion chain as data, and their reading back into commands:
//! opening a case (from the catalogue, or from a candidate the records raised), each
//! later step's record (a form per step), a talk or visit, and the follow-up's end.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{disposal_of, Command};
use super::event::{DemotionStep, FollowUpKind, StepContent};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{choice, field, Choice, Field, FieldKind, Form, Inputs};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the cadres.
pub const CADRES: &str = "cadres";
/// Option list: the standards of the catalogue.
pub const STANDARDS: &str = "standards";
/// Option list: the talks and visits recorded.
pub const RECORDS: &str = "records";

const ON: Field = field("on", "日期", "Date", FieldKind::Date).required();
const REASON: Field = field(
    "reason",
    "更正原因",
    "Reason for the correction",
    FieldKind::Text,
)
.help("更正已有记录时必填", "Required when correcting a record");

/// The disposals, and "none" (不予调整).
pub const DISPOSALS: &[Choice] = &[
    choice("removal", "免职", "Removal"),
    choice("demotion", "降职", "Demotion"),
    choice("transfer", "交流", "Transfer"),
    choice("standby", "待岗", "Standby"),
    choice("training", "离岗培训", "Off-post training"),
    choice("supervision", "参与重点工作督导", "Key-work supervision"),
    choice("none", "不予调整", "No adjustment"),
];

const FOLLOW_UPS: &[Choice] = &[
    choice(
        "talk",
        "谈心谈话（单位主要领导或分管领导）",
        "Talk (unit leader or leader in charge)",
    ),
    choice("visit", "组织部门回访", "Visit (organization department)"),
];

/// Open a case on a standard of the catalogue (动议启动).
pub const OPEN_FORM: Form = Form {
    key: "demotion_open",
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
        field(
            "standard",
            "依据的标准",
            "Standard",
            FieldKind::Pick {
                from: STANDARDS,
                blank: false,
            },
        )
        .required(),
        field("facts", "事实依据", "Facts", FieldKind::LongText).required(),
        field("proposer", "动议人", "Proposed by", FieldKind::Text).required(),
        ON,
    ],
};

/// Open a case a candidate of the records called for.
pub const CANDIDATE_FORM: Form = Form {
    key: "demotion_candidate",
    fields: &[
        field("facts", "事实依据", "Facts", FieldKind::LongText).required(),
        field("proposer", "动议人", "Proposed by", FieldKind::Text).required(),
        ON,
    ],
};

/// The form recording `step` (its correction too).
pub fn step_form(step: DemotionStep) -> Form {
    match step {
        DemotionStep::Initiation => INITIATION_FORM,
        DemotionStep::Investigation => INVESTIGATION_FORM,
        DemotionStep::Analysis => ANALYSIS_FORM,
        DemotionStep::Decision => DECISION_FORM,
        DemotionStep::Notice => NOTICE_FORM,
        DemotionStep::Filing => FILING_FORM,
    }
}

/// 动议启动's record, corrected.
pub const INITIATION_FORM: Form = Form {
    key: "demotion_initiation",
    fields: &[
        field(
            "text",
            "动议人及事实依据",
            "Proposer and facts",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// 调查核实.
pub const INVESTIGATION_FORM: Form = Form {
    key: "demotion_investigation",
    fields: &[
        field("text", "调查核实情况", "Findings", FieldKind::LongText).required(),
        ON,
        REASON,
    ],
};

/// 综合分析: whether the cadre is unfit, and why.
pub const ANALYSIS_FORM: Form = Form {
    key: "demotion_analysis",
    fields: &[
        field(
            "unfit",
            "认定为不胜任现职",
            "Found unfit for the post",
            FieldKind::YesNo,
        )
        .required(),
        field("text", "综合分析意见", "Analysis", FieldKind::LongText).required(),
        ON,
        REASON,
    ],
};

/// 讨论决定: the disposal (or none) and the meeting.
pub const DECISION_FORM: Form = Form {
    key: "demotion_decision",
    fields: &[
        field(
            "disposal",
            "处置方式",
            "Disposal",
            FieldKind::Choice(DISPOSALS),
        )
        .required(),
        field(
            "text",
            "会议及表决情况",
            "Meeting and votes",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// 告知谈话.
pub const NOTICE_FORM: Form = Form {
    key: "demotion_notice",
    fields: &[
        field(
            "text",
            "谈话人及谈话情况",
            "Who talked, and the talk",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// 备案跟踪.
pub const FILING_FORM: Form = Form {
    key: "demotion_filing",
    fields: &[
        field(
            "text",
            "备案情况（备案单位、文号）",
            "Filing (with whom, document)",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// A talk or visit held.
pub const FOLLOW_UP_FORM: Form = Form {
    key: "demotion_follow_up",
    fields: &[
        field(
            "follow_up",
            "跟踪方式",
            "Follow-up",
            FieldKind::Choice(FOLLOW_UPS),
        )
        .required(),
        field("by", "谈话（回访）人", "Held by", FieldKind::Text).required(),
        field(
            "note",
            "思想状态和现实表现",
            "What was found",
            FieldKind::LongText,
        )
        .required(),
        ON,
    ],
};

/// A talk or visit corrected.
pub const FIX_FOLLOW_UP_FORM: Form = Form {
    key: "demotion_fix_follow_up",
    fields: &[
        field(
            "record",
            "更正哪一条",
            "Which record",
            FieldKind::Pick {
                from: RECORDS,
                blank: false,
            },
        )
        .required(),
        field(
            "follow_up",
            "跟踪方式",
            "Follow-up",
            FieldKind::Choice(FOLLOW_UPS),
        )
        .required(),
        field("by", "谈话（回访）人", "Held by", FieldKind::Text).required(),
        field(
            "note",
            "思想状态和现实表现",
            "What was found",
            FieldKind::LongText,
        )
        .required(),
        ON,
        field(
            "reason",
            "更正原因",
            "Reason for the correction",
            FieldKind::Text,
        )
        .required(),
    ],
};

/// A talk or visit recorded by mistake, withdrawn.
pub const WITHDRAW_FOLLOW_UP_FORM: Form = Form {
    key: "demotion_withdraw_follow_up",
    fields: &[
        field(
            "record",
            "撤销哪一条",
            "Which record",
            FieldKind::Pick {
                from: RECORDS,
                blank: false,
            },
        )
        .required(),
        field("reason", "撤销原因", "Why it is withdrawn", FieldKind::Text).required(),
    ],
};

/// What the follow-up correction form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FixFollowUpInput {
    /// The record.
    pub record: String,
    /// Talk or visit.
    pub follow_up: FollowUpKind,
    /// Who held it.
    pub by: String,
    /// What was found.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
    /// Why it is corrected.
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

/// The follow-up ended: used again, or ended for another reason.
pub const CLOSE_FORM: Form = Form {
    key: "demotion_close",
    fields: &[
        field("reinstated", "重新使用", "Used again", FieldKind::YesNo).required(),
        field("post", "安排的职务", "Post given", FieldKind::Text)
            .help("重新使用时必填", "Required when used again"),
        field("note", "说明", "Note", FieldKind::LongText).required(),
        ON,
        REASON,
    ],
};

/// A case withdrawn before it was filed (opened on the wrong cadre or standard).
pub const WITHDRAW_FORM: Form = Form {
    key: "demotion_withdraw",
    fields: &[
        field(
            "note",
            "撤销原因",
            "Why it is withdrawn",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// What the withdrawal form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct WithdrawInput {
    /// Why.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
    /// Why it is corrected.
    #[serde(default)]
    pub reason: String,
}

/// What the open form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct OpenInput {
    /// The cadre.
    pub cadre: String,
    /// The standard.
    pub standard: String,
    /// The facts.
    pub facts: String,
    /// Who proposed it.
    pub proposer: String,
    /// The day.
    pub on: NaiveDate,
}

/// What the candidate form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CandidateInput {
    /// The facts.
    pub facts: String,
    /// Who proposed it.
    pub proposer: String,
    /// The day.
    pub on: NaiveDate,
}

/// What a step form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct StepInput {
    /// What it records.
    pub text: String,
    /// 综合分析: found unfit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unfit: Option<bool>,
    /// 讨论决定: the disposal's key, or "none".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposal: Option<String>,
    /// The day.
    pub on: NaiveDate,
    /// Why it is corrected.
    #[serde(default)]
    pub reason: String,
}

/// What the follow-up form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct FollowUpInput {
    /// Talk or visit.
    pub follow_up: FollowUpKind,
    /// Who held it.
    pub by: String,
    /// What was found.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
}

/// What the close form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CloseInput {
    /// Used again.
    pub reinstated: bool,
    /// The post given.
    #[serde(default)]
    pub post: String,
    /// Why.
    pub note: String,
    /// The day.
    pub on: NaiveDate,
    /// Why it is corrected.
    #[serde(default)]
    pub reason: String,
}

/// A recorded step as its form's inputs (prefilling a correction).
pub fn step_inputs(record: &StepContent, on: NaiveDate) -> Inputs {
    let disposal = record.disposal.map(|d| {
        let key = DISPOSALS.iter().find(|c| disposal_of(c.value) == Some(d));
        key.map_or("none", |c| c.value).to_string()
    });
    let input = StepInput {
        text: record.text.clone(),
        unfit: record.unfit,
        disposal: disposal.or_else(|| Some("none".into())),
        on,
        reason: String::new(),
    };
    crate::domain::master_forms::inputs_of(&input)
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::DemotionChain(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The live versions of a follow-up record among those the page drew.
fn live_of(state: &State, case: &str, record: &str, seen: &[String]) -> Vec<String> {
    let records = state.demotion_chain.follow_ups.get(case);
    let versions = records.and_then(|r| r.by_id.get(record));
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// Read any form of the demotion chain into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let cmd = match template(block)?.clone() {
        Command::Open {
            cadre,
            standard,
            evidence,
            ..
        } if block.form.key == CANDIDATE_FORM.key => {
            let x: CandidateInput = form.read(options, inputs, today)?;
            Command::Open {
                case: sent.new_id("dm"),
                cadre,
                standard,
                facts: x.facts,
                evidence,
                proposer: x.proposer,
                on: x.on,
            }
        }
        Command::Open { .. } => {
            let x: OpenInput = form.read(options, inputs, today)?;
            Command::Open {
                case: sent.new_id("dm"),
                cadre: x.cadre,
                standard: x.standard,
                facts: x.facts,
                evidence: String::new(),
                proposer: x.proposer,
                on: x.on,
            }
        }
        Command::Step {
            case,
            step,
            replaces,
            ..
        } => {
            let x: StepInput = form.read(options, inputs, today)?;
            let disposal = x.disposal.as_deref().and_then(disposal_of);
            // A correction of 动议启动 keeps the evidence the records gave.
            let kept = match super::progress::step(state, &case, step) {
                crate::domain::versions::Standing::One(e) => e.record.evidence.clone(),
                _ => String::new(),
            };
            Command::Step {
                case,
                step,
                record: StepContent {
                    text: x.text,
                    unfit: x.unfit,
                    disposal,
                    evidence: kept,
                },
                on: x.on,
                reason: x.reason,
                replaces,
            }
        }
        Command::FollowUp { case, .. } => {
            let x: FollowUpInput = form.read(options, inputs, today)?;
            Command::FollowUp {
                case,
                kind: x.follow_up,
                by: x.by,
                note: x.note,
                on: x.on,
            }
        }
        Command::FixFollowUp { case, seen, .. }
            if block.form.key == WITHDRAW_FOLLOW_UP_FORM.key =>
        {
            let x: WithdrawRecordInput = form.read(options, inputs, today)?;
            let live = live_of(state, &case, &x.record, &seen);
            Command::FixFollowUp {
                case,
                record: x.record,
                kind: FollowUpKind::Talk,
                by: String::new(),
                note: String::new(),
                on: today,
                withdrawn: true,
                reason: x.reason,
                seen: live,
            }
        }
        Command::FixFollowUp { case, seen, .. } => {
            let x: FixFollowUpInput = form.read(options, inputs, today)?;
            let live = live_of(state, &case, &x.record, &seen);
            Command::FixFollowUp {
                case,
                record: x.record,
                kind: x.follow_up,
                by: x.by,
                note: x.note,
                on: x.on,
                withdrawn: false,
                reason: x.reason,
                seen: live,
            }
        }
        Command::Close { case, seen, .. } if block.form.key == WITHDRAW_FORM.key => {
            let x: WithdrawInput = form.read(options, inputs, today)?;
            Command::Close {
                case,
                reinstated: false,
                post: String::new(),
                note: x.note,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
        Command::Close { case, seen, .. } => {
            let x: CloseInput = form.read(options, inputs, today)?;
            Command::Close {
                case,
                reinstated: x.reinstated,
                post: x.post,
                note: x.note,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
    };
    Ok(cmd.into())
}
