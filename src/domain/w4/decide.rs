//! The W4 decider: cadres and posts, the "1+8" gates in strict order, disclosures,
//! re-check, sign-off and submission.

use chrono::NaiveDate;

use super::cadre::{add_months, current_position, exclusions, full_months};
use super::state::Case;
use super::{
    CadreProfile, CheckKind, Finding, NominatorKind, PersonalMatters, Round, SignOff, Step,
    StepRecord, Submission,
};
use crate::domain::calendar::WorkCalendar;
use crate::domain::event::{EventBody, Role};
use crate::domain::policy::Policy;
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation as V;

/// What a user asks to do in W4.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add or update a cadre's profile (admin).
    RecordCadre {
        cadre: String,
        profile: CadreProfile,
    },
    /// Add or update a post and its quota (admin).
    RecordPost {
        post: String,
        unit: String,
        title: String,
        quota: u32,
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
    /// Correct a recorded form: a new record of the same form naming the one it
    /// replaces, with a reason (recorder).
    Correct {
        case: String,
        supersedes: String,
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
}

impl Command {
    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        match self {
            Command::RecordCadre { .. } | Command::RecordPost { .. } => &[Role::Admin],
            Command::OpenCase { .. }
            | Command::Record { .. }
            | Command::Correct { .. }
            | Command::Disclose { .. } => &[Role::Recorder],
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

fn text(value: &str, field: &str, zh: &str, en: &str) -> Result<String, V> {
    let v = value.trim();
    if v.is_empty() {
        return Err(V::new(
            "w4.required",
            format!("请填写{zh}"),
            format!("{en} is required"),
        )
        .on(field));
    }
    Ok(v.to_string())
}

/// Whether a nomination reason says nothing but "工作需要" (after trimming spaces and
/// punctuation), or nothing at all.
pub fn empty_reason(reason: &str) -> bool {
    let core: String = reason
        .chars()
        .filter(|c| !c.is_whitespace() && !"。.，,；;！!、\"“”".contains(*c))
        .collect();
    core.is_empty() || core == "工作需要"
}

/// Validate `cmd` by `actor` against `state` and the policy in force; return the
/// events to record.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    if !cmd.roles().contains(&actor.role) {
        return Err(role_violation(actor.role, cmd.roles()));
    }
    let policy = state.policies.at(actor.today);
    let w4 = &state.w4;
    match cmd {
        Command::RecordCadre { cadre, mut profile } => {
            text(&cadre, "cadre", "干部编号", "Cadre id")?;
            profile.name = text(&profile.name, "name", "姓名", "Name")?;
            if profile.work_start < profile.birth
                || profile.party_join.is_some_and(|p| p < profile.birth)
            {
                return Err(V::new(
                    "w4.dates",
                    "参加工作、入党时间不能早于出生日期",
                    "Work and party dates cannot precede the birth date",
                ));
            }
            if let Some(p) = profile
                .positions
                .iter()
                .find(|p| p.end.is_some_and(|e| e < p.start))
            {
                return Err(V::new(
                    "w4.dates",
                    format!("任职经历“{}”的结束日期早于开始日期", p.title),
                    format!("Position {} ends before it starts", p.title),
                ));
            }
            let f = &profile.flags;
            if f.children_emigrated > f.children || (!f.has_spouse && f.spouse_emigrated) {
                return Err(V::new(
                    "w4.family",
                    "家庭成员移居情况与家庭成员数不符",
                    "Family emigration does not match the family",
                ));
            }
            Ok(vec![EventBody::CadreRecorded { cadre, profile }])
        }
        Command::RecordPost {
            post,
            unit,
            title,
            quota,
        } => {
            text(&post, "post", "职位编号", "Post id")?;
            let unit = text(&unit, "unit", "单位", "Unit")?;
            let title = text(&title, "title", "职务名称", "Post title")?;
            if quota == 0 {
                return Err(
                    V::new("w4.quota", "职数必须大于 0", "Quota must be positive").on("quota"),
                );
            }
            Ok(vec![EventBody::PostRecorded {
                post,
                unit,
                title,
                quota,
            }])
        }
        Command::OpenCase {
            case,
            title,
            posts,
            on,
        } => {
            text(&case, "case", "事项编号", "Case id")?;
            let title = text(&title, "title", "选任事项名称", "Case title")?;
            if w4.cases.get(&case).is_some_and(|c| c.opened_on.is_some()) {
                return Err(V::new(
                    "w4.duplicate",
                    "该选任事项已存在",
                    "This case exists already",
                ));
            }
            if posts.is_empty() {
                return Err(
                    V::new("w4.posts", "请至少选择一个职位", "Choose at least one post")
                        .on("posts"),
                );
            }
            for (i, p) in posts.iter().enumerate() {
                if w4.post(p).is_none() {
                    return Err(unknown("post", p));
                }
                if posts[..i].contains(p) {
                    return Err(V::new(
                        "w4.posts",
                        "同一职位不能重复列入",
                        "A post is listed twice",
                    ));
                }
            }
            Ok(vec![EventBody::W4CaseOpened {
                case,
                title,
                posts,
                opened_on: on,
            }])
        }
        Command::Record { case, record } => {
            let c = open_case(state, &case)?;
            check_order(c, record.step(), &policy)?;
            let record = validate(state, c, record, None, &policy, actor)?;
            Ok(vec![EventBody::W4StepRecorded {
                case,
                record,
                supersedes: vec![],
                reason: String::new(),
            }])
        }
        Command::Correct {
            case,
            supersedes,
            record,
            reason,
        } => {
            let c = open_case(state, &case)?;
            let reason = text(&reason, "reason", "更正理由", "Reason for the correction")?;
            let live = c.live();
            let old = live.iter().find(|e| e.id == supersedes).ok_or_else(|| {
                V::new(
                    "w4.correct_target",
                    "要更正的记录不存在或已被更正",
                    "The record to correct does not exist or was already corrected",
                )
            })?;
            if old.record.form() != record.form() {
                return Err(V::new(
                    "w4.correct_form",
                    "更正记录须与原记录为同一表单",
                    "A correction must use the same form as the record it corrects",
                ));
            }
            let record = validate(state, c, record, Some(&supersedes), &policy, actor)?;
            Ok(vec![EventBody::W4StepRecorded {
                case,
                record,
                supersedes: vec![supersedes],
                reason,
            }])
        }
        Command::Disclose {
            case,
            cadre,
            round,
            start,
            matters,
        } => {
            let c = open_case(state, &case)?;
            let targeted = c.target_dates();
            let Some(target_on) = targeted.get(&cadre) else {
                return Err(V::new(
                    "w4.disclosure_round",
                    "只有考察对象的有关事项才能公开",
                    "Only an inspection target's matters are disclosed",
                ));
            };
            let decided = c.decided().get(&cadre).map(|d| d.1);
            match round {
                Round::First => {
                    if start < *target_on || decided.is_some_and(|d| d <= start) {
                        return Err(V::new(
                            "w4.disclosure_round",
                            "第一次公开须在确定为考察对象之后、常委会讨论决定之前",
                            "The first disclosure falls after becoming a target and before the decision",
                        ));
                    }
                }
                Round::Second => {
                    if decided.is_none_or(|d| start < d) {
                        return Err(V::new(
                            "w4.disclosure_round",
                            "第二次公开须在讨论决定之后",
                            "The second disclosure falls after the decision",
                        ));
                    }
                }
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
            let window = WorkCalendar::new(&policy)
                .add_working_days(start, policy.w4.disclosure_working_days);
            Ok(vec![EventBody::W4Disclosed {
                case,
                cadre,
                round,
                start: window.start,
                end: window.end,
                matters,
            }])
        }
        Command::Sign { case, node, sign } => {
            let c = open_case(state, &case)?;
            for step in Step::ALL.into_iter().take(node.last_step().index() + 1) {
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
            if let Some(prev) = pos.checked_sub(1).map(|i| SignOff::CHAIN[i]) {
                if !signed.contains_key(&prev) {
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
            Ok(vec![EventBody::W4Signed {
                case,
                node,
                sign,
                signer: actor.name.clone(),
                on: actor.today,
            }])
        }
        Command::Submit { case, node, on } => {
            let c = open_case(state, &case)?;
            if c.submitted(node).is_some() {
                return Err(V::new(
                    "w4.duplicate",
                    format!("已{}", node.label()),
                    "Already submitted",
                ));
            }
            if node == Submission::Second && c.submitted(Submission::Initial).is_none() {
                return Err(V::new(
                    "w4.submit_order",
                    "须先初次提交",
                    "The initial submission comes first",
                ));
            }
            let signed = c.signed(node);
            if let Some(s) = SignOff::CHAIN.iter().find(|s| !signed.contains_key(s)) {
                return Err(V::new(
                    "w4.unsigned",
                    format!("「{}」尚未签字，不能提交", s.label()),
                    format!("{s:?} has not signed yet"),
                ));
            }
            Ok(vec![EventBody::W4Submitted { case, node, on }])
        }
    }
}

fn unknown(what: &str, id: &str) -> V {
    V::new(
        "w4.unknown",
        format!(
            "未找到{}：{id}",
            if what == "post" { "职位" } else { "干部" }
        ),
        format!("No {what} {id}"),
    )
}

fn open_case<'a>(state: &'a State, case: &str) -> Result<&'a Case, V> {
    state
        .w4
        .cases
        .get(case)
        .filter(|c| c.opened_on.is_some())
        .ok_or_else(|| V::new("w4.no_case", "未找到该选任事项", "No such case"))
}

/// Strict order: a record of `step` is accepted when `step` is the step reached, or the
/// next one once the reached step is complete.
fn check_order(c: &Case, step: Step, policy: &Policy) -> Result<(), V> {
    let reached = c.reached();
    let next = match reached {
        None => Step::Qualification,
        Some(r) if step == r => return Ok(()),
        Some(r) if step < r => {
            return Err(V::new(
                "w4.order_back",
                format!(
                "本事项已进行到「{}」，不能回到「{}」补记；如需更正原记录，请提交更正并说明理由",
                r.label(true),
                step.label(true)
            ),
                format!(
                    "The case is at {}; it cannot go back to {} (record a correction instead)",
                    r.label(false),
                    step.label(false)
                ),
            ))
        }
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
            Step::ALL[r.index() + 1]
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

fn in_case(c: &Case, post: &str) -> Result<(), V> {
    if c.posts.iter().any(|p| p == post) {
        Ok(())
    } else {
        Err(V::new(
            "w4.posts",
            format!("职位 {post} 不在本选任事项中"),
            format!("Post {post} is not in this case"),
        )
        .on("post"))
    }
}

fn cadre_of<'a>(state: &'a State, cadre: &str) -> Result<&'a CadreProfile, V> {
    state
        .w4
        .cadre(cadre)
        .ok_or_else(|| unknown("cadre", cadre).on("cadre"))
}

fn quota_ok(state: &State, post: &str, on: NaiveDate) -> Result<(), V> {
    let p = state.w4.post(post).ok_or_else(|| unknown("post", post))?;
    let held = state.w4.holders(post, on) as u32;
    if held + 1 > p.quota {
        return Err(V::new(
            "w4.quota",
            format!(
                "{}{} 职数 {} 名，现有 {held} 名，提拔将超职数（凡提必审）",
                p.unit, p.title, p.quota
            ),
            format!(
                "{} {}: quota {}, {held} in post; an appointment would exceed it",
                p.unit, p.title, p.quota
            ),
        ));
    }
    Ok(())
}

fn proposed_cadre(c: &Case, cadre: &str) -> Result<String, V> {
    c.proposed()
        .into_iter()
        .find(|(_, cd)| cd == cadre)
        .map(|(p, _)| p)
        .ok_or_else(|| {
            V::new(
                "w4.not_proposed",
                format!("{cadre} 不是酝酿确定的拟任人选"),
                format!("{cadre} is not a proposed appointee"),
            )
            .on("cadre")
        })
}

/// Check one record's own rules, fill in computed fields, and return it.
fn validate(
    state: &State,
    c: &Case,
    mut record: StepRecord,
    correcting: Option<&str>,
    policy: &Policy,
    actor: &Actor,
) -> Result<StepRecord, V> {
    let p4 = &policy.w4;
    let others: Vec<_> = c
        .live()
        .into_iter()
        .filter(|e| Some(e.id.as_str()) != correcting)
        .collect();
    if record.on() > actor.today {
        return Err(V::new(
            "w4.future",
            "日期不能晚于今天",
            "The date cannot be in the future",
        )
        .on("on"));
    }
    // A democratic recommendation may predate the case: its result stays usable for
    // the policy's validity period.
    let reusable = matches!(record, StepRecord::Recommendation { .. });
    if !reusable && c.opened_on.is_some_and(|o| record.on() < o) {
        return Err(V::new(
            "w4.before_case",
            "日期不能早于选任事项的建立日期",
            "The date cannot precede the case",
        )
        .on("on"));
    }
    match &mut record {
        StepRecord::Qualification { on, .. } => {
            for post in &c.posts {
                quota_ok(state, post, *on)?;
            }
        }
        StepRecord::Initiation { .. } => {}
        StepRecord::Nomination {
            post,
            cadre,
            kind,
            first_nominator,
            reasons,
            strengths,
            weaknesses,
            kinship,
            signature,
            ..
        } => {
            in_case(c, post)?;
            cadre_of(state, cadre)?;
            if empty_reason(reasons) {
                return Err(V::new(
                    "w4.reason",
                    "推荐理由不能为空，也不能只写“工作需要”，请写明具体理由",
                    "The reason cannot be empty or only \"工作需要\" (needs of the work)",
                )
                .on("reasons"));
            }
            *first_nominator = text(
                first_nominator,
                "first_nominator",
                "首提责任人",
                "First nominator",
            )?;
            if *kind == NominatorKind::Named {
                *strengths = text(strengths, "strengths", "主要优点", "Main strengths")?;
                *weaknesses = text(weaknesses, "weaknesses", "主要不足", "Main weaknesses")?;
                *kinship = text(kinship, "kinship", "与被推荐人的亲属关系", "Kinship")?;
                *signature = text(signature, "signature", "推荐人签名", "Signature")?;
                if signature != first_nominator {
                    return Err(V::new(
                        "w4.signature",
                        "个人署名推荐的首提责任人是推荐人本人，签名须与之一致",
                        "For a named recommendation the recommender is the first nominator and must sign",
                    )
                    .on("signature"));
                }
            }
            if others.iter().any(|e| matches!(&e.record, StepRecord::Nomination { post: p, cadre: cd, .. } if p == post && cd == cadre)) {
                return Err(V::new("w4.duplicate", "该人选已被提名", "Already nominated"));
            }
        }
        StepRecord::Recommendation {
            post,
            eligible,
            participants,
            votes,
            ..
        } => {
            in_case(c, post)?;
            if *participants == 0 || *participants > *eligible {
                return Err(V::new(
                    "w4.votes",
                    "实参加人数须大于 0 且不超过应参加人数",
                    "Participants must be positive and at most the eligible number",
                )
                .on("participants"));
            }
            for (cadre, v) in votes.iter() {
                cadre_of(state, cadre)?;
                if *v > *participants {
                    return Err(V::new(
                        "w4.votes",
                        format!("{cadre} 的得票数超过实参加人数"),
                        format!("{cadre} has more votes than participants"),
                    )
                    .on("votes"));
                }
            }
        }
        StepRecord::Target { on, post, cadre } => {
            in_case(c, post)?;
            let profile = cadre_of(state, cadre)?;
            if !c.nominated(post, cadre) {
                return Err(V::new(
                    "w4.not_nominated",
                    format!("{} 未经提名，不能列为考察对象", profile.name),
                    format!("{} was not nominated", profile.name),
                ));
            }
            if others.iter().any(|e| matches!(&e.record, StepRecord::Target { post: p, cadre: cd, .. } if p == post && cd == cadre)) {
                return Err(V::new("w4.duplicate", "已是考察对象", "Already a target"));
            }
            // The latest democratic recommendation for the post that names the cadre.
            let mut recs: Vec<(NaiveDate, u32, u32)> = others
                .iter()
                .filter_map(|e| match &e.record {
                    StepRecord::Recommendation {
                        on: r_on,
                        post: p,
                        participants,
                        votes,
                        ..
                    } if p == post => votes
                        .get(cadre.as_str())
                        .map(|v| (*r_on, *v, *participants)),
                    _ => None,
                })
                .collect();
            recs.sort();
            let valid = recs
                .iter()
                .rev()
                .find(|r| r.0 <= *on && *on < add_months(r.0, p4.recommendation_valid_months));
            let Some(&(_, votes, participants)) = valid else {
                if let Some(r) = recs.last() {
                    return Err(V::new(
                        "w4.recommendation_expired",
                        format!(
                            "{} 的民主推荐结果（{}）已超过 {} 个月有效期，不能使用",
                            profile.name, r.0, p4.recommendation_valid_months
                        ),
                        format!(
                            "{}'s recommendation of {} is older than {} months and cannot be used",
                            profile.name, r.0, p4.recommendation_valid_months
                        ),
                    ));
                }
                return Err(V::new(
                    "w4.no_recommendation",
                    format!("{} 没有该职位的民主推荐结果", profile.name),
                    format!(
                        "{} has no recommendation result for this post",
                        profile.name
                    ),
                ));
            };
            let bars = exclusions(profile, Some((votes, participants)), *on, p4);
            if !bars.is_empty() {
                let zh: Vec<String> = bars.iter().map(|b| b.reason(true)).collect();
                let en: Vec<String> = bars.iter().map(|b| b.reason(false)).collect();
                return Err(V::new(
                    "w4.excluded",
                    format!("{} 不得列为考察对象：{}", profile.name, zh.join("；")),
                    format!(
                        "{} cannot be an inspection target: {}",
                        profile.name,
                        en.join("; ")
                    ),
                )
                .on("cadre"));
            }
        }
        StepRecord::Inspection {
            on,
            post,
            cadre,
            scores,
            extended,
            ..
        } => {
            in_case(c, post)?;
            let profile = cadre_of(state, cadre)?;
            if !c.targets(post).contains(cadre) {
                return Err(V::new(
                    "w4.not_target",
                    format!("{} 不是该职位的考察对象", profile.name),
                    format!("{} is not an inspection target for this post", profile.name),
                ));
            }
            if scores.all().iter().any(|s| *s > p4.dimension_max) {
                return Err(V::new(
                    "w4.score",
                    format!("各维度得分不能超过 {}", p4.dimension_max),
                    format!("Each dimension is at most {}", p4.dimension_max),
                )
                .on("scores"));
            }
            *extended = current_position(profile, *on)
                .is_none_or(|p| full_months(p.start, *on) < p4.extended_inspection_months);
        }
        StepRecord::Deliberation { proposed, .. } => {
            for post in &c.posts {
                let Some(cadre) = proposed.get(post) else {
                    return Err(V::new(
                        "w4.proposed",
                        format!("请为职位 {post} 确定拟任人选"),
                        format!("Name the proposed appointee for post {post}"),
                    ));
                };
                let inspected = others.iter().any(|e| matches!(&e.record, StepRecord::Inspection { post: p, cadre: cd, .. } if p == post && cd == cadre));
                if !inspected {
                    return Err(V::new(
                        "w4.proposed",
                        format!("{cadre} 不是职位 {post} 已考察的对象"),
                        format!("{cadre} was not inspected for post {post}"),
                    ));
                }
            }
            if proposed.keys().any(|p| !c.posts.contains(p)) {
                return Err(V::new(
                    "w4.posts",
                    "拟任职位不在本选任事项中",
                    "A proposed post is not in this case",
                ));
            }
        }
        StepRecord::Check {
            on,
            cadre,
            check,
            passed,
            ..
        } => {
            let post = proposed_cadre(c, cadre)?;
            if *check == CheckKind::Quota && *passed {
                quota_ok(state, &post, *on)?;
            }
        }
        StepRecord::Opinion { cadre, body, .. } => {
            proposed_cadre(c, cadre)?;
            *body = text(body, "body", "征求意见单位", "Body consulted")?;
        }
        StepRecord::Vote {
            on,
            post,
            cadre,
            members,
            present,
            votes_for,
            against,
            abstain,
            passed,
            ..
        } => {
            in_case(c, post)?;
            if c.proposed().get(post.as_str()) != Some(cadre) {
                return Err(V::new(
                    "w4.not_proposed",
                    format!("{cadre} 不是职位 {post} 的拟任人选"),
                    format!("{cadre} is not proposed for post {post}"),
                ));
            }
            if *members == 0 || *present > *members {
                return Err(V::new(
                    "w4.vote_present",
                    "到会人数不能超过应到会成员数",
                    "Members present cannot exceed the members",
                )
                .on("present"));
            }
            if *votes_for + *against + *abstain > *present {
                return Err(V::new(
                    "w4.vote_total",
                    "同意、不同意、弃权票数之和不能超过到会人数",
                    "For, against and abstain cannot add up to more than those present",
                )
                .on("votes_for"));
            }
            if p4.disclosure_before_decision {
                let disclosed = c
                    .disclosures
                    .values()
                    .any(|d| d.cadre == *cadre && d.round == Round::First && d.end < *on);
                if !disclosed {
                    return Err(V::new(
                        "w4.disclosure_pending",
                        format!("{cadre} 的第一次有关事项公开尚未期满，不能提交讨论决定"),
                        format!(
                            "{cadre}'s first disclosure has not run its course before the vote"
                        ),
                    ));
                }
            }
            *passed = p4.passes(*votes_for, *members, *present);
        }
        StepRecord::PublicityOpened { on, end, channel } => {
            *channel = channel.trim().to_string();
            if correcting.is_none() && c.publicity().is_some() {
                return Err(V::new(
                    "w4.duplicate",
                    "任前公示已开始",
                    "Publicity is open already",
                ));
            }
            if c.decision_date().is_some_and(|d| *on < d) {
                return Err(V::new(
                    "w4.publicity_date",
                    "任前公示须在讨论决定之后",
                    "Publicity starts after the decision",
                ));
            }
            let w = WorkCalendar::new(policy).add_working_days(*on, p4.publicity_working_days);
            *on = w.start;
            *end = w.end;
        }
        StepRecord::Complaint { on, cadre, .. } => {
            proposed_cadre(c, cadre)?;
            let Some((start, _)) = c.publicity() else {
                return Err(V::new(
                    "w4.publicity_date",
                    "任前公示尚未开始",
                    "Publicity has not started",
                ));
            };
            if *on < start {
                return Err(V::new(
                    "w4.publicity_date",
                    "举报日期不能早于公示开始日期",
                    "A complaint cannot precede the publicity",
                ));
            }
        }
        StepRecord::ComplaintVerified { complaint, .. } => {
            let found = c.complaints().into_iter().find(|x| &x.id == complaint);
            match found {
                None => {
                    return Err(V::new(
                        "w4.no_complaint",
                        "未找到该举报",
                        "No such complaint",
                    ))
                }
                Some(x) if x.verified.is_some() && correcting.is_none() => {
                    return Err(V::new("w4.duplicate", "该举报已核实", "Already verified"))
                }
                _ => {}
            }
        }
        StepRecord::PublicityClosed { on, .. } => {
            let Some((_, end)) = c.publicity() else {
                return Err(V::new(
                    "w4.publicity_date",
                    "任前公示尚未开始",
                    "Publicity has not started",
                ));
            };
            if *on <= end {
                return Err(V::new(
                    "w4.publicity_running",
                    format!("任前公示至 {end} 结束，期满后才能结束公示"),
                    format!("Publicity runs until {end}"),
                ));
            }
            if c.complaints().iter().any(|x| x.verified.is_none()) {
                return Err(V::new(
                    "w4.complaint_open",
                    "有举报尚未核实办结，不能结束公示",
                    "A complaint is not yet verified",
                ));
            }
        }
        StepRecord::Appointment {
            on, post, cadre, ..
        } => {
            in_case(c, post)?;
            let decided = c.decided();
            if decided.get(cadre.as_str()).map(|d| d.0.as_str()) != Some(post.as_str()) {
                return Err(V::new(
                    "w4.not_decided",
                    format!("{cadre} 未经讨论决定任该职位"),
                    format!("{cadre} was not decided for post {post}"),
                ));
            }
            if c.complaints()
                .iter()
                .any(|x| x.cadre == *cadre && matches!(x.verified, Some((_, Finding::Upheld, _))))
            {
                return Err(V::new(
                    "w4.complaint_upheld",
                    "举报经核实影响任用，不能任职",
                    "A verified complaint bars this appointment",
                ));
            }
            if c.publicity().is_some_and(|(_, end)| *on <= end) {
                return Err(V::new(
                    "w4.publicity_running",
                    "任前公示期满后才能任职",
                    "Appointment comes after the publicity",
                ));
            }
        }
        StepRecord::ProbationEnded { on, cadre, .. } => {
            let Some((_, from)) = c.appointed().get(cadre.as_str()).cloned() else {
                return Err(V::new(
                    "w4.not_appointed",
                    format!("{cadre} 尚未任职"),
                    "Not appointed",
                ));
            };
            let due = add_months(from, p4.probation_months);
            if *on < due {
                return Err(V::new(
                    "w4.probation_running",
                    format!(
                        "试用期 {} 个月，{due} 期满后才能办理转正",
                        p4.probation_months
                    ),
                    format!("Probation of {} months ends on {due}", p4.probation_months),
                ));
            }
        }
    }
    Ok(record)
}
