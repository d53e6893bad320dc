//! The W4 decider: cadres and posts, the "1+8" gates in strict order, corrections
//! (which also resolve conflicts), disclosures, re-check, sign-off, submission and
//! ending a case without appointment.

use chrono::{Datelike, NaiveDate};

use super::rules::{not_future, text, unknown, validate};
use super::state::{Case, Versions};
use super::{
    CadreProfile, Ending, Finding, PersonalMatters, Round, SignOff, Step, StepRecord, Submission,
};
use crate::domain::calendar::WorkCalendar;
use crate::domain::event::{EventBody, Role};
use crate::domain::id;
use crate::domain::policy::Policy;
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation as V;

/// What a user asks to do in W4.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add a cadre, or record a new version of a cadre's profile replacing the
    /// versions the user saw (`supersedes`; empty for a new cadre) (admin).
    RecordCadre {
        cadre: String,
        profile: CadreProfile,
        supersedes: Vec<String>,
    },
    /// Add a post, or a new version replacing the ones the user saw (admin).
    RecordPost {
        post: String,
        unit: String,
        title: String,
        quota: u32,
        supersedes: Vec<String>,
    },
    /// Open a selection case for posts (recorder).
    OpenCase {
        case: String,
        title: String,
        posts: Vec<String>,
        on: NaiveDate,
    },
    /// Record a step's form (recorder). Computed fields (`extended`, `passed`, the
    /// publicity `end`) are filled in by the rules, whatever was sent.
    Record { case: String, record: StepRecord },
    /// Correct recorded forms: a new record of the same form naming the live ones it
    /// replaces, with a reason (recorder). Naming every record of a conflict
    /// resolves it.
    Correct {
        case: String,
        supersedes: Vec<String>,
        record: StepRecord,
        reason: String,
    },
    /// Record a disclosure of a cadre's matters starting on `start` (recorder).
    Disclose {
        case: String,
        cadre: String,
        round: Round,
        start: NaiveDate,
        matters: PersonalMatters,
    },
    /// Re-check or sign a case's record for a submission node, as the acting user.
    Sign {
        case: String,
        node: Submission,
        sign: SignOff,
    },
    /// Submit a case's record (approver).
    Submit {
        case: String,
        node: Submission,
        on: NaiveDate,
    },
    /// End a case without (further) appointment, with the reason (recorder).
    EndCase {
        case: String,
        on: NaiveDate,
        ending: Ending,
        reason: String,
    },
}

impl Command {
    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Command::RecordCadre { .. } | Command::RecordPost { .. } => &[Role::Admin],
            Command::OpenCase { .. }
            | Command::Record { .. }
            | Command::Correct { .. }
            | Command::Disclose { .. }
            | Command::EndCase { .. } => &[Role::Recorder],
            Command::Sign { sign, .. } => sign.roles(),
            Command::Submit { .. } => &[Role::Approver],
        }
    }
}

fn role_violation(role: Role, allowed: &[Role]) -> V {
    let zh: Vec<&str> = allowed.iter().map(|r| r.label(true)).collect();
    let en: Vec<&str> = allowed.iter().map(|r| r.label(false)).collect();
    V::new(
        "auth.role",
        format!(
            "“{}”无权进行此操作，需要：{}",
            role.label(true),
            zh.join("、")
        ),
        format!(
            "A {} may not do this; it needs: {}",
            role.label(false),
            en.join(", ")
        ),
    )
}

fn case_id(case: &str) -> Result<(), V> {
    id::check(case, "case", "事项编号", "Case id")
}

/// Validate `cmd` by `actor` against `state` and the policy in force; return the
/// events to record.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    if !cmd.roles().contains(&actor.role) {
        return Err(role_violation(actor.role, cmd.roles()));
    }
    let policy = state.policies.at(actor.today);
    let body = match cmd {
        Command::RecordCadre {
            cadre,
            profile,
            supersedes,
        } => record_cadre(state, cadre, profile, supersedes, actor.today)?,
        Command::RecordPost {
            post,
            unit,
            title,
            quota,
            supersedes,
        } => record_post(state, post, &unit, &title, quota, supersedes)?,
        Command::OpenCase {
            case,
            title,
            posts,
            on,
        } => open(state, case, title, posts, on, actor.today)?,
        Command::Record { case, record } => {
            let c = open_case(state, &case)?;
            check_order(c, record.step(), &policy)?;
            let record = validate(state, c, record, &[], &policy, actor.today)?;
            EventBody::W4StepRecorded {
                case,
                record,
                supersedes: vec![],
                reason: String::new(),
            }
        }
        Command::Correct {
            case,
            supersedes,
            record,
            reason,
        } => correct(state, case, supersedes, record, reason, &policy, actor)?,
        Command::Disclose {
            case,
            cadre,
            round,
            start,
            matters,
        } => {
            let c = open_case(state, &case)?;
            disclose(c, &cadre, round, start, actor.today)?;
            let window = WorkCalendar::new(&policy)
                .add_working_days(start, policy.w4.disclosure_working_days);
            EventBody::W4Disclosed {
                case,
                cadre,
                round,
                start: window.start,
                end: window.end,
                matters,
            }
        }
        Command::Sign { case, node, sign } => {
            let c = any_case(state, &case)?;
            sign_rules(c, node, sign, &policy, actor)?;
            EventBody::W4Signed {
                over: c.digest(node),
                case,
                node,
                sign,
                signer: actor.name.clone(),
                on: actor.today,
            }
        }
        Command::Submit { case, node, on } => {
            let c = any_case(state, &case)?;
            submit_rules(c, node, on, actor.today)?;
            EventBody::W4Submitted {
                over: c.digest(node),
                case,
                node,
                on,
            }
        }
        Command::EndCase {
            case,
            on,
            ending,
            reason,
        } => {
            let c = open_case(state, &case)?;
            let reason = text(&reason, "reason", "终止原因", "Reason")?;
            end_rules(c, on, ending, actor.today)?;
            EventBody::W4CaseEnded {
                case,
                on,
                ending,
                reason,
            }
        }
    };
    Ok(vec![body])
}

/// The versions a new version replaces: each must be a version of the same thing,
/// and an existing thing is only changed by naming what the user saw.
fn replaced<T>(versions: Option<&Versions<T>>, mut named: Vec<String>) -> Result<Vec<String>, V> {
    named.sort();
    named.dedup();
    let exists = versions.is_some_and(|v| !v.all.is_empty());
    if named.is_empty() && exists {
        return Err(V::new(
            "w4.duplicate",
            "该编号已存在；修改请在列表中点“编辑”",
            "This id exists already; use “Edit” in the list to change it",
        ));
    }
    if named
        .iter()
        .any(|id| !versions.is_some_and(|v| v.all.contains_key(id)))
    {
        return Err(V::new(
            "w4.correct_target",
            "要更新的版本不存在",
            "The version to replace does not exist",
        ));
    }
    Ok(named)
}

fn record_post(
    state: &State,
    post: String,
    unit: &str,
    title: &str,
    quota: u32,
    supersedes: Vec<String>,
) -> Result<EventBody, V> {
    id::check(&post, "post", "职位编号", "Post id")?;
    let unit = text(unit, "unit", "单位", "Unit")?;
    let title = text(title, "title", "职务名称", "Post title")?;
    if quota == 0 {
        return Err(V::new("w4.quota", "职数必须大于 0", "Quota must be positive").on("quota"));
    }
    let supersedes = Some(replaced(state.w4.posts.get(&post), supersedes)?);
    Ok(EventBody::PostRecorded {
        post,
        unit,
        title,
        quota,
        supersedes,
    })
}

fn record_cadre(
    state: &State,
    cadre: String,
    mut profile: CadreProfile,
    supersedes: Vec<String>,
    today: NaiveDate,
) -> Result<EventBody, V> {
    id::check(&cadre, "cadre", "干部编号", "Cadre id")?;
    profile.name = text(&profile.name, "name", "姓名", "Name")?;
    profile_dates(&profile, today)?;
    for p in profile.positions.iter().filter(|p| !p.post.is_empty()) {
        id::check(&p.post, "positions", "职位编号", "Post id")?;
    }
    let f = &profile.flags;
    if f.children_emigrated > f.children || (!f.has_spouse && f.spouse_emigrated) {
        return Err(V::new(
            "w4.family",
            "家庭成员移居情况与家庭成员数不符",
            "Family emigration does not match the family",
        ));
    }
    let supersedes = Some(replaced(state.w4.cadres.get(&cadre), supersedes)?);
    Ok(EventBody::CadreRecorded {
        cadre,
        profile,
        supersedes,
    })
}

fn dates_error(zh: String, en: String, field: &str) -> V {
    V::new("w4.dates", zh, en).on(field)
}

/// A profile's dates make sense: born before starting work or joining the party, none
/// of them in the future, positions after birth and ending after they start, grades
/// for years lived.
fn profile_dates(p: &CadreProfile, today: NaiveDate) -> Result<(), V> {
    not_future(p.birth, today, "birth")?;
    not_future(p.work_start, today, "work_start")?;
    if let Some(join) = p.party_join {
        not_future(join, today, "party_join")?;
    }
    if p.work_start < p.birth || p.party_join.is_some_and(|j| j < p.birth) {
        return Err(dates_error(
            "参加工作、入党时间不能早于出生日期".into(),
            "Work and party dates cannot precede the birth date".into(),
            "work_start",
        ));
    }
    for x in &p.positions {
        if x.start < p.birth || x.start > today || x.end.is_some_and(|e| e < x.start) {
            return Err(dates_error(
                format!(
                    "任职经历“{}”的日期有误：须在出生之后、今天之前，且结束不早于开始",
                    x.title
                ),
                format!(
                    "Position {}: dates must fall after birth and by today, ending after the start",
                    x.title
                ),
                "positions",
            ));
        }
    }
    if let Some(y) = p
        .grades
        .keys()
        .find(|y| **y < p.birth.year() || **y > today.year())
    {
        return Err(dates_error(
            format!("{y} 年度考核等次的年份有误"),
            format!("The year {y} of an annual grade is impossible"),
            "grades",
        ));
    }
    Ok(())
}

fn open(
    state: &State,
    case: String,
    title: String,
    posts: Vec<String>,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<EventBody, V> {
    case_id(&case)?;
    let title = text(&title, "title", "选任事项名称", "Case title")?;
    not_future(on, today, "on")?;
    if state
        .w4
        .cases
        .get(&case)
        .is_some_and(|c| c.opened_on.is_some())
    {
        return Err(V::new(
            "w4.duplicate",
            "该选任事项已存在",
            "This case exists already",
        ));
    }
    if posts.is_empty() {
        return Err(
            V::new("w4.posts", "请至少选择一个职位", "Choose at least one post").on("posts"),
        );
    }
    for (i, p) in posts.iter().enumerate() {
        id::check(p, "posts", "职位编号", "Post id")?;
        if state.w4.post(p).is_none() {
            return Err(unknown("post", p));
        }
        if posts.get(..i).is_some_and(|before| before.contains(p)) {
            return Err(V::new(
                "w4.posts",
                "同一职位不能重复列入",
                "A post is listed twice",
            ));
        }
    }
    Ok(EventBody::W4CaseOpened {
        case,
        title,
        posts,
        opened_on: on,
    })
}

fn correct(
    state: &State,
    case: String,
    mut supersedes: Vec<String>,
    record: StepRecord,
    reason: String,
    policy: &Policy,
    actor: &Actor,
) -> Result<EventBody, V> {
    let c = open_case(state, &case)?;
    let reason = text(&reason, "reason", "更正理由", "Reason for the correction")?;
    supersedes.sort();
    supersedes.dedup();
    let missing_target = || {
        V::new(
            "w4.correct_target",
            "要更正的记录不存在或已被更正",
            "The record to correct does not exist or was already corrected",
        )
    };
    if supersedes.is_empty() {
        return Err(missing_target());
    }
    let live = c.live();
    for id in &supersedes {
        id::check(id, "supersedes", "记录编号", "Record id")?;
        let old = live
            .iter()
            .find(|e| &e.id == id)
            .ok_or_else(missing_target)?;
        if old.record.form() != record.form() {
            return Err(V::new(
                "w4.correct_form",
                "更正记录须与原记录为同一表单",
                "A correction must use the same form as the record it corrects",
            ));
        }
    }
    let record = validate(state, c, record, &supersedes, policy, actor.today)?;
    Ok(EventBody::W4StepRecorded {
        case,
        record,
        supersedes,
        reason,
    })
}

fn disclose(
    c: &Case,
    cadre: &str,
    round: Round,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<(), V> {
    id::check(cadre, "cadre", "干部编号", "Cadre id")?;
    not_future(start, today, "start")?;
    let targeted = c.target_dates();
    let Some(target_on) = targeted.get(cadre) else {
        return Err(V::new(
            "w4.disclosure_round",
            "只有考察对象的有关事项才能公开",
            "Only an inspection target's matters are disclosed",
        ));
    };
    let decided = c.decided().get(cadre).map(|d| d.1);
    let in_order = match round {
        Round::First => start >= *target_on && decided.is_none_or(|d| start < d),
        Round::Second => decided.is_some_and(|d| start >= d),
    };
    if !in_order {
        return Err(match round {
            Round::First => V::new(
                "w4.disclosure_round",
                "第一次公开须在确定为考察对象之后、常委会讨论决定之前",
                "The first disclosure falls after becoming a target and before the decision",
            ),
            Round::Second => V::new(
                "w4.disclosure_round",
                "第二次公开须在讨论决定之后",
                "The second disclosure falls after the decision",
            ),
        });
    }
    if c.disclosures
        .values()
        .any(|d| d.cadre == cadre && d.round == round)
    {
        return Err(V::new(
            "w4.duplicate",
            "该次公开已记录",
            "This disclosure is recorded already",
        ));
    }
    Ok(())
}

/// A case that is open and has not ended (every step command needs one).
fn open_case<'a>(state: &'a State, case: &str) -> Result<&'a Case, V> {
    let c = any_case(state, case)?;
    if let Some(end) = c.ended() {
        return Err(V::new(
            "w4.case_ended",
            format!(
                "该选任事项已于 {} 终止（{}），不能再记录",
                end.on,
                end.ending.label(true)
            ),
            format!(
                "This case ended on {} ({}); nothing more can be recorded",
                end.on,
                end.ending.label(false)
            ),
        ));
    }
    Ok(c)
}

/// An opened case, ended or not (its record can still be signed and submitted).
fn any_case<'a>(state: &'a State, case: &str) -> Result<&'a Case, V> {
    case_id(case)?;
    state
        .w4
        .cases
        .get(case)
        .filter(|c| c.opened_on.is_some())
        .ok_or_else(|| V::new("w4.no_case", "未找到该选任事项", "No such case"))
}

/// Strict order: a record of `step` is accepted when `step` is the step reached, or the
/// next one once the reached step is complete; never while an earlier step holds a
/// conflict.
fn check_order(c: &Case, step: Step, policy: &Policy) -> Result<(), V> {
    if let Some(m) = Step::ALL
        .into_iter()
        .filter(|s| *s < step)
        .flat_map(|s| c.missing(s, &policy.w4))
        .find(|m| m.code == "w4.conflict")
    {
        return Err(V::new(m.code, m.zh, m.en));
    }
    let reached = c.reached();
    let next = match reached {
        None => Step::Qualification,
        Some(r) if step == r => return Ok(()),
        Some(r) if step < r => return Err(order_back(r, step)),
        Some(r) => {
            if let Some(m) = c.missing(r, &policy.w4).first() {
                if step.previous() == Some(r) {
                    return Err(V::new(
                        m.code,
                        format!(
                            "「{}」未完成，不能进入「{}」：{}",
                            r.label(true),
                            step.label(true),
                            m.zh
                        ),
                        format!(
                            "{} is not complete, so {} cannot start: {}",
                            r.label(false),
                            step.label(false),
                            m.en
                        ),
                    ));
                }
            }
            Step::ALL.get(r.index() + 1).copied().unwrap_or(r)
        }
    };
    if step != next {
        return Err(V::new(
            "w4.order_skip",
            format!(
                "不能跳过环节：下一环节是「{}」，不能直接记录「{}」",
                next.label(true),
                step.label(true)
            ),
            format!(
                "Steps cannot be skipped: the next step is {}, not {}",
                next.label(false),
                step.label(false)
            ),
        ));
    }
    Ok(())
}

fn order_back(reached: Step, step: Step) -> V {
    V::new(
        "w4.order_back",
        format!(
            "本事项已进行到「{}」，不能回到「{}」补记；如需更正原记录，请提交更正并说明理由",
            reached.label(true),
            step.label(true)
        ),
        format!(
            "The case is at {}; it cannot go back to {} (record a correction instead)",
            reached.label(false),
            step.label(false)
        ),
    )
}

/// Signing: the record complete and free of conflicts up to the node's last step, the
/// chain in order over the records as they stand, the re-check by someone other than
/// the recorders, no one signing twice.
fn sign_rules(
    c: &Case,
    node: Submission,
    sign: SignOff,
    policy: &Policy,
    actor: &Actor,
) -> Result<(), V> {
    for step in Step::ALL.into_iter().filter(|s| *s <= node.last_step()) {
        if let Some(m) = c.missing(step, &policy.w4).first() {
            return Err(V::new(
                "w4.incomplete",
                format!("纪实记录不完整，不能签字：{}", m.zh),
                format!("The record is incomplete and cannot be signed: {}", m.en),
            ));
        }
    }
    let signed = c.signed(node);
    if signed.contains_key(&sign) {
        return Err(V::new(
            "w4.duplicate",
            format!("「{}」已签字", sign.label()),
            "Already signed",
        ));
    }
    let pos = SignOff::CHAIN.iter().position(|s| *s == sign).unwrap_or(0);
    let prev = pos
        .checked_sub(1)
        .and_then(|i| SignOff::CHAIN.get(i))
        .copied();
    if let Some(prev) = prev.filter(|p| !signed.contains_key(p)) {
        return Err(V::new(
            "w4.sign_order",
            format!(
                "须先由「{}」签字，再由「{}」签字",
                prev.label(),
                sign.label()
            ),
            format!("{prev:?} must sign before {sign:?}"),
        ));
    }
    if sign == SignOff::Recheck && c.recorders().contains(actor.name.as_str()) {
        return Err(V::new(
            "w4.recheck_self",
            "复核须由记录人以外的工作人员进行",
            "The re-check must be done by someone other than the recorder",
        ));
    }
    if signed.values().any(|s| s.signer == actor.name) {
        return Err(V::new(
            "w4.same_signer",
            "同一人不能在纪实表上签两次",
            "One person cannot sign the record twice",
        ));
    }
    Ok(())
}

fn submit_date(zh: String, en: String) -> V {
    V::new("w4.submit_date", zh, en).on("on")
}

/// Submitting: the chain signed over the records as they stand, the initial node
/// before the second, dated after what it covers and not in the future.
fn submit_rules(c: &Case, node: Submission, on: NaiveDate, today: NaiveDate) -> Result<(), V> {
    if c.submission(node).is_some() {
        return Err(V::new(
            "w4.duplicate",
            format!("已{}", node.label()),
            "Already submitted",
        ));
    }
    if node == Submission::Second && c.submission(Submission::Initial).is_none() {
        return Err(V::new(
            "w4.submit_order",
            "须先初次提交（内容更正后须重新签字并初次提交）",
            "The initial submission comes first (again, after a correction)",
        ));
    }
    let signed = c.signed(node);
    if let Some(s) = SignOff::CHAIN.iter().find(|s| !signed.contains_key(s)) {
        return Err(V::new(
            "w4.unsigned",
            format!(
                "「{}」尚未签字（或内容更正后尚未重新签字），不能提交",
                s.label()
            ),
            format!("{s:?} has not signed (or not again since a correction)"),
        ));
    }
    not_future(on, today, "on")?;
    let covered = match node {
        Submission::Initial => c.decision_date(),
        Submission::Second => c.appointed().values().map(|a| a.1).max(),
    };
    if let Some(d) = covered.filter(|d| on < *d) {
        let (zh, en) = match node {
            Submission::Initial => ("讨论决定", "decision"),
            Submission::Second => ("任职", "appointment"),
        };
        return Err(submit_date(
            format!("{}日期不能早于{zh}日期 {d}", node.label()),
            format!("The submission cannot precede the {en} of {d}"),
        ));
    }
    if let Some(d) = signed.values().map(|s| s.on).max().filter(|d| on < *d) {
        return Err(submit_date(
            format!("提交日期不能早于签字日期 {d}"),
            format!("The submission cannot precede the signatures of {d}"),
        ));
    }
    Ok(())
}

fn end_reason(zh: &str, en: &str) -> V {
    V::new("w4.end_reason", zh, en).on("ending")
}

/// Ending a case: dated after its last record, before every post is filled, for a
/// reason the record bears out.
fn end_rules(c: &Case, on: NaiveDate, ending: Ending, today: NaiveDate) -> Result<(), V> {
    not_future(on, today, "on")?;
    let last = c
        .live()
        .iter()
        .map(|e| e.record.on())
        .chain(c.opened_on)
        .max();
    if let Some(last) = last.filter(|l| on < *l) {
        return Err(V::new(
            "w4.date_order",
            format!("终止日期不能早于本事项最后一条记录的日期 {last}"),
            format!("The case cannot end before its last record of {last}"),
        )
        .on("on"));
    }
    let appointed = c.appointed();
    if c.posts
        .iter()
        .all(|p| appointed.values().any(|(ap, _)| ap == p))
    {
        return Err(V::new(
            "w4.end_after_appointment",
            "各职位均已任职，事项不能以未任职终止",
            "Every post is filled; the case cannot end without appointment",
        ));
    }
    match ending {
        Ending::ComplaintUpheld => {
            let upheld = c
                .complaints()
                .iter()
                .any(|x| matches!(x.verified, Some((_, Finding::Upheld, _))));
            if !upheld {
                return Err(end_reason(
                    "本事项没有经核实属实、影响任用的举报",
                    "No complaint of this case was upheld",
                ));
            }
        }
        Ending::VoteFailed => {
            let failed = c
                .live()
                .iter()
                .any(|e| matches!(e.record, StepRecord::Vote { passed: false, .. }));
            if !failed || c.decision_date().is_some() {
                return Err(end_reason(
                    "本事项没有未通过的表决（或拟任人选已表决通过）",
                    "No vote of this case failed (or the appointees passed)",
                ));
            }
        }
        Ending::Withdrawn => {}
    }
    Ok(())
}
