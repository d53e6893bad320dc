//! The sign-off of a W4 case as a screen card (`domain::screen`): the re-check and the
//! four signatures of both nodes, lines signed twice to settle, and the submissions.
//! Each signer sees the sign form with only the lines their role may sign; only the
//! approver submits; everyone else reads who may.

use crate::domain::screen::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::case_forms::case_of;
use super::case_screen::Viewer;
use super::words::{annex_unchecked_note, line_text, submission_text};
use super::{Action, Case, Command, Sight, SignOff, Submission};
use crate::domain::command::Command as AnyCommand;
use crate::domain::event::Role;
use crate::domain::form::{field, FieldKind, Form, Inputs, Options};
use crate::domain::screen::{not_this_form, Block, Card, FormBlock, Record, Sent, Sheet, Tone};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::RuleViolation;

/// The option list of the sign form: the lines this user may sign.
const LINES: &str = "lines";
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

fn read_sign(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
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
    _: &State,
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
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    Ok(block.template.clone())
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
    let sight = Sight::of(Some(who.role));
    let rows = SignOff::CHAIN.into_iter().map(|line| {
        vec![
            line.label_in(zh).to_string(),
            line_text(zh, case, node, line, sight),
        ]
    });
    let columns = vec![t(zh, "环节", "Link"), t(zh, "签字", "Signature")];
    let mut body = vec![Block::Sheet(Sheet::plain("chain", columns, rows.collect()))];
    body.extend(settle_blocks(case, node, who));
    body.push(Block::line(
        Tone::Plain,
        submission_text(zh, case, node, sight),
    ));
    if case.annex_unchecked(node, sight) {
        body.push(Block::line(Tone::Hint, annex_unchecked_note(zh)).testid("annex-unchecked"));
    }
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
    case.signature_conflicts_seen(node, Sight::of(Some(who.role)))
        .into_iter()
        .flat_map(settle)
        .collect()
}
