//! The W4 decider: cadres and posts, the "1+8" gates in strict order, corrections
//! (which also resolve conflicts), disclosures and their corrections, re-check,
//! sign-off (and settling two signatures of one line), submission, and ending a case
//! without appointment (and correcting or withdrawing the ending).

use super::CadreSelectionEvent;
use crate::domain::sorting;
use chrono::{Datelike, NaiveDate};

use super::disclosure::{corrected_disclosures, disclosure_rules};
use super::ending::{end_rules, revised_endings};
use super::gates::Names;
use super::rules::{not_future, text, unknown, validate};
use super::signoff::{replaced_signatures, sign_rules, submit_rules};
use super::state::{Case, Versions};
use super::{CadreProfile, Ending, PersonalMatters, Round, SignOff, Step, StepRecord, Submission};
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
    /// Correct disclosures: a new disclosure of the same cadre and round naming the
    /// live ones it replaces, with a reason (recorder). Naming every disclosure of a
    /// conflict resolves it.
    CorrectDisclosure {
        case: String,
        supersedes: Vec<String>,
        cadre: String,
        round: Round,
        start: NaiveDate,
        matters: PersonalMatters,
        reason: String,
    },
    /// Sign a line again as the acting user, replacing the competing signatures of
    /// that line named in `supersedes` (two people signed it on different phones).
    ResolveSignatures {
        case: String,
        node: Submission,
        sign: SignOff,
        supersedes: Vec<String>,
    },
    /// Correct or withdraw the live endings named in `supersedes`: `ending` Some =
    /// the case ended (having seen every record), None = it did not end and goes on
    /// (recorder).
    ReviseEnding {
        case: String,
        supersedes: Vec<String>,
        on: NaiveDate,
        ending: Option<Ending>,
        reason: String,
    },
}

/// What a user may do on the W4 pages, asked before a form is shown: who may is
/// what [`decide`] enforces ([`Command::roles`] is the action's roles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record cadres and posts (master data).
    MasterData,
    /// Open a case; record, correct, disclose, end a case.
    Record,
    /// Sign this line of a 纪实表 (or sign it again to settle two signatures).
    Sign(SignOff),
    /// Submit a case's record.
    Submit,
}

impl Action {
    /// Roles that may take this action.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::MasterData => &[Role::Admin],
            Action::Record => &[Role::Recorder],
            Action::Sign(line) => line.roles(),
            Action::Submit => &[Role::Approver],
        }
    }

    /// Whether a user acting as `role` may take this action.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words, for a user who may not: "只有县委组织部管理员可以录入干部信息和职位".
    pub fn only(self) -> V {
        let (zh, en) = match self {
            Action::MasterData => ("录入干部信息和职位", "record cadres and posts"),
            Action::Record => ("记录选任事项", "record a selection case"),
            Action::Sign(_) => ("在纪实表上签字", "sign the record"),
            Action::Submit => ("提交纪实表", "submit the record"),
        };
        crate::domain::access::only_roles(self.roles(), zh, en)
    }
}

impl Command {
    /// The action this command takes.
    pub fn action(&self) -> Action {
        match self {
            Command::RecordCadre { .. } | Command::RecordPost { .. } => Action::MasterData,
            Command::OpenCase { .. }
            | Command::Record { .. }
            | Command::Correct { .. }
            | Command::Disclose { .. }
            | Command::CorrectDisclosure { .. }
            | Command::EndCase { .. }
            | Command::ReviseEnding { .. } => Action::Record,
            Command::Sign { sign, .. } | Command::ResolveSignatures { sign, .. } => {
                Action::Sign(*sign)
            }
            Command::Submit { .. } => Action::Submit,
        }
    }

    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        self.action().roles()
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
        Command::Record { case, record } => record_step(state, case, record, &policy, actor)?,
        Command::Correct {
            case,
            supersedes,
            record,
            reason,
        } => correct(state, case, supersedes, record, reason, &policy, actor)?,
        cmd @ (Command::Disclose { .. } | Command::CorrectDisclosure { .. }) => {
            disclose(state, cmd, &policy, actor)?
        }
        cmd @ (Command::Sign { .. } | Command::ResolveSignatures { .. }) => {
            sign(state, cmd, &policy, actor)?
        }
        Command::Submit { case, node, on } => {
            let c = any_case(state, &case)?;
            submit_rules(&state.cadre_selection, c, node, on, actor.today)?;
            EventBody::CadreSelection(CadreSelectionEvent::Submitted {
                over: c.digest(node),
                annex: c.annex_digest(node),
                case,
                node,
                on,
            })
        }
        cmd @ (Command::EndCase { .. } | Command::ReviseEnding { .. }) => end(state, cmd, actor)?,
    };
    Ok(vec![body])
}

fn record_step(
    state: &State,
    case: String,
    record: StepRecord,
    policy: &Policy,
    actor: &Actor,
) -> Result<EventBody, V> {
    let c = open_case(state, &case)?;
    check_order(state, c, record.step(), policy)?;
    let record = validate(state, c, record, &[], policy, actor.today)?;
    Ok(EventBody::CadreSelection(
        CadreSelectionEvent::StepRecorded {
            case,
            record: record.into(),
            supersedes: vec![],
            reason: String::new(),
        },
    ))
}

/// A disclosure, or the correction of disclosures, with its working-day window.
fn disclose(state: &State, cmd: Command, policy: &Policy, actor: &Actor) -> Result<EventBody, V> {
    let (case, supersedes, cadre, round, start, matters, reason) = match cmd {
        Command::Disclose {
            case,
            cadre,
            round,
            start,
            matters,
        } => (case, vec![], cadre, round, start, matters, String::new()),
        Command::CorrectDisclosure {
            case,
            supersedes,
            cadre,
            round,
            start,
            matters,
            reason,
        } => (case, supersedes, cadre, round, start, matters, reason),
        _ => return Err(V::new("w4.command", "无法处理该操作", "Cannot do this")),
    };
    let c = open_case(state, &case)?;
    let (replacing, reason) = if supersedes.is_empty() {
        (vec![], reason)
    } else {
        corrected_disclosures(c, &cadre, round, supersedes, &reason)?
    };
    disclosure_rules(c, &cadre, round, start, &replacing, policy, actor.today)?;
    let window = WorkCalendar::new(policy)
        .add_working_days(start, policy.cadre_selection.disclosure_working_days);
    Ok(EventBody::CadreSelection(CadreSelectionEvent::Disclosed {
        supersedes: replacing.iter().map(|d| d.id.clone()).collect(),
        case,
        cadre,
        round,
        start: window.start,
        end: window.end,
        matters: matters.into(),
        reason,
    }))
}

/// A signature, or a signature replacing the competing ones of its line.
fn sign(state: &State, cmd: Command, policy: &Policy, actor: &Actor) -> Result<EventBody, V> {
    let (case, node, sign, named) = match cmd {
        Command::Sign { case, node, sign } => (case, node, sign, vec![]),
        Command::ResolveSignatures {
            case,
            node,
            sign,
            supersedes,
        } => (case, node, sign, supersedes),
        _ => return Err(V::new("w4.command", "无法处理该操作", "Cannot do this")),
    };
    let c = any_case(state, &case)?;
    let supersedes = if named.is_empty() {
        named
    } else {
        replaced_signatures(c, node, sign, named)?
    };
    sign_rules(
        &state.cadre_selection,
        c,
        node,
        sign,
        &supersedes,
        policy,
        actor,
    )?;
    Ok(EventBody::CadreSelection(CadreSelectionEvent::Signed {
        over: c.digest(node),
        annex: c.annex_digest(node),
        case,
        node,
        sign,
        signer: actor.name.clone(),
        on: actor.today,
        supersedes,
    }))
}

/// An ending, or the correction (or withdrawal) of endings.
fn end(state: &State, cmd: Command, actor: &Actor) -> Result<EventBody, V> {
    let (case, on, ending, reason, supersedes) = match cmd {
        Command::EndCase {
            case,
            on,
            ending,
            reason,
        } => {
            let c = open_case(state, &case)?;
            let reason = end_rules(c, on, ending, &reason, actor.today)?;
            (case, on, ending, reason, vec![])
        }
        Command::ReviseEnding {
            case,
            supersedes,
            on,
            ending,
            reason,
        } => {
            let c = any_case(state, &case)?;
            let supersedes = revised_endings(c, supersedes)?;
            let (ending, reason) = match ending {
                Some(e) => (e, end_rules(c, on, e, &reason, actor.today)?),
                None => (Ending::Revoked, revoke_rules(on, &reason, actor.today)?),
            };
            (case, on, ending, reason, supersedes)
        }
        _ => return Err(V::new("w4.command", "无法处理该操作", "Cannot do this")),
    };
    let over = any_case(state, &case)?.digest_all();
    Ok(EventBody::CadreSelection(CadreSelectionEvent::CaseEnded {
        case,
        on,
        ending,
        reason,
        over,
        supersedes,
    }))
}

/// Withdrawing an ending: a reason in words, dated by today.
fn revoke_rules(on: NaiveDate, reason: &str, today: NaiveDate) -> Result<String, V> {
    let reason = text(reason, "reason", "撤销终止的理由", "Reason")?;
    not_future(on, today, "on")?;
    Ok(reason)
}

/// The versions a new version replaces: each must be a version of the same thing,
/// and an existing thing is only changed by naming what the user saw.
fn replaced<T>(versions: Option<&Versions<T>>, mut named: Vec<String>) -> Result<Vec<String>, V> {
    sorting::sort(&mut named);
    named.dedup();
    let exists = versions.is_some_and(|v| !v.is_empty());
    if named.is_empty() && exists {
        return Err(V::new(
            "w4.duplicate",
            "该编号已存在；修改请在列表中点“编辑”",
            "This id exists already; use “Edit” in the list to change it",
        ));
    }
    if named
        .iter()
        .any(|id| !versions.is_some_and(|v| v.contains(id)))
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
    let (unit, title, quota) =
        post_fields(unit, title, Ok(quota)).map_err(|mut all| all.remove(0))?;
    let supersedes = Some(replaced(
        state.cadre_selection.posts.get(&post),
        supersedes,
    )?);
    Ok(EventBody::CadreSelection(
        CadreSelectionEvent::PostRecorded {
            post,
            unit,
            title,
            quota,
            supersedes,
        },
    ))
}

/// A post's fields: a unit and a title in words, a quota of at least one; every
/// field's message at once.
fn post_fields(
    unit: &str,
    title: &str,
    quota: Result<u32, V>,
) -> Result<(String, String, u32), Vec<V>> {
    let unit = text(unit, "unit", "单位", "Unit");
    let title = text(title, "title", "职务名称", "Post title");
    let quota = quota.and_then(|q| match q {
        0 => Err(V::new("w4.quota", "职数必须大于 0", "Quota must be positive").on("quota")),
        q => Ok(q),
    });
    match (unit, title, quota) {
        (Ok(u), Ok(t), Ok(q)) => Ok((u, t, q)),
        (u, t, q) => Err(u.err().into_iter().chain(t.err()).chain(q.err()).collect()),
    }
}

/// The post form as typed (unit, title, quota): the post's fields, or every field's
/// message at once.
pub fn parse_post_form(
    unit: &str,
    title: &str,
    quota: &str,
) -> Result<(String, String, u32), Vec<V>> {
    post_fields(
        unit,
        title,
        crate::domain::master::parse_count(quota, "quota"),
    )
}

/// The rules of a cadre's profile on its own (a name; dates that make sense; a family
/// whose emigrated members it has): every field's message at once. Recording a cadre
/// refuses with the first of them.
pub fn cadre_problems(p: &CadreProfile, today: NaiveDate) -> Vec<V> {
    let mut out: Vec<V> = text(&p.name, "name", "姓名", "Name")
        .err()
        .into_iter()
        .collect();
    out.extend(profile_dates(p, today));
    let f = &p.flags;
    if f.children_emigrated > f.children || (!f.has_spouse && f.spouse_emigrated) {
        out.push(
            V::new(
                "w4.family",
                "家庭成员移居情况与家庭成员数不符",
                "Family emigration does not match the family",
            )
            .on("children_emigrated"),
        );
    }
    out
}

fn record_cadre(
    state: &State,
    cadre: String,
    mut profile: CadreProfile,
    supersedes: Vec<String>,
    today: NaiveDate,
) -> Result<EventBody, V> {
    id::check(&cadre, "cadre", "干部编号", "Cadre id")?;
    if let Some(first) = cadre_problems(&profile, today).into_iter().next() {
        return Err(first);
    }
    profile.name = crate::domain::text::trimmed(&profile.name).to_string();
    for p in profile.positions.iter().filter(|p| !p.post.is_empty()) {
        id::check(&p.post, "positions", "职位编号", "Post id")?;
    }
    let supersedes = Some(replaced(
        state.cadre_selection.cadres.get(&cadre),
        supersedes,
    )?);
    Ok(EventBody::CadreSelection(
        CadreSelectionEvent::CadreRecorded {
            cadre,
            profile: profile.into(),
            supersedes,
        },
    ))
}

fn dates_error(zh: String, en: String, field: &str) -> V {
    V::new("w4.dates", zh, en).on(field)
}

/// A profile's dates make sense: born before starting work or joining the party, none
/// of them in the future, positions after birth and ending after they start, grades
/// for years lived. Every wrong date's message.
fn profile_dates(p: &CadreProfile, today: NaiveDate) -> Vec<V> {
    let mut out: Vec<V> = [
        Some((p.birth, "birth")),
        Some((p.work_start, "work_start")),
        p.party_join.map(|j| (j, "party_join")),
    ]
    .into_iter()
    .flatten()
    .filter_map(|(d, field)| not_future(d, today, field).err())
    .collect();
    if p.work_start < p.birth || p.party_join.is_some_and(|j| j < p.birth) {
        out.push(dates_error(
            "参加工作、入党时间不能早于出生日期".into(),
            "Work and party dates cannot precede the birth date".into(),
            "work_start",
        ));
    }
    for x in &p.positions {
        // A position is named by its title, else its unit.
        let named = if crate::domain::text::blank(&x.title) {
            &x.unit
        } else {
            &x.title
        };
        if crate::domain::text::blank(&x.unit) && crate::domain::text::blank(&x.title) {
            let why = V::new(
                "w4.position",
                "任职经历须填写单位或职务",
                "A position needs its unit or title",
            );
            out.push(why.on("positions"));
        } else if x.start < p.birth
            || x.start > today
            || x.end.is_some_and(|e| e < x.start || e > today)
        {
            out.push(dates_error(
                format!("任职经历“{named}”的日期有误：须在出生之后、今天之前，且结束不早于开始"),
                format!(
                    "Position {named}: dates must fall after birth and by today, ending after the start"
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
        out.push(dates_error(
            format!("{y} 年度考核等次的年份有误"),
            format!("The year {y} of an annual grade is impossible"),
            "grades",
        ));
    }
    out
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
        .cadre_selection
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
        if state.cadre_selection.post(p).is_none() {
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
    Ok(EventBody::CadreSelection(CadreSelectionEvent::CaseOpened {
        case,
        title,
        posts,
        opened_on: on,
    }))
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
    let reason = text(
        &reason,
        "correct_reason",
        "更正理由",
        "Reason for the correction",
    )?;
    sorting::sort(&mut supersedes);
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
    Ok(EventBody::CadreSelection(
        CadreSelectionEvent::StepRecorded {
            case,
            record: record.into(),
            supersedes,
            reason,
        },
    ))
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
        .cadre_selection
        .cases
        .get(case)
        .filter(|c| c.opened_on.is_some())
        .ok_or_else(|| V::new("w4.no_case", "未找到该选任事项", "No such case"))
}

/// Strict order: a record of `step` is accepted when `step` is the step reached, or the
/// next one once the reached step is complete; never while an earlier step holds a
/// conflict.
fn check_order(state: &State, c: &Case, step: Step, policy: &Policy) -> Result<(), V> {
    let names = Names(Some(&state.cadre_selection));
    if let Some(m) = Step::ALL
        .into_iter()
        .filter(|s| *s < step)
        .flat_map(|s| c.missing_named(s, &policy.cadre_selection, names))
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
            if let Some(m) = c.missing_named(r, &policy.cadre_selection, names).first() {
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
