//! The forms of a W4 case page that end it and disclose, as data on screens: ending a
//! case, settling an ending, recording or correcting a disclosure of the nine personal
//! matters. Each reads its inputs into its command here and is shown only to a role
//! that may send it. The step records are `record_form`, the sign-off `signoff_screen`.
//!
//! Architecture invariant: each form's field names are the serde names of its input
//! struct, and `read(inputs_of(x)) == x` for each (tests/forms.rs).

use crate::domain::screen::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::case_screen::{disclosure_records, has_ended, Viewer, DISCLOSURE_AREA, DISCLOSURE_FORM};
use super::forms::Choices;
use super::words::MATTERS;
use super::{may_see_matters, Action, Case, Command, Ending, PersonalMatters, Round};
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{
    choice, field, inputs_of_object, object_of, Choice, Field, FieldKind, Form,
};
use crate::domain::form::{Inputs, Options};
use crate::domain::screen::{not_this_form, Block, Card, Focus, FormBlock, Screen, Sent};
use crate::domain::state::State;
use crate::domain::RuleViolation;

/// Why a case ends without appointment.
const ENDINGS: &[Choice] = &[
    ending(Ending::ComplaintUpheld),
    ending(Ending::VoteFailed),
    ending(Ending::Withdrawn),
];

/// An ending as a choice, in its own words (`Ending::label`).
const fn ending(e: Ending) -> Choice {
    choice(e.key(), e.label(true), e.label(false))
}

/// How a live ending is settled: withdrawn (the case goes on) or confirmed.
const SETTLINGS: &[Choice] = &[
    Choice {
        value: "revoked",
        zh: "撤销终止：事项继续",
        en: "Withdraw the ending: the case goes on",
    },
    Choice {
        value: "complaint_upheld",
        zh: "确认终止：公示举报经核实属实",
        en: "Confirm the ending: Publicity complaint upheld",
    },
    Choice {
        value: "vote_failed",
        zh: "确认终止：表决未通过",
        en: "Confirm the ending: Vote failed",
    },
    Choice {
        value: "withdrawn",
        zh: "确认终止：人选退出",
        en: "Confirm the ending: Candidate withdrawn",
    },
];

/// The two disclosure rounds.
const ROUNDS: &[Choice] = &[
    Choice {
        value: "first",
        zh: "第一次（考察对象确定后、讨论决定前）",
        en: "First (after targeting, before the decision)",
    },
    Choice {
        value: "second",
        zh: "第二次（讨论决定后）",
        en: "Second (after the decision)",
    },
];

/// Ending a case without appointment (终止事项).
pub const END_CASE_FORM: Form = Form {
    key: "end_case",
    fields: &[
        field("ending", "终止原因", "Why", FieldKind::Choice(ENDINGS)).required(),
        field("on", "终止日期", "Ended on", FieldKind::Date).required(),
        field("reason", "情况说明", "Reason", FieldKind::LongText).required(),
    ],
};

/// Confirming, correcting or withdrawing the case's live endings.
pub const SETTLE_ENDING_FORM: Form = Form {
    key: "settle_ending",
    fields: &[
        field("ending", "处理", "Settle as", FieldKind::Choice(SETTLINGS)).required(),
        field("on", "日期", "Date", FieldKind::Date).required(),
        field("reason", "理由", "Reason", FieldKind::LongText).required(),
    ],
};

/// The option list of the disclosure form: the case's inspection targets.
const TARGETS: &str = "target";
/// The `i`th of the nine personal matters (`words::MATTERS`) as a text field.
const fn matter(i: usize) -> Field {
    let (name, zh, en) = MATTERS[i];
    field(name, zh, en, FieldKind::Text)
}

/// The fields of a disclosure after the target and round: its start and the matters.
macro_rules! disclosure_fields {
    ($($first:expr),*) => {
        &[
            $($first,)*
            field("cadre", "考察对象", "Target", FieldKind::Pick { from: TARGETS, blank: false }).required(),
            field("round", "公开轮次", "Round", FieldKind::Choice(ROUNDS)).required(),
            field("start", "公开开始日期", "Starts on", FieldKind::Date).required(),
            matter(0),
            matter(1),
            matter(2),
            matter(3),
            matter(4),
            matter(5),
            matter(6),
            matter(7),
            matter(8),
        ]
    };
}

/// Recording a disclosure of a target's nine matters (有关事项公开).
pub const DISCLOSE_FORM: Form = Form {
    key: "disclose",
    fields: disclosure_fields!(),
};

/// Correcting disclosures: with the reason.
pub const CORRECT_DISCLOSURE_FORM: Form = Form {
    key: "correct_disclosure",
    fields: disclosure_fields!(field(
        "correct_reason",
        "更正理由",
        "Reason for the correction",
        FieldKind::Text
    )
    .required()),
};

/// The end-case and settle-ending forms as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndingInput {
    /// The ending's key (or "revoked" when settling).
    pub ending: String,
    /// The day.
    pub on: NaiveDate,
    /// Why, in words.
    pub reason: String,
}

/// The disclosure forms as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisclosureInput {
    /// Why the earlier disclosures are corrected (a correction only).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub correct_reason: String,
    /// The target.
    pub cadre: String,
    /// First or second.
    pub round: Round,
    /// The window's first day.
    pub start: NaiveDate,
    /// The nine matters.
    #[serde(flatten)]
    pub matters: PersonalMatters,
}

fn ending_of(key: &str) -> Option<Ending> {
    Ending::ALL.into_iter().find(|e| e.key() == key)
}

pub(super) fn case_of(block: &FormBlock) -> Result<(String, &Command), Vec<RuleViolation>> {
    let AnyCommand::CadreSelection(cmd) = &block.template else {
        return Err(not_this_form(&block.form));
    };
    match cmd {
        Command::EndCase { case, .. }
        | Command::ReviseEnding { case, .. }
        | Command::Disclose { case, .. }
        | Command::CorrectDisclosure { case, .. }
        | Command::Sign { case, .. }
        | Command::Submit { case, .. } => Ok((case.clone(), cmd)),
        _ => Err(not_this_form(&block.form)),
    }
}

fn read_end_case(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: EndingInput = block.form.read(&block.options, inputs, sent.today)?;
    let (case, _) = case_of(block)?;
    let ending = ending_of(&x.ending).ok_or_else(|| not_this_form(&block.form))?;
    Ok(Command::EndCase {
        case,
        on: x.on,
        ending,
        reason: x.reason,
    }
    .into())
}

fn read_settle_ending(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: EndingInput = block.form.read(&block.options, inputs, sent.today)?;
    let (case, cmd) = case_of(block)?;
    let Command::ReviseEnding { supersedes, .. } = cmd else {
        return Err(not_this_form(&block.form));
    };
    let supersedes = supersedes.clone();
    Ok(Command::ReviseEnding {
        case,
        supersedes,
        on: x.on,
        ending: ending_of(&x.ending),
        reason: x.reason,
    }
    .into())
}

fn read_disclosure(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: DisclosureInput = block.form.read(&block.options, inputs, sent.today)?;
    let (case, cmd) = case_of(block)?;
    let (cadre, round, start, matters) = (x.cadre, x.round, x.start, x.matters);
    Ok(match cmd {
        Command::CorrectDisclosure { supersedes, .. } => {
            let supersedes = supersedes.clone();
            Command::CorrectDisclosure {
                case,
                supersedes,
                cadre,
                round,
                start,
                matters,
                reason: x.correct_reason,
            }
        }
        _ => Command::Disclose {
            case,
            cadre,
            round,
            start,
            matters,
        },
    }
    .into())
}

/// A folded form in a card of its own.
fn folded(mut form: FormBlock, summary: String, testid: &'static str) -> Card {
    form.folded = Some(summary);
    form.testid = testid;
    Card::new(vec![Block::Form(Box::new(form))])
}

/// The forms ending a case and settling its endings, for a user who may record: the
/// first while the case runs, the second while it has live endings.
pub fn ending_forms(case: &Case, ended: bool, who: Viewer) -> Screen {
    let zh = who.zh;
    if !Action::Record.allows(who.role) {
        return Vec::new();
    }
    let mut cards = Vec::new();
    let id = case.id.clone();
    if !ended {
        let template = Command::EndCase {
            case: id.clone(),
            on: NaiveDate::MIN,
            ending: Ending::Withdrawn,
            reason: String::new(),
        };
        let form = FormBlock::new(
            END_CASE_FORM,
            template.into(),
            read_end_case,
            t(zh, "终止事项", "End the case"),
            t(zh, "事项已终止", "Case ended"),
        );
        cards.push(folded(
            form,
            t(zh, "终止事项（未任职）", "End the case without appointment"),
            "end-form",
        ));
    }
    let endings: Vec<String> = case.live_endings().iter().map(|e| e.id.clone()).collect();
    if !endings.is_empty() {
        let template = Command::ReviseEnding {
            case: id,
            supersedes: endings,
            on: NaiveDate::MIN,
            ending: None,
            reason: String::new(),
        };
        let form = FormBlock::new(
            SETTLE_ENDING_FORM,
            template.into(),
            read_settle_ending,
            t(zh, "记录", "Record"),
            t(zh, "已记录", "Recorded"),
        );
        cards.push(folded(
            form,
            t(
                zh,
                "确认、更正或撤销终止",
                "Confirm, correct or withdraw the ending",
            ),
            "ending-fix",
        ));
    }
    cards
}

/// The disclosures card: the disclosures as the viewer may see them, and (for a user
/// who may record) the form recording one, or correcting those `focus` names.
pub fn disclosures_card(s: &State, case: &Case, who: Viewer, focus: &Focus) -> Card {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "有关事项公开", "Disclosures"))];
    blocks.extend(disclosure_records(s, case, who));
    if Action::Record.allows(who.role) && !has_ended(case) {
        blocks.push(Block::Form(Box::new(disclosure_form(s, case, who, focus))));
    }
    Card::new(blocks).attr("data-testid", "disclosures")
}

/// The disclosure form, prefilled from the disclosure a correction starts from (its
/// matters only for a role that may read them).
fn disclosure_form(s: &State, case: &Case, who: Viewer, focus: &Focus) -> FormBlock {
    let zh = who.zh;
    let fixing = focus.form == DISCLOSURE_FORM && !focus.replaces.is_empty();
    let from = case.disclosures.get(&focus.from).filter(|_| fixing);
    let ch = Choices::named(s, case, zh);
    let targets = case.target_dates().into_keys().map(|k| {
        let name = Choices::name(&ch.cadres, &k);
        (k, name)
    });
    let empty = Command::Disclose {
        case: case.id.clone(),
        cadre: String::new(),
        round: Round::First,
        start: NaiveDate::MIN,
        matters: PersonalMatters::default(),
    };
    let mut form = match from {
        Some(d) => {
            let supersedes = focus.replaces.clone();
            let template = Command::CorrectDisclosure {
                case: case.id.clone(),
                supersedes,
                cadre: String::new(),
                round: Round::First,
                start: NaiveDate::MIN,
                matters: PersonalMatters::default(),
                reason: String::new(),
            };
            let mut form = FormBlock::new(
                CORRECT_DISCLOSURE_FORM,
                template.into(),
                read_disclosure,
                t(zh, "提交更正", "Submit correction"),
                t(zh, "公开已记录", "Disclosure recorded"),
            );
            let matters = if may_see_matters(who.role) {
                (*d.matters).clone()
            } else {
                PersonalMatters::default()
            };
            let input = DisclosureInput {
                correct_reason: String::new(),
                cadre: d.cadre.clone(),
                round: d.round,
                start: d.start,
                matters,
            };
            form.init = inputs_of_object(object_of(&input, false));
            form.folded = Some(t(zh, "更正有关事项公开", "Correct a disclosure"));
            form.open = true;
            form
        }
        None => {
            let mut form = FormBlock::new(
                DISCLOSE_FORM,
                empty.into(),
                read_disclosure,
                t(zh, "记录公开", "Record disclosure"),
                t(zh, "公开已记录", "Disclosure recorded"),
            );
            form.folded = Some(t(zh, "记录有关事项公开", "Record a disclosure"));
            form
        }
    };
    form.options = Options::default().with(TARGETS, targets.collect());
    form.testid = "disclose-form";
    form.after = Some(Focus {
        area: DISCLOSURE_AREA,
        ..Focus::default()
    });
    form
}
