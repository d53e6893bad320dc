//! The forms of a W4 case page besides the step records, as data on screens: ending a
//! case, settling an ending, recording or correcting a disclosure of the nine personal
//! matters, and the sign-off (sign a line, settle a line signed twice, submit). Each
//! reads its inputs into its command here; each is shown only to a role that may send
//! it, and everyone else reads who may.
//!
//! Architecture invariant: each form's field names are the serde names of its input
//! struct, and `read(inputs_of(x)) == x` for each (tests/forms.rs).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::case_screen::{disclosure_records, Viewer, DISCLOSURE_FORM};
use super::forms::Choices;
use super::words::{line_text, submission_text};
use super::Submission;
use super::{may_see_matters, Action, Case, Command, Ending, PersonalMatters, Round, SignOff};
use crate::domain::command::Command as AnyCommand;
use crate::domain::event::Role;
use crate::domain::form::{field, inputs_of_object, object_of, Choice, Field, FieldKind, Form};
use crate::domain::form::{Inputs, Options};
use crate::domain::screen::{not_this_form, Block, Card, Focus, FormBlock, Record, Screen, Sent};
use crate::domain::screen::{Sheet, Tone};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::RuleViolation;

fn t(zh: bool, z: &str, e: &str) -> String {
    if zh { z } else { e }.to_string()
}

/// Why a case ends without appointment.
const ENDINGS: &[Choice] = &[
    Choice {
        value: "complaint_upheld",
        zh: "公示举报经核实属实",
        en: "Publicity complaint upheld",
    },
    Choice {
        value: "vote_failed",
        zh: "表决未通过",
        en: "Vote failed",
    },
    Choice {
        value: "withdrawn",
        zh: "人选退出",
        en: "Candidate withdrawn",
    },
];

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
/// The option list of the sign form: the lines this user may sign.
const LINES: &str = "lines";

const fn matter(name: &'static str, zh: &'static str, en: &'static str) -> Field {
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
            matter("marriage", "婚姻变化情况", "Marriage"),
            matter("passports", "持有因私出入境证件情况", "Passports"),
            matter("trips_abroad", "因私出国（境）情况", "Private trips abroad"),
            matter("family_emigration", "配偶、子女移居国（境）外情况", "Family emigration"),
            matter("family_employment", "配偶、子女从业情况", "Family employment"),
            matter("pay", "本人工资及各类奖金、津贴、补贴", "Pay"),
            matter("property", "房产情况", "Property"),
            matter("investments", "投资情况", "Investments"),
            matter("family_companies", "配偶、子女经商办企业情况", "Family companies"),
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

/// Signing one line of a node's chain.
pub const SIGN_FORM: Form = Form {
    key: "sign",
    fields: &[field(
        "sign",
        "签字栏",
        "Line to sign",
        FieldKind::Pick {
            from: LINES,
            blank: false,
        },
    )
    .required()],
};

/// Submitting a node (初次提交, 再次提交).
pub const SUBMIT_FORM: Form = Form {
    key: "submit",
    fields: &[field("on", "提交日期", "Submitted on", FieldKind::Date).required()],
};

/// Signing a line again, replacing the others' signatures on it (no inputs).
pub const RESIGN_FORM: Form = Form {
    key: "resign",
    fields: &[],
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

/// The sign form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInput {
    /// The line, by its name in code ("Recheck", "DeputyHead").
    pub sign: String,
}

/// The submit form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubmitInput {
    /// The day submitted.
    pub on: NaiveDate,
}

fn ending_of(key: &str) -> Option<Ending> {
    Ending::ALL.into_iter().find(|e| e.key() == key)
}

fn case_of(block: &FormBlock) -> Result<(String, &Command), Vec<RuleViolation>> {
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

fn read_sign(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: SignInput = block.form.read(&block.options, inputs, sent.today)?;
    let (case, cmd) = case_of(block)?;
    let Command::Sign { node, .. } = cmd else {
        return Err(not_this_form(&block.form));
    };
    let sign = SignOff::CHAIN
        .into_iter()
        .find(|l| format!("{l:?}") == x.sign);
    let sign = sign.ok_or_else(|| not_this_form(&block.form))?;
    Ok(Command::Sign {
        case,
        node: *node,
        sign,
    }
    .into())
}

fn read_submit(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: SubmitInput = block.form.read(&block.options, inputs, sent.today)?;
    let (case, cmd) = case_of(block)?;
    let Command::Submit { node, .. } = cmd else {
        return Err(not_this_form(&block.form));
    };
    Ok(Command::Submit {
        case,
        node: *node,
        on: x.on,
    }
    .into())
}

/// The form's own command, as built (no inputs).
fn read_template(
    block: &FormBlock,
    _: &Inputs,
    _: &Sent,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    Ok(block.template.clone())
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
    if Action::Record.allows(who.role) {
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
    let ch = Choices::of(s, case, zh);
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
                d.matters.clone()
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
    form.after = Some(Focus::default());
    form
}

/// The re-check, signatures and submissions of both nodes: the user signs only the
/// lines their role may sign, and only the approver submits.
pub fn signoff_card(case: &Case, who: Viewer) -> Card {
    let zh = who.zh;
    let order = t(
        zh,
        "顺序：复核 → 记录人 → 干部科科长 → 干部监督科科长 → 分管副部长；每人只签一栏；内容更正后原签字失效，须重新签字",
        "Order: re-check → recorder → cadre section chief → supervision section chief → deputy head; one person signs one line; a correction voids earlier signatures",
    );
    let mut blocks = vec![
        Block::Heading(t(
            zh,
            "复核、签字与提交",
            "Re-check, sign-off and submission",
        )),
        Block::line(Tone::Hint, order),
    ];
    let lines: Vec<SignOff> = SignOff::CHAIN
        .into_iter()
        .filter(|l| Action::Sign(*l).allows(who.role))
        .collect();
    if lines.is_empty() && !Action::Submit.allows(who.role) {
        blocks.push(Block::line(Tone::Hint, who_signs(zh)).testid("not-yours"));
    }
    for node in [Submission::Initial, Submission::Second] {
        blocks.push(Block::Record(Box::new(node_record(
            case, node, &lines, who,
        ))));
    }
    Card::new(blocks).attr("data-testid", "signoff")
}

/// Who may sign or submit, from the domain's table of who signs each line and submits.
fn who_signs(zh: bool) -> String {
    let mut who: Vec<Role> = Vec::new();
    let actions = SignOff::CHAIN.map(Action::Sign);
    for r in actions
        .iter()
        .chain([&Action::Submit])
        .flat_map(|a| a.roles())
    {
        if !who.contains(r) && !Role::LEGACY.contains(r) {
            who.push(*r);
        }
    }
    let names: Vec<&str> = who.iter().map(|r| r.label(zh)).collect();
    if zh {
        format!("只有{}可以在纪实表上签字或提交", names.join("、"))
    } else {
        format!(
            "Only the {} sign or submit the record",
            names.join(", ").to_lowercase()
        )
    }
}

/// One submission node: its chain, lines to settle, where it stands, the sign and
/// submit forms.
fn node_record(case: &Case, node: Submission, lines: &[SignOff], who: Viewer) -> Record {
    let zh = who.zh;
    let rows = SignOff::CHAIN.into_iter().map(|line| {
        vec![
            line.label_in(zh).to_string(),
            line_text(zh, case, node, line),
        ]
    });
    let columns = vec![t(zh, "环节", "Link"), t(zh, "签字", "Signature")];
    let mut body = vec![Block::Sheet(Sheet::plain("chain", columns, rows.collect()))];
    body.extend(settle_blocks(case, node, who));
    body.push(Block::line(Tone::Plain, submission_text(zh, case, node)));
    if !lines.is_empty() {
        body.push(Block::Form(Box::new(sign_form(case, node, lines, zh))));
    }
    if Action::Submit.allows(who.role) {
        let template = Command::Submit {
            case: case.id.clone(),
            node,
            on: NaiveDate::MIN,
        };
        let mut form = FormBlock::new(
            SUBMIT_FORM,
            template.into(),
            read_submit,
            node.label_in(zh).to_string(),
            t(zh, "已提交", "Submitted"),
        );
        form.testid = if node == Submission::Initial {
            "submit-Initial"
        } else {
            "submit-Second"
        };
        body.push(Block::Form(Box::new(form)));
    }
    Record {
        title: node.label_in(zh).to_string(),
        body,
        meta: String::new(),
        correct: None,
        attrs: vec![("data-node", format!("{node:?}"))],
    }
}

/// The sign form of a node, the next line to sign chosen.
fn sign_form(case: &Case, node: Submission, lines: &[SignOff], zh: bool) -> FormBlock {
    let signed = case.signed(node);
    let next = lines.iter().copied().find(|x| !signed.contains_key(x));
    let next = next
        .or(lines.last().copied())
        .unwrap_or(SignOff::DeputyHead);
    let options = lines
        .iter()
        .map(|l| (format!("{l:?}"), l.label_in(zh).to_string()));
    let template = Command::Sign {
        case: case.id.clone(),
        node,
        sign: next,
    };
    let mut form = FormBlock::new(
        SIGN_FORM,
        template.into(),
        read_sign,
        t(zh, "以当前用户签字", "Sign as me"),
        t(zh, "已签字", "Signed"),
    );
    form.options = Options::default().with(LINES, options.collect());
    form.init = Inputs::from([("sign".to_string(), format!("{next:?}"))]);
    form.testid = if node == Submission::Initial {
        "sign-Initial"
    } else {
        "sign-Second"
    };
    form.clear = false;
    form
}

/// Two people on one line: who, when, where, and the button by which the right signer
/// signs it again, replacing the others.
fn settle_blocks(case: &Case, node: Submission, who: Viewer) -> Vec<Block> {
    let zh = who.zh;
    let settle = |(line, sigs): (SignOff, Vec<&super::Signature>)| {
        let items = sigs.iter().map(|s| {
            format!(
                "{} · {} · {} · {}",
                s.signer,
                s.role.label(zh),
                s.device,
                format_beijing(s.recorded_at)
            )
        });
        let head = if zh {
            format!("「{}」栏有两人签字：", line.label_in(zh))
        } else {
            format!("{} line signed by two people:", line.label_in(zh))
        };
        let mut out = vec![Block::List {
            tone: Tone::Warn,
            head,
            items: items.collect(),
            testid: "sign-conflict",
        }];
        if Action::Sign(line).allows(who.role) {
            let supersedes = sigs.iter().map(|s| s.id.clone()).collect();
            let template = Command::ResolveSignatures {
                case: case.id.clone(),
                node,
                sign: line,
                supersedes,
            };
            let form = FormBlock::new(
                RESIGN_FORM,
                template.into(),
                read_template,
                t(zh, "以我为准重新签字", "Sign again, replacing the others"),
                t(zh, "已签字", "Signed"),
            );
            out.push(Block::Form(Box::new(form)));
        }
        out
    };
    case.signature_conflicts(node)
        .into_iter()
        .flat_map(settle)
        .collect()
}
