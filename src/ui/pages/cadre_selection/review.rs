//! The parts of a W4 case page that settle things: what needs review (two versions of
//! a disclosure, two people on a signature line, an ending in conflict, a post over its
//! quota), disclosures (recorded and corrected), endings (ended, confirmed, withdrawn)
//! and the sign-off chain (signed, settled, submitted). Rules stay in the domain: the
//! page sends commands and shows the domain's reasons.

use leptos::prelude::*;

use super::cadres::sanling_line;
use super::cases::{case_id, matter, MATTERS};
use super::common::{
    act, el, input, lines, render, render_all, select, send, t, table, FormValues, Node,
};
use crate::domain::cadre_selection::{
    disclosures_for, may_see_matters, Action, Case, CaseView, Command, Ending, PersonalMatters,
    Round, SignOff, SignatureState, Submission,
};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::Role;
use crate::store::RecordError;
use crate::ui::components::{FormError, Notice};
use crate::ui::ctx::{today, use_ctx, Ctx};

/// A disclosure correction being entered: the live disclosures it replaces and the
/// one whose content prefills the form.
pub type DisclosureFix = Option<(Vec<String>, String)>;

/// What needs a person's review, with the reason in the chosen language.
pub fn reviews_node(c: Ctx, v: &CaseView) -> Option<Node> {
    if v.reviews.is_empty() {
        return None;
    }
    let zh = c.is_zh();
    let items = v
        .reviews
        .iter()
        .map(|m| el("li", "", vec![t(if zh { &m.zh } else { &m.en }.clone())]))
        .collect();
    let kids = vec![
        el("h2", "warn", vec![t(c.t("需复核", "Needs review"))]),
        el("ul", "hint", items),
    ];
    Some(el("section", "card", kids).attr("data-testid", "reviews"))
}

/// The round's name.
fn round_name(c: Ctx, round: Round) -> &'static str {
    match round {
        Round::First => c.t("第一次公开", "First disclosure"),
        Round::Second => c.t("第二次公开", "Second disclosure"),
    }
}

/// The case's live disclosures as `role` may see them, each with its correction
/// button (for a disclosure in conflict, the button corrects the whole group).
pub fn disclosure_nodes(
    c: Ctx,
    s: &State,
    case: &Case,
    role: Role,
    fixing: RwSignal<DisclosureFix>,
) -> Vec<Node> {
    let zh = c.is_zh();
    let groups: Vec<Vec<String>> = case
        .disclosure_conflicts()
        .iter()
        .map(|g| g.iter().map(|d| d.id.clone()).collect())
        .collect();
    disclosures_for(s, &case.id, role)
        .into_iter()
        .map(|d| {
            let content = match &d.content {
                Some((m, _)) => {
                    let line = s
                        .cadre_selection
                        .cadre(&d.cadre)
                        .map(|p| sanling_line(p, d.start, zh))
                        .unwrap_or_default();
                    let items = MATTERS
                        .iter()
                        .map(|(k, z, e)| (if zh { *z } else { *e }.to_string(), matter(m, k)))
                        .collect();
                    let mut kids = vec![el("div", "", vec![t(line)])];
                    kids.extend(lines(zh, items));
                    el("div", "", kids).attr("data-testid", "matters")
                }
                None => el(
                    "div",
                    "hint",
                    vec![t(c.t(
                        "已公开（内容仅限记录人、审核人、审批人查看）",
                        "Disclosed (content visible to recorder, reviewers and approver only)",
                    ))],
                )
                .attr("data-testid", "matters-hidden"),
            };
            let title = format!(
                "{} · {} · {} – {}",
                d.name,
                round_name(c, d.round),
                d.start,
                d.end
            );
            let group = groups
                .iter()
                .find(|g| g.contains(&d.id))
                .cloned()
                .unwrap_or_else(|| vec![d.id.clone()]);
            let label = if group.len() > 1 {
                c.t("以此为准更正", "Correct, keeping this one")
            } else {
                c.t("更正", "Correct")
            };
            let fix = (group, d.id.clone());
            let mut kids = vec![el("b", "", vec![t(title)]), content];
            if Action::Record.allows(role) {
                kids.push(act(label, move || fixing.set(Some(fix.clone()))));
            }
            el("div", "version", kids).attr("data-disclosure", d.id.clone())
        })
        .collect()
}

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
pub fn DiscloseForm(
    targets: Vec<(String, String)>,
    fixing: RwSignal<DisclosureFix>,
) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    let err = RwSignal::new(None::<RecordError>);
    let ok = RwSignal::new(String::new());
    let rounds = rounds(c);
    let body = move || {
        let fix = fixing.get();
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
                fixing.set(None);
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
                    {MATTERS.iter().map(|&(k, z, e)| input(if zh { z } else { e }, k, "text", matter(&m, k), err)).collect_view()}
                    <FormError err />
                    <Notice msg=ok err />
                    <button type="submit" class="primary">{if correcting { c.t("提交更正", "Submit correction") } else { c.t("记录公开", "Record disclosure") }}</button>
                </form>
            </details>
        }
    };
    view! { <div>{body}</div> }
}

/// An ending's line: why, when, the reason, who.
pub fn ending_text(c: Ctx, e: &crate::domain::cadre_selection::Ended) -> String {
    format!(
        "{}{} · {} · {} · {}",
        c.t("本事项已终止（未任职）：", "Ended without appointment: "),
        e.ending.label(c.is_zh()),
        e.on,
        e.reason,
        e.author
    )
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

/// One line of a node's chain as shown: who counts, or why a signature does not.
pub fn line_text(c: Ctx, case: &Case, node: Submission, line: SignOff) -> String {
    let zh = c.is_zh();
    let states = case.signature_states(node);
    let mine: Vec<_> = states.iter().filter(|(s, _)| s.sign == line).collect();
    if let Some((s, _)) = mine.iter().find(|(_, st)| *st == SignatureState::Valid) {
        return format!("{} · {}", s.signer, s.on);
    }
    let shown: Vec<String> = mine
        .iter()
        .filter(|(_, st)| *st != SignatureState::Withdrawn)
        .map(|(s, st)| {
            let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
            format!("{} · {}{open}{}{close}", s.signer, s.on, st.reason(zh))
        })
        .collect();
    if shown.is_empty() {
        c.t("待签", "pending").to_string()
    } else {
        shown.join(if zh { "；" } else { "; " })
    }
}

fn submission_text(c: Ctx, case: &Case, node: Submission) -> String {
    match (case.submission(node), case.submitted(node)) {
        (Some(x), _) => format!("{}{}", c.t("已提交：", "Submitted: "), x.on),
        (None, Some(first)) => format!(
            "{}{first}{}",
            c.t("曾于 ", "Submitted on "),
            c.t(
                " 提交，其后内容有更正，须重新签字并再次提交",
                "; the record changed since: sign and submit again"
            )
        ),
        (None, None) => c.t("尚未提交", "Not submitted").to_string(),
    }
}

/// Two people on one line: who, when, where, and the button by which the right
/// signer signs it again, replacing the others.
fn settle_nodes(
    c: Ctx,
    case: &Case,
    (node, role): (Submission, Role),
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> Vec<Node> {
    let zh = c.is_zh();
    case.signature_conflicts(node)
        .into_iter()
        .map(|(line, sigs)| {
            let who: Vec<String> = sigs
                .iter()
                .map(|s| {
                    format!(
                        "{} · {} · {} · {}",
                        s.signer,
                        s.role.label(zh),
                        s.device,
                        format_beijing(s.recorded_at)
                    )
                })
                .collect();
            let ids: Vec<String> = sigs.iter().map(|s| s.id.clone()).collect();
            let head = format!(
                "{}{}{}",
                c.t("「", ""),
                line.label_in(zh),
                c.t("」栏有两人签字：", " line signed by two people:")
            );
            let button = act(
                c.t("以我为准重新签字", "Sign again, replacing the others"),
                move || {
                    let cmd = Command::ResolveSignatures {
                        case: case_id(),
                        node,
                        sign: line,
                        supersedes: ids.clone(),
                    };
                    send(c, Ok(cmd), err, ok, c.t("已签字", "Signed"));
                },
            );
            let items = who.into_iter().map(|w| el("li", "", vec![t(w)])).collect();
            let mut kids = vec![t(head), el("ul", "", items)];
            if Action::Sign(line).allows(role) {
                kids.push(button);
            }
            el("div", "version warn", kids).attr("data-testid", "sign-conflict")
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
                    line_text(c, case, node, line),
                ]
            })
            .collect();
        let settle = settle_nodes(c, case, (node, role), err, ok);
        let state = submission_text(c, case, node);
        let lines = lines.clone();
        view! { <SignNode node next lines submit rows settle state err ok /> }
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
    rows: Vec<Vec<String>>,
    settle: Vec<Node>,
    state: String,
    err: RwSignal<Option<RecordError>>,
    ok: RwSignal<String>,
) -> impl IntoView {
    let c = use_ctx();
    let zh = c.is_zh();
    view! {
        <div class="version" data-node=format!("{node:?}")>
            <b>{node.label_in(zh)}</b>
            {render(table("chain", vec![c.t("环节", "Link").into(), c.t("签字", "Signature").into()], rows))}
            {render_all(settle)}
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
