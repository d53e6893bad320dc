//! The forms of a 选聘 round, as data, each read through its input struct's serde shape
//! into its command (the template names the year, township, level or stage), with the
//! decider's rules behind it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::Command;
use super::event::{RecommendationStage, ReviewLevel, Slots, Votes};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{choice, field, Cell, Choice, FieldKind, Form, Grid, Inputs, Rows};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the county's townships.
pub const TOWNSHIPS: &str = "townships";
/// Option list: the township's sitting heads (with whether they may apply).
pub const HEADS: &str = "heads";
/// Option list: the applications a form may choose from.
pub const APPLICATIONS: &str = "applications";
/// Option list: open objections.
pub const OBJECTIONS: &str = "objections";
/// Option list: the policy's termination conditions.
pub const CONDITIONS: &str = "conditions";

const BALLOT_ROWS: &[Choice] = &[
    choice("excellent", "优秀", "Excellent"),
    choice("competent", "称职", "Competent"),
    choice("basic", "基本称职", "Basically competent"),
    choice("incompetent", "不称职", "Incompetent"),
];

const ON: crate::domain::form::Field = field("on", "日期", "Date", FieldKind::Date).required();

/// The county opens a year's round: each township's slots.
pub const ROUND_FORM: Form = Form {
    key: "career_round",
    fields: &[
        field(
            "slots",
            "各乡镇名额",
            "Slots per township",
            FieldKind::Grid(Grid {
                rows: Rows::From(TOWNSHIPS),
                cell: Cell::Count { optional: true },
                total: true,
            }),
        ),
        ON,
    ],
};

/// A sitting head's written application.
pub const APPLY_FORM: Form = Form {
    key: "career_apply",
    fields: &[
        field(
            "person",
            "申请人",
            "Applicant",
            FieldKind::Pick {
                from: HEADS,
                blank: false,
            },
        )
        .required(),
        ON,
    ],
};

/// 初审 or 复审 of an application.
pub const REVIEW_FORM: Form = Form {
    key: "career_review",
    fields: &[
        field(
            "application",
            "申请人",
            "Applicant",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field("passed", "审查通过", "Passed", FieldKind::YesNo),
        field("reason", "未通过的原因", "Why not", FieldKind::Text)
            .help("通过的可不填", "Leave blank when it passed"),
        ON,
    ],
};

/// The eligible list's (or the result's) publicity begins.
pub const PUBLICITY_FORM: Form = Form {
    key: "career_publicity",
    fields: &[field("start", "公示开始日期", "Publicity starts", FieldKind::Date).required()],
};

/// An objection during the publicity.
pub const OBJECTION_FORM: Form = Form {
    key: "career_objection",
    fields: &[
        field(
            "application",
            "对谁提出",
            "About",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field("content", "异议内容", "The objection", FieldKind::LongText).required(),
        ON,
    ],
};

/// An objection resolved.
pub const RESOLVE_FORM: Form = Form {
    key: "career_resolve",
    fields: &[
        field(
            "objection",
            "异议",
            "Objection",
            FieldKind::Pick {
                from: OBJECTIONS,
                blank: false,
            },
        )
        .required(),
        field(
            "upheld",
            "异议成立（取消其资格）",
            "Upheld (the application is out)",
            FieldKind::YesNo,
        ),
        field("note", "核查情况", "What was found", FieldKind::LongText).required(),
        ON,
    ],
};

/// A recommendation, the formal candidates or the decision: people chosen from a list.
pub const CHOOSE_FORM: Form = Form {
    key: "career_choose",
    fields: &[
        field(
            "applications",
            "人员",
            "People",
            FieldKind::PickMany(APPLICATIONS),
        ),
        ON,
    ],
};

/// The county's inspection of a reserve candidate.
pub const INSPECT_FORM: Form = Form {
    key: "career_inspect",
    fields: &[
        field(
            "application",
            "考察对象",
            "Candidate",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field(
            "ballots",
            "民主测评票数",
            "Evaluation votes",
            FieldKind::Grid(Grid {
                rows: Rows::Listed(BALLOT_ROWS),
                cell: Cell::Count { optional: false },
                total: true,
            }),
        ),
        field(
            "talks",
            "个别谈话人数",
            "People talked to",
            FieldKind::Count,
        )
        .required(),
        field("conclusion", "考察结论", "Conclusion", FieldKind::LongText).required(),
        ON,
    ],
};

/// A 选聘证书.
pub const CERTIFY_FORM: Form = Form {
    key: "career_certify",
    fields: &[
        field(
            "application",
            "选聘人员",
            "Selected",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field("number", "证书编号", "Certificate number", FieldKind::Text).required(),
        field("issued_on", "发证日期", "Issued on", FieldKind::Date).required(),
        field("pay_from", "待遇起始日期", "Pay from", FieldKind::Date)
            .required()
            .blank(),
    ],
};

/// A holder's appointment renewed for the year.
pub const RENEW_FORM: Form = Form {
    key: "career_renew",
    fields: &[
        field(
            "application",
            "续聘人员",
            "Renewed",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field("on", "评聘日期", "Reviewed on", FieldKind::Date).required(),
    ],
};

/// A holder's pay ended on a stated condition (or that end corrected).
pub const END_FORM: Form = Form {
    key: "career_end",
    fields: &[
        field(
            "application",
            "人员",
            "Person",
            FieldKind::Pick {
                from: APPLICATIONS,
                blank: false,
            },
        )
        .required(),
        field(
            "condition",
            "终止情形",
            "Condition",
            FieldKind::Pick {
                from: CONDITIONS,
                blank: false,
            },
        )
        .required(),
        field("note", "具体情况", "What happened", FieldKind::LongText).required(),
        field(
            "pay_ends",
            "停发日期（当日起不再发放）",
            "Pay stops from",
            FieldKind::Date,
        )
        .required()
        .blank(),
        field("on", "决定日期", "Decided on", FieldKind::Date).required(),
    ],
};

#[derive(Deserialize, Serialize)]
struct RenewInput {
    application: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct EndInput {
    application: String,
    condition: String,
    note: String,
    pay_ends: NaiveDate,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct RoundInput {
    #[serde(default)]
    slots: BTreeMap<String, u32>,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct ApplyInput {
    person: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct ReviewInput {
    application: String,
    passed: bool,
    #[serde(default)]
    reason: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct PublicityInput {
    start: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct ObjectionInput {
    application: String,
    content: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct ResolveInput {
    objection: String,
    upheld: bool,
    note: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct ChooseInput {
    #[serde(default)]
    applications: Vec<String>,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct InspectInput {
    application: String,
    ballots: Votes,
    talks: u32,
    conclusion: String,
    on: NaiveDate,
}

#[derive(Deserialize, Serialize)]
struct CertifyInput {
    application: String,
    number: String,
    issued_on: NaiveDate,
    pay_from: NaiveDate,
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::CareerPay(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// Read any form of a round into its command: what the template leaves open is filled
/// from the inputs (new ids from the moment it is sent).
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let cmd = match template(block)? {
        Command::OpenRound { .. }
        | Command::Apply { .. }
        | Command::Review { .. }
        | Command::Publicize { .. }
        | Command::PublicizeResult { .. }
        | Command::Object { .. }
        | Command::Resolve { .. } => read_round_step(block, inputs, sent, state)?,
        Command::Renew { .. } | Command::Terminate { .. } => {
            read_renewal(block, inputs, sent, state)?
        }
        _ => read_selection_step(block, inputs, sent)?,
    };
    // The decider's rules follow when it is recorded (their message shows on the form).
    Ok(cmd.into())
}

/// The round, applications, reviews, publicity and objections.
fn read_round_step(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<Command, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    Ok(match template(block)?.clone() {
        Command::OpenRound { year, .. } => {
            let x: RoundInput = form.read(options, inputs, today)?;
            let slots = x
                .slots
                .into_iter()
                .map(|(township, slots)| Slots { township, slots })
                .collect();
            Command::OpenRound {
                year,
                slots,
                on: x.on,
            }
        }
        Command::Apply { year, .. } => {
            let x: ApplyInput = form.read(options, inputs, today)?;
            let village = sitting_village(state, &x.person, x.on);
            Command::Apply {
                year,
                application: sent.new_id("ca"),
                person: x.person,
                village,
                on: x.on,
            }
        }
        Command::Review {
            level, seen: drawn, ..
        } => {
            let x: ReviewInput = form.read(options, inputs, today)?;
            let career = &state.career_pay;
            let township = career
                .application(&x.application)
                .map(|a| a.township.clone())
                .unwrap_or_default();
            let key = (x.application.clone(), level, township);
            // The versions on the page as drawn (one arriving meanwhile stays beside it).
            let live = career.reviews.get(&key).map(|v| v.live_ids());
            let seen = live.unwrap_or_default().into_iter();
            let seen = seen.filter(|id| drawn.contains(id)).collect();
            Command::Review {
                application: x.application,
                level,
                passed: x.passed,
                reason: x.reason,
                on: x.on,
                seen,
            }
        }
        Command::Publicize { year, township, .. } => {
            let x: PublicityInput = form.read(options, inputs, today)?;
            Command::Publicize {
                year,
                township,
                start: x.start,
            }
        }
        Command::PublicizeResult { year, .. } => {
            let x: PublicityInput = form.read(options, inputs, today)?;
            Command::PublicizeResult {
                year,
                start: x.start,
            }
        }
        Command::Object { .. } => {
            let x: ObjectionInput = form.read(options, inputs, today)?;
            Command::Object {
                objection: sent.new_id("co"),
                application: x.application,
                content: x.content,
                on: x.on,
            }
        }
        Command::Resolve { .. } => {
            let x: ResolveInput = form.read(options, inputs, today)?;
            Command::Resolve {
                objection: x.objection,
                upheld: x.upheld,
                note: x.note,
                on: x.on,
            }
        }
        _ => return Err(not_this_form(form)),
    })
}

/// Recommendations, inspection, candidates, decision and certificates.
fn read_selection_step(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
) -> Result<Command, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    Ok(match template(block)?.clone() {
        Command::Recommend {
            year,
            township,
            stage,
            seen,
            ..
        } => {
            let x: ChooseInput = form.read(options, inputs, today)?;
            Command::Recommend {
                year,
                township,
                stage,
                applications: x.applications,
                on: x.on,
                seen,
            }
        }
        Command::FixCandidates { year, seen, .. } => {
            let x: ChooseInput = form.read(options, inputs, today)?;
            Command::FixCandidates {
                year,
                applications: x.applications,
                on: x.on,
                seen,
            }
        }
        Command::Decide { year, seen, .. } => {
            let x: ChooseInput = form.read(options, inputs, today)?;
            Command::Decide {
                year,
                applications: x.applications,
                on: x.on,
                seen,
            }
        }
        Command::Inspect { .. } => {
            let x: InspectInput = form.read(options, inputs, today)?;
            Command::Inspect {
                application: x.application,
                ballots: x.ballots,
                talks: x.talks,
                conclusion: x.conclusion,
                on: x.on,
            }
        }
        Command::Certify { .. } => {
            let x: CertifyInput = form.read(options, inputs, today)?;
            Command::Certify {
                application: x.application,
                number: x.number,
                issued_on: x.issued_on,
                pay_from: x.pay_from,
            }
        }
        _ => return Err(not_this_form(form)),
    })
}

/// A renewal, or an end of pay (correcting the ends of it recorded now).
fn read_renewal(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<Command, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    Ok(match template(block)?.clone() {
        Command::Renew { year, .. } => {
            let x: RenewInput = form.read(options, inputs, today)?;
            Command::Renew {
                application: x.application,
                year,
                on: x.on,
            }
        }
        Command::Terminate { seen: drawn, .. } => {
            let x: EndInput = form.read(options, inputs, today)?;
            let ends = state.career_pay.terminations.get(&x.application);
            let live = ends.map(|v| v.live_ids()).unwrap_or_default();
            Command::Terminate {
                seen: live.into_iter().filter(|id| drawn.contains(id)).collect(),
                application: x.application,
                condition: x.condition,
                note: x.note,
                pay_ends: x.pay_ends,
                on: x.on,
            }
        }
        _ => return Err(not_this_form(form)),
    })
}

/// The village `person` holds a post of on `on` ("" if none).
fn sitting_village(state: &State, person: &str, on: NaiveDate) -> String {
    let p = state.village_heads.person(person);
    let sitting = p.and_then(|p| {
        p.tenures
            .into_iter()
            .find(|(_, t)| t.start <= on && t.end.is_none_or(|end| end > on))
    });
    sitting.map(|(_, t)| t.village).unwrap_or_default()
}

/// A review's template: `drawn` are the reviews on the page as drawn (what a correction
/// may replace).
pub fn review_template(level: ReviewLevel, drawn: Vec<String>) -> Command {
    Command::Review {
        application: String::new(),
        level,
        passed: true,
        reason: String::new(),
        on: NaiveDate::MIN,
        seen: drawn,
    }
}

/// A recommendation's template.
pub fn recommend_template(
    year: i32,
    township: &str,
    stage: RecommendationStage,
    seen: Vec<String>,
) -> Command {
    Command::Recommend {
        year,
        township: township.to_string(),
        stage,
        applications: Vec::new(),
        on: NaiveDate::MIN,
        seen,
    }
}
