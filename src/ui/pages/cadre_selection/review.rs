//! The parts of a W4 case page that settle things: what needs review (two versions of
//! a disclosure, two people on a signature line, an ending in conflict, a post over its
//! quota), disclosures (recorded and corrected), endings (ended, confirmed, withdrawn)
//! and the sign-off chain (signed, settled, submitted). Rules stay in the domain: the
//! page sends commands and shows the domain's reasons.

use leptos::prelude::*;

use super::cases::case_id;
use super::common::{input, select, send, FormValues};
use crate::domain::cadre_selection::case_screen::DISCLOSURE_FORM;
use crate::domain::cadre_selection::words::{line_text, submission_text, MATTERS};
use crate::domain::cadre_selection::{
    may_see_matters, Action, Case, Command, Ending, PersonalMatters, Round, SignOff, Submission,
};
use crate::domain::screen::{Block, Focus, Sheet};
use crate::domain::time::format_beijing;
use crate::domain::Role;
use crate::store::RecordError;
use crate::ui::components::{blocks_view, FormError, Notice};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// A disclosure correction being entered: the live disclosures it replaces and the
/// one whose content prefills the form.
pub type DisclosureFix = Option<(Vec<String>, String)>;

/// The nine matters read from a form.
fn matters_of(f: &FormValues) -> PersonalMatters {
    let mut m = serde_json::Map::new();
    for (k, _, _) in MATTERS {
        m.insert(k.to_string(), serde_json::Value::String(f.get(k)));
    }
    serde_json::from_str(&serde_json::Value::Object(m).to_string()).unwrap_or_default()
}

/// The disclosure a correction starts from: (cadre, round, start, matters).
fn fix_start(id: &str) -> Option<(String, Round, String, PersonalMatters)> {
    let c = use_ctx();
    let role = c.user.get_untracked().map(|u| u.role)?;
    c.with_state(|s| {
        let d = s
            .cadre_selection
            .cases
            .get(&case_id())?
            .disclosures
            .get(id)?;
        let m = may_see_matters(role).then(|| d.matters.clone());
        Some((
            d.cadre.clone(),
            d.round,
            d.start.to_string(),
            m.unwrap_or_default(),
        ))
    })
}

/// The disclosure (or correction of the disclosures `ids`) a form asks for.
fn disclose_command(
    f: &FormValues,
    ids: Option<Vec<String>>,
) -> Result<Command, crate::domain::RuleViolation> {
    let round = if f.get("round") == "second" {
        Round::Second
    } else {
        Round::First
    };
    let (case, cadre, matters) = (case_id(), f.get("cadre"), matters_of(f));
    let start = f.date("start")?;
    Ok(match ids {
        Some(supersedes) => Command::CorrectDisclosure {
            case,
            supersedes,
            cadre,
            round,
            start,
            matters,
            reason: f.get("correct_reason"),
        },
        None => Command::Disclose {
            case,
            cadre,
            round,
            start,
            matters,
        },
    })
}

/// The two rounds as choices.
fn rounds(c: Ctx) -> Vec<(String, String)> {
    vec![
        (
            "first".to_string(),
            c.t(
                "第一次（考察对象确定后、讨论决定前）",
                "First (after targeting, before the decision)",
            )
            .to_string(),
        ),
        (
            "second".to_string(),
            c.t("第二次（讨论决定后）", "Second (after the decision)")
                .to_string(),
        ),
    ]
}

/// Record a disclosure of a target's nine matters, or correct disclosures.
#[component]
pub fn DiscloseForm(targets: Vec<(String, String)>, focus: RwSignal<Focus>) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let rounds = rounds(c);
    let body = move || {
        let fix: DisclosureFix = focus.with(|f| {
            let fix = f.form == DISCLOSURE_FORM && !f.replaces.is_empty();
            fix.then(|| (f.replaces.clone(), f.from.clone()))
        });
        let start = fix.as_ref().and_then(|(_, id)| untrack(|| fix_start(id)));
        let (cadre, round, day, m) = start.unwrap_or_else(|| {
            (
                String::new(),
                Round::First,
                today().to_string(),
                PersonalMatters::default(),
            )
        });
        let ids = fix.map(|f| f.0);
        let correcting = ids.is_some();
        let round_key = if round == Round::Second {
            "second"
        } else {
            "first"
        };
        let on_submit = move |ev: leptos::ev::SubmitEvent| {
            let f = FormValues::of(&ev);
            let cmd = disclose_command(&f, ids.clone());
            if send(c, cmd, err, ok, c.t("公开已记录", "Disclosure recorded")) {
                focus.set(Focus::default());
            }
        };
        view! {
            <details prop:open=correcting>
                <summary>{if correcting { c.t("更正有关事项公开", "Correct a disclosure") } else { c.t("记录有关事项公开", "Record a disclosure") }}</summary>
                <form class="stack" data-testid="disclose-form" on:submit=on_submit>
                    {correcting.then(|| input(c.t("更正理由", "Reason for the correction"), "correct_reason", "text", String::new(), err))}
                    {select(c.t("考察对象", "Target"), "cadre", targets.clone(), cadre, err)}
                    {select(c.t("公开轮次", "Round"), "round", rounds.clone(), round_key.to_string(), err)}
                    {input(c.t("公开开始日期", "Starts on"), "start", "date", day, err)}
                    {MATTERS.iter().map(|&(k, z, e)| input(if zh { z } else { e }, k, "text", m.value(k).to_string(), err)).collect_view()}
                    <FormError err />
                    <Notice msg=ok err />
                    <button type="submit" class="primary">{if correcting { c.t("提交更正", "Submit correction") } else { c.t("记录公开", "Record disclosure") }}</button>
                </form>
            </details>
        }
    };
    view! { <div>{body}</div> }
}

/// Confirm, correct or withdraw the case's live endings (an ending in conflict with
/// records made meanwhile, or a mistaken one).
#[component]
pub fn EndingFix(endings: Vec<String>) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let mut choices = vec![(
        "revoked".to_string(),
        c.t(
            "撤销终止：事项继续",
            "Withdraw the ending: the case goes on",
        )
        .to_string(),
    )];
    choices.extend(Ending::ALL.iter().map(|e| {
        (
            e.key().to_string(),
            format!(
                "{}{}",
                c.t("确认终止：", "Confirm the ending: "),
                e.label(zh)
            ),
        )
    }));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let f = FormValues::of(&ev);
        let ending = Ending::ALL.into_iter().find(|e| e.key() == f.get("ending"));
        let cmd = f.date("on").map(|on| Command::ReviseEnding {
            case: case_id(),
            supersedes: endings.clone(),
            on,
            ending,
            reason: f.get("reason"),
        });
        send(c, cmd, err, ok, c.t("已记录", "Recorded"));
    };
    view! {
        <details class="card">
            <summary>{c.t("确认、更正或撤销终止", "Confirm, correct or withdraw the ending")}</summary>
            <form class="stack" data-testid="ending-fix" on:submit=on_submit>
                {select(c.t("处理", "Settle as"), "ending", choices, String::new(), err)}
                {input(c.t("日期", "Date"), "on", "date", today().to_string(), err)}
                {input(c.t("理由", "Reason"), "reason", "area", String::new(), err)}
                <FormError err />
                <Notice msg=ok err />
                <button type="submit" class="primary">{c.t("记录", "Record")}</button>
            </form>
        </details>
    }
}

/// Two people on one line: who, when, where, and the button by which the right
/// signer signs it again, replacing the others.
fn settle_views(
    c: Ctx,
    case: &Case,
    (node, role): (Submission, Role),
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> Vec<AnyView> {
    let zh = c.is_zh();
    case.signature_conflicts(node)
        .into_iter()
        .map(|(line, sigs)| {
            let who = sigs.iter().map(|s| {
                let when = format_beijing(s.recorded_at);
                let text = format!(
                    "{} · {} · {} · {when}",
                    s.signer,
                    s.role.label(zh),
                    s.device
                );
                view! { <li>{text}</li> }
            });
            let who = who.collect_view();
            let ids: Vec<String> = sigs.iter().map(|s| s.id.clone()).collect();
            let head = format!(
                "{}{}{}",
                c.t("「", ""),
                line.label_in(zh),
                c.t("」栏有两人签字：", " line signed by two people:")
            );
            let resign = move |_| {
                let cmd = Command::ResolveSignatures {
                    case: case_id(),
                    node,
                    sign: line,
                    supersedes: ids.clone(),
                };
                send(c, Ok(cmd), err, ok, c.t("已签字", "Signed"));
            };
            let button = Action::Sign(line).allows(role).then(|| {
                let text = c.t("以我为准重新签字", "Sign again, replacing the others");
                view! { <button type="button" on:click=resign>{text}</button> }
            });
            view! {
                <div class="version warn" data-testid="sign-conflict">
                    {head}
                    <ul>{who}</ul>
                    {button}
                </div>
            }
            .into_any()
        })
        .collect()
}

/// The re-check, signatures and submissions of both nodes: the user signs only the
/// lines their role may sign, and only the approver submits.
pub fn signoff_section(
    c: Ctx,
    case: &Case,
    role: Role,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> impl IntoView {
    let lines: Vec<SignOff> = SignOff::CHAIN
        .into_iter()
        .filter(|l| Action::Sign(*l).allows(role))
        .collect();
    let submit = Action::Submit.allows(role);
    let nothing = (lines.is_empty() && !submit).then(|| {
        // Who may, from the domain's table of who signs each line and who submits.
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
        let names: Vec<&str> = who.iter().map(|r| r.label(c.is_zh())).collect();
        let why = if c.is_zh() {
            format!("只有{}可以在纪实表上签字或提交", names.join("、"))
        } else {
            format!(
                "Only the {} sign or submit the record",
                names.join(", ").to_lowercase()
            )
        };
        view! { <p class="hint" data-testid="not-yours">{why}</p> }
    });
    let nodes = [Submission::Initial, Submission::Second].map(|node| {
        let signed = case.signed(node);
        let next = lines
            .iter()
            .copied()
            .find(|x| !signed.contains_key(x))
            .or(lines.last().copied())
            .unwrap_or(SignOff::DeputyHead);
        let rows = SignOff::CHAIN
            .into_iter()
            .map(|line| {
                vec![
                    line.label_in(c.is_zh()).to_string(),
                    line_text(c.is_zh(), case, node, line),
                ]
            })
            .collect();
        let settle = settle_views(c, case, (node, role), err, ok);
        let state = submission_text(c.is_zh(), case, node);
        let lines = lines.clone();
        let chain = Sheet::plain(
            "chain",
            vec![c.t("环节", "Link").into(), c.t("签字", "Signature").into()],
            rows,
        );
        view! { <SignNode node next lines submit chain settle state err ok /> }
    });
    view! {
        <section class="card" data-testid="signoff">
            <h2>{c.t("复核、签字与提交", "Re-check, sign-off and submission")}</h2>
            <p class="hint">{c.t("顺序：复核 → 记录人 → 干部科科长 → 干部监督科科长 → 分管副部长；每人只签一栏；内容更正后原签字失效，须重新签字", "Order: re-check → recorder → cadre section chief → supervision section chief → deputy head; one person signs one line; a correction voids earlier signatures")}</p>
            {nothing}
            {nodes.into_iter().collect_view()}
            <FormError err />
            <Notice msg=ok err />
        </section>
    }
}

/// One submission node: its chain, lines to settle, a sign form and a submit form.
#[component]
fn SignNode(
    node: Submission,
    next: SignOff,
    /// The lines the user may sign (none: no sign form).
    lines: Vec<SignOff>,
    /// Whether the user may submit.
    submit: bool,
    chain: Sheet,
    settle: Vec<AnyView>,
    state: String,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    view! {
        <div class="version" data-node=format!("{node:?}")>
            <b>{node.label_in(zh)}</b>
            {blocks_view(c, RwSignal::new(Focus::default()), vec![Block::Sheet(chain)])}
            {settle}
            <p>{state}</p>
            {(!lines.is_empty()).then(|| view! {
                <form class="actions" data-testid=format!("sign-{node:?}") on:submit=move |ev| {
                    let f = FormValues::of(&ev);
                    let sign = SignOff::CHAIN.into_iter().find(|x| format!("{x:?}") == f.get("sign")).unwrap_or(SignOff::Recheck);
                    send(c, Ok(Command::Sign { case: case_id(), node, sign }), err, ok, c.t("已签字", "Signed"));
                }>
                    <select name="sign" aria-label=c.t("签字栏", "Line to sign")>
                        {lines.into_iter().map(|x| view! { <option value=format!("{x:?}") selected=x == next>{x.label_in(zh)}</option> }).collect_view()}
                    </select>
                    <button type="submit">{c.t("以当前用户签字", "Sign as me")}</button>
                </form>
            })}
            {submit.then(|| view! {
                <form class="actions" data-testid=format!("submit-{node:?}") on:submit=move |ev| {
                    let f = FormValues::of(&ev);
                    let cmd = f.date("on").map(|on| Command::Submit { case: case_id(), node, on });
                    send(c, cmd, err, ok, c.t("已提交", "Submitted"));
                }>
                    <input type="date" name="on" aria-label=c.t("提交日期", "Submitted on") value=today().to_string() />
                    <button type="submit">{node.label_in(zh)}</button>
                </form>
            })}
        </div>
    }
}
