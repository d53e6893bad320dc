//! The rules of one step record: its ids, its dates against the other records, its
//! form's own rules (with the computed fields filled in), and its slot.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::cadre::{add_months, current_position, exclusions, full_months};
use super::disclosure::not_backdated;
use super::gates::Names;
use super::state::{Case, StepEntry};
use super::{
    form_label, CadreProfile, CheckKind, Dimensions, Finding, NominatorKind, Round, StepRecord,
};
use crate::domain::calendar::WorkCalendar;
use crate::domain::id;
use crate::domain::policy::{CadreSelectionPolicy, Policy};
use crate::domain::state::State;
use crate::domain::RuleViolation as V;

/// A required text field, trimmed.
pub(super) fn text(value: &str, field: &str, zh: &str, en: &str) -> Result<String, V> {
    let v = crate::domain::text::trimmed(value);
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

/// Refuse a date after today.
pub(super) fn not_future(on: NaiveDate, today: NaiveDate, field: &str) -> Result<(), V> {
    if on > today {
        return Err(V::new(
            "w4.future",
            "日期不能晚于今天",
            "The date cannot be in the future",
        )
        .on(field));
    }
    Ok(())
}

pub(super) fn unknown(what: &str, id: &str) -> V {
    V::new(
        "w4.unknown",
        format!(
            "未找到{}：{id}",
            if what == "post" { "职位" } else { "干部" }
        ),
        format!("No {what} {id}"),
    )
}

/// The cadre's profile in force; refused while two versions are unresolved.
pub(super) fn cadre_of<'a>(state: &'a State, cadre: &str) -> Result<&'a CadreProfile, V> {
    let versions = state
        .cadre_selection
        .cadres
        .get(cadre)
        .ok_or_else(|| unknown("cadre", cadre).on("cadre"))?;
    let profile = versions
        .current()
        .ok_or_else(|| unknown("cadre", cadre).on("cadre"))?;
    if versions.conflicted() {
        return Err(V::new(
            "w4.cadre_conflict",
            format!(
                "{} 的干部信息有两个在不同手机上各自录入的版本，请先在“干部信息”页核定",
                profile.name
            ),
            format!(
                "{}'s profile has two versions recorded on different phones; settle it on the cadres page first",
                profile.name
            ),
        )
        .on("cadre"));
    }
    Ok(profile)
}

fn in_case(names: Names, c: &Case, post: &str) -> Result<(), V> {
    if c.posts.iter().any(|p| p == post) {
        return Ok(());
    }
    let name = names.post(post);
    Err(V::new(
        "w4.posts",
        format!("职位“{name}”不在本选任事项中"),
        format!("Post “{name}” is not in this case"),
    )
    .on("post"))
}

/// 凡提必审: one more appointment to `post` on `on` stays within its 职数, counting
/// holders and other cases' appointments (`CadreSelection::seats_taken`), `cadre` excepted.
pub(super) fn quota_ok(
    state: &State,
    case: &str,
    post: &str,
    cadre: &str,
    on: NaiveDate,
) -> Result<(), V> {
    let versions = state
        .cadre_selection
        .posts
        .get(post)
        .ok_or_else(|| unknown("post", post))?;
    let p = versions.current().ok_or_else(|| unknown("post", post))?;
    if versions.conflicted() {
        return Err(V::new(
            "w4.post_conflict",
            format!(
                "职位“{}{}”有两个在不同手机上各自录入的版本，请先在“干部与职位”页核定职数",
                p.unit, p.title
            ),
            format!(
                "Post {} {} has two versions recorded on different phones; settle its quota first",
                p.unit, p.title
            ),
        ));
    }
    let held = state.cadre_selection.seats_taken(post, on, case, cadre);
    if held.saturating_add(1) > u64::from(p.quota) {
        return Err(V::new(
            "w4.quota",
            format!(
                "{}{} 职数 {} 名，已有 {held} 名（含其他选任事项已任职的人选），再任职将超职数（凡提必审）",
                p.unit, p.title, p.quota
            ),
            format!(
                "{} {}: quota {}, {held} seats taken (appointments of other cases included); one more would exceed it",
                p.unit, p.title, p.quota
            ),
        ));
    }
    Ok(())
}

fn proposed_cadre(names: Names, c: &Case, cadre: &str) -> Result<String, V> {
    c.proposed()
        .into_iter()
        .find(|(_, cd)| cd == cadre)
        .map(|(p, _)| p)
        .ok_or_else(|| {
            let who = names.cadre(cadre);
            V::new(
                "w4.not_proposed",
                format!("{who} 不是酝酿确定的拟任人选"),
                format!("{who} is not a proposed appointee"),
            )
            .on("cadre")
        })
}

/// The rules of a record's own fields, which need nothing but the record, today and
/// the policy: every field's message at once (a form shows them all). `validate` refuses
/// with the first of them before it looks at the case.
pub fn record_problems(
    record: &StepRecord,
    today: NaiveDate,
    numbers: &CadreSelectionPolicy,
) -> Vec<V> {
    let mut out: Vec<V> = not_future(record.on(), today, "on")
        .err()
        .into_iter()
        .collect();
    match record {
        StepRecord::Nomination { .. } => out.extend(nomination_problems(record)),
        StepRecord::Opinion { body, .. } => {
            out.extend(text(body, "body", "征求意见单位", "Body consulted").err())
        }
        StepRecord::Recommendation {
            eligible,
            participants,
            ..
        } => out.extend(participants_problem(*eligible, *participants)),
        StepRecord::Inspection { scores, .. } => out.extend(scores_problem(scores, numbers)),
        StepRecord::Vote { .. } => out.extend(vote_problems(record)),
        _ => {}
    }
    out
}

/// A nomination's required fields (a named recommendation's more), its reason, and a
/// named recommendation signed by its first nominator.
fn nomination_problems(record: &StepRecord) -> Vec<V> {
    let StepRecord::Nomination {
        kind,
        first_nominator,
        reasons,
        strengths,
        weaknesses,
        kinship,
        signature,
        ..
    } = record
    else {
        return Vec::new();
    };
    let named = *kind == NominatorKind::Named;
    let mut required = vec![(
        first_nominator,
        "first_nominator",
        "首提责任人",
        "First nominator",
    )];
    if named {
        required.extend([
            (strengths, "strengths", "主要优点", "Main strengths"),
            (weaknesses, "weaknesses", "主要不足", "Main weaknesses"),
            (kinship, "kinship", "与被推荐人的亲属关系", "Kinship"),
            (signature, "signature", "推荐人签名", "Signature"),
        ]);
    }
    let mut out: Vec<V> = required
        .into_iter()
        .filter_map(|(value, field, zh, en)| text(value, field, zh, en).err())
        .collect();
    if empty_reason(reasons) {
        out.push(
            V::new(
                "w4.reason",
                "推荐理由不能为空，也不能只写“工作需要”，请写明具体理由",
                "The reason cannot be empty or only \"工作需要\" (needs of the work)",
            )
            .on("reasons"),
        );
    }
    let (sig, first) = (signature.trim(), first_nominator.trim());
    if named && !sig.is_empty() && !first.is_empty() && sig != first {
        out.push(
            V::new(
                "w4.signature",
                "个人署名推荐的首提责任人是推荐人本人，签名须与之一致",
                "For a named recommendation the recommender is the first nominator and must sign",
            )
            .on("signature"),
        );
    }
    out
}

/// A recommendation's participants: more than none, and no more than were eligible.
fn participants_problem(eligible: u32, participants: u32) -> Option<V> {
    (participants == 0 || participants > eligible).then(|| {
        V::new(
            "w4.votes",
            "实参加人数须大于 0 且不超过应参加人数",
            "Participants must be positive and at most the eligible number",
        )
        .on("participants")
    })
}

/// An inspection's dimension scores, each at most the policy's maximum.
fn scores_problem(scores: &Dimensions, numbers: &CadreSelectionPolicy) -> Option<V> {
    scores
        .all()
        .iter()
        .any(|s| *s > numbers.dimension_max)
        .then(|| {
            V::new(
                "w4.score",
                format!("各维度得分不能超过 {}", numbers.dimension_max),
                format!("Each dimension is at most {}", numbers.dimension_max),
            )
            .on("scores")
        })
}

/// A vote's members present (no more than the members) and its votes (no more than
/// those present).
fn vote_problems(record: &StepRecord) -> Vec<V> {
    let StepRecord::Vote {
        members,
        present,
        votes_for,
        against,
        abstain,
        ..
    } = record
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if *members == 0 || *present > *members {
        out.push(
            V::new(
                "w4.vote_present",
                "到会人数不能超过应到会成员数",
                "Members present cannot exceed the members",
            )
            .on("present"),
        );
    }
    let cast = u64::from(*votes_for) + u64::from(*against) + u64::from(*abstain);
    if cast > u64::from(*present) {
        out.push(
            V::new(
                "w4.vote_total",
                "同意、不同意、弃权票数之和不能超过到会人数",
                "For, against and abstain cannot add up to more than those present",
            )
            .on("votes_for"),
        );
    }
    out
}

/// Check one record's ids, dates and rules against the case's other live records
/// (`superseded` are the ones a correction replaces), fill in computed fields, and
/// return it.
pub(super) fn validate(
    state: &State,
    c: &Case,
    mut record: StepRecord,
    superseded: &[String],
    policy: &Policy,
    today: NaiveDate,
) -> Result<StepRecord, V> {
    for (value, field) in record.ids() {
        id::check(value, field, "编号", "Id")?;
    }
    if let Some(first) = record_problems(&record, today, &policy.cadre_selection)
        .into_iter()
        .next()
    {
        return Err(first);
    }
    let others: Vec<&StepEntry> = c
        .live()
        .into_iter()
        .filter(|e| !superseded.contains(&e.id))
        .collect();
    dates(c, &record, &others, today)?;
    form_rules(state, c, &mut record, &others, policy, (today, superseded))?;
    slot_free(&record, &others)?;
    Ok(record)
}

/// Dates make sense: not in the future, not before the case (a democratic
/// recommendation may predate it), not before a record of an earlier step nor after
/// a record of a later one.
fn dates(c: &Case, record: &StepRecord, others: &[&StepEntry], today: NaiveDate) -> Result<(), V> {
    let on = record.on();
    not_future(on, today, "on")?;
    let reusable = |r: &StepRecord| matches!(r, StepRecord::Recommendation { .. });
    if reusable(record) {
        return Ok(());
    }
    if c.opened_on.is_some_and(|o| on < o) {
        return Err(V::new(
            "w4.before_case",
            "日期不能早于选任事项的建立日期",
            "The date cannot precede the case",
        )
        .on("on"));
    }
    let step = record.step();
    for e in others.iter().filter(|e| !reusable(&e.record)) {
        let (other, theirs) = (e.record.step(), e.record.on());
        let (before, after) = (other < step && on < theirs, other > step && on > theirs);
        if before || after {
            let (zh, en) = if before {
                ("早于前面环节", "precede")
            } else {
                ("晚于后面环节", "follow")
            };
            return Err(V::new(
                "w4.date_order",
                format!(
                    "日期 {on} 不能{zh}「{}」的记录日期 {theirs}",
                    form_label(e.record.form(), true)
                ),
                format!(
                    "The date {on} cannot {en} the {} record of {theirs}",
                    form_label(e.record.form(), false)
                ),
            )
            .on("on"));
        }
    }
    Ok(())
}

/// Refuse a record whose slot another live record fills (a change is a correction).
fn slot_free(record: &StepRecord, others: &[&StepEntry]) -> Result<(), V> {
    let Some(slot) = record.slot() else {
        return Ok(());
    };
    if let Some(e) = others
        .iter()
        .find(|e| e.record.slot().as_ref() == Some(&slot))
    {
        return Err(V::new(
            "w4.duplicate",
            format!(
                "「{}」已有这条记录（{}），不能重复记录；如需修改，请点该记录的“更正”",
                form_label(record.form(), true),
                e.record.on()
            ),
            format!(
                "This {} is recorded already ({}); use “Correct” on it to change it",
                form_label(record.form(), false),
                e.record.on()
            ),
        ));
    }
    Ok(())
}

/// The rules of the record's own form (computed fields filled in).
fn form_rules(
    state: &State,
    c: &Case,
    record: &mut StepRecord,
    others: &[&StepEntry],
    policy: &Policy,
    (today, superseded): (NaiveDate, &[String]),
) -> Result<(), V> {
    let numbers = &policy.cadre_selection;
    let names = Names(Some(&state.cadre_selection));
    match record {
        StepRecord::Qualification { on, .. } => c
            .posts
            .iter()
            .try_for_each(|post| quota_ok(state, &c.id, post, "", *on)),
        StepRecord::Initiation { .. } => Ok(()),
        StepRecord::Nomination { .. } => nomination(state, c, record),
        StepRecord::Recommendation { .. } => recommendation(state, c, record),
        StepRecord::Target { on, post, cadre } => {
            target(state, c, *on, post, cadre, others, numbers)
        }
        StepRecord::Inspection {
            on,
            post,
            cadre,
            extended,
            ..
        } => {
            *extended = inspection(state, c, *on, post, cadre, numbers)?;
            Ok(())
        }
        StepRecord::Deliberation { proposed, .. } => deliberation(names, c, proposed, others),
        StepRecord::Check {
            on,
            cadre,
            check,
            passed,
            ..
        } => {
            let post = proposed_cadre(names, c, cadre)?;
            after_deliberation(others, *on)?;
            if *check == CheckKind::Quota && *passed {
                quota_ok(state, &c.id, &post, cadre, *on)?;
            }
            Ok(())
        }
        StepRecord::Opinion { cadre, body, .. } => {
            proposed_cadre(names, c, cadre)?;
            *body = body.trim().to_string();
            Ok(())
        }
        StepRecord::Vote { .. } => vote(names, c, record, policy),
        StepRecord::PublicityOpened { on, end, channel } => {
            *channel = channel.trim().to_string();
            (*on, *end) = publicity_window(c, *on, policy, today, superseded)?;
            Ok(())
        }
        StepRecord::Complaint { on, cadre, .. } => complaint(names, c, *on, cadre),
        StepRecord::ComplaintVerified { on, complaint, .. } => verification(c, *on, complaint),
        StepRecord::PublicityClosed { on, .. } => publicity_closed(c, *on),
        StepRecord::Appointment {
            on, post, cadre, ..
        } => appointment(state, c, *on, post, cadre),
        StepRecord::ProbationEnded { on, cadre, .. } => probation(names, c, *on, cadre, numbers),
    }
}

fn recommendation(state: &State, c: &Case, record: &StepRecord) -> Result<(), V> {
    let StepRecord::Recommendation {
        post,
        participants,
        votes,
        ..
    } = record
    else {
        return Ok(());
    };
    in_case(Names(Some(&state.cadre_selection)), c, post)?;
    for (cadre, v) in votes {
        let profile = cadre_of(state, cadre)?;
        if *v > *participants {
            return Err(V::new(
                "w4.votes",
                format!("{} 的得票数超过实参加人数", profile.name),
                format!("{} has more votes than participants", profile.name),
            )
            .on("votes"));
        }
    }
    Ok(())
}

/// 酝酿 names, for every post of the case, one of its inspected targets.
fn deliberation(
    names: Names,
    c: &Case,
    proposed: &std::collections::BTreeMap<String, String>,
    others: &[&StepEntry],
) -> Result<(), V> {
    for post in &c.posts {
        let name = names.post(post);
        let Some(cadre) = proposed.get(post) else {
            return Err(V::new(
                "w4.proposed",
                format!("请为职位“{name}”确定拟任人选"),
                format!("Name the proposed appointee for post “{name}”"),
            ));
        };
        let inspected = others.iter().any(|e| matches!(&*e.record, StepRecord::Inspection { post: p, cadre: cd, .. } if p == post && cd == cadre));
        if !inspected {
            let who = names.cadre(cadre);
            return Err(V::new(
                "w4.proposed",
                format!("{who} 不是职位“{name}”已考察的对象"),
                format!("{who} was not inspected for post “{name}”"),
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
    Ok(())
}

/// 任前公示 starts after the decision, never before the day it is recorded beyond the
/// policy's tolerance (a correction may keep the start of the record it corrects), and
/// runs the policy's working days.
fn publicity_window(
    c: &Case,
    on: NaiveDate,
    policy: &Policy,
    today: NaiveDate,
    superseded: &[String],
) -> Result<(NaiveDate, NaiveDate), V> {
    let kept = superseded
        .iter()
        .filter_map(|id| c.entries.get(id))
        .map(|e| e.record.on())
        .min();
    if kept.is_none_or(|k| on < k) {
        not_backdated(on, today, policy, "on")?;
    }
    if c.decision_date().is_some_and(|d| on < d) {
        return Err(V::new(
            "w4.publicity_date",
            "任前公示须在讨论决定之后",
            "Publicity starts after the decision",
        ));
    }
    let w = WorkCalendar::new(policy)
        .add_working_days(on, policy.cadre_selection.publicity_working_days);
    Ok((w.start, w.end))
}

fn complaint(names: Names, c: &Case, on: NaiveDate, cadre: &str) -> Result<(), V> {
    proposed_cadre(names, c, cadre)?;
    let Some((start, _)) = c.publicity() else {
        return Err(no_publicity());
    };
    if on < start {
        return Err(V::new(
            "w4.publicity_date",
            "举报日期不能早于公示开始日期",
            "A complaint cannot precede the publicity",
        ));
    }
    Ok(())
}

fn verification(c: &Case, on: NaiveDate, complaint: &str) -> Result<(), V> {
    let Some(x) = c.complaints().into_iter().find(|x| x.id == complaint) else {
        return Err(V::new(
            "w4.no_complaint",
            "未找到该举报",
            "No such complaint",
        ));
    };
    if on < x.on {
        return Err(V::new(
            "w4.date_order",
            format!("核实日期不能早于举报日期 {}", x.on),
            format!("Verification cannot precede the complaint of {}", x.on),
        )
        .on("on"));
    }
    Ok(())
}

fn publicity_closed(c: &Case, on: NaiveDate) -> Result<(), V> {
    let Some((_, end)) = c.publicity() else {
        return Err(no_publicity());
    };
    if on <= end {
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
    Ok(())
}

fn probation(
    names: Names,
    c: &Case,
    on: NaiveDate,
    cadre: &str,
    numbers: &CadreSelectionPolicy,
) -> Result<(), V> {
    let Some((_, from)) = c.appointed().get(cadre).cloned() else {
        let who = names.cadre(cadre);
        return Err(V::new(
            "w4.not_appointed",
            format!("{who} 尚未任职"),
            format!("{who} has not been appointed"),
        ));
    };
    let due = add_months(from, numbers.probation_months);
    if on < due {
        return Err(V::new(
            "w4.probation_running",
            format!(
                "试用期 {} 个月，{due} 期满后才能办理转正",
                numbers.probation_months
            ),
            format!(
                "Probation of {} months ends on {due}",
                numbers.probation_months
            ),
        ));
    }
    Ok(())
}

fn no_publicity() -> V {
    V::new(
        "w4.publicity_date",
        "任前公示尚未开始",
        "Publicity has not started",
    )
}

/// A pre-appointment check comes on or after the 酝酿 that proposed the cadre.
fn after_deliberation(others: &[&StepEntry], on: NaiveDate) -> Result<(), V> {
    let deliberated = others.iter().find_map(|e| match &*e.record {
        StepRecord::Deliberation { on, .. } => Some(*on),
        _ => None,
    });
    match deliberated {
        Some(d) if on < d => Err(V::new(
            "w4.date_order",
            format!("任前审核日期不能早于酝酿日期 {d}"),
            format!("The check cannot precede the deliberation of {d}"),
        )
        .on("on")),
        _ => Ok(()),
    }
}

fn nomination(state: &State, c: &Case, record: &mut StepRecord) -> Result<(), V> {
    let StepRecord::Nomination {
        post,
        cadre,
        kind,
        first_nominator,
        strengths,
        weaknesses,
        kinship,
        signature,
        ..
    } = record
    else {
        return Ok(());
    };
    in_case(Names(Some(&state.cadre_selection)), c, post)?;
    cadre_of(state, cadre)?;
    // The fields' own rules are `record_problems`'s; the record keeps them trimmed.
    *first_nominator = first_nominator.trim().to_string();
    if *kind == NominatorKind::Named {
        for field in [strengths, weaknesses, kinship, signature] {
            *field = field.trim().to_string();
        }
    }
    Ok(())
}

fn target(
    state: &State,
    c: &Case,
    on: NaiveDate,
    post: &str,
    cadre: &str,
    others: &[&StepEntry],
    numbers: &CadreSelectionPolicy,
) -> Result<(), V> {
    in_case(Names(Some(&state.cadre_selection)), c, post)?;
    let profile = cadre_of(state, cadre)?;
    if !c.nominated(post, cadre) {
        return Err(V::new(
            "w4.not_nominated",
            format!("{} 未经提名，不能列为考察对象", profile.name),
            format!("{} was not nominated", profile.name),
        ));
    }
    // The latest democratic recommendation for the post that names the cadre.
    let mut recs: Vec<(NaiveDate, u32, u32)> = others
        .iter()
        .filter_map(|e| match &*e.record {
            StepRecord::Recommendation {
                on: r_on,
                post: p,
                participants,
                votes,
                ..
            } if p == post && !e.record.counts_impossible() => {
                votes.get(cadre).map(|v| (*r_on, *v, *participants))
            }
            _ => None,
        })
        .collect();
    sorting::sort(&mut recs);
    let valid = recs
        .iter()
        .rev()
        .find(|r| r.0 <= on && on < add_months(r.0, numbers.recommendation_valid_months));
    let Some(&(_, votes, participants)) = valid else {
        return Err(match recs.last() {
            Some(r) => V::new(
                "w4.recommendation_expired",
                format!(
                    "{} 的民主推荐结果（{}）已超过 {} 个月有效期，不能使用",
                    profile.name, r.0, numbers.recommendation_valid_months
                ),
                format!(
                    "{}'s recommendation of {} is older than {} months and cannot be used",
                    profile.name, r.0, numbers.recommendation_valid_months
                ),
            ),
            None => V::new(
                "w4.no_recommendation",
                format!("{} 没有该职位的民主推荐结果", profile.name),
                format!(
                    "{} has no recommendation result for this post",
                    profile.name
                ),
            ),
        });
    };
    let grades = super::cadre::grades(state, cadre);
    let bars = exclusions(profile, &grades, Some((votes, participants)), on, numbers);
    if bars.is_empty() {
        return Ok(());
    }
    let zh: Vec<String> = bars.iter().map(|b| b.reason(true)).collect();
    let en: Vec<String> = bars.iter().map(|b| b.reason(false)).collect();
    Err(V::new(
        "w4.excluded",
        format!("{} 不得列为考察对象：{}", profile.name, zh.join("；")),
        format!(
            "{} cannot be an inspection target: {}",
            profile.name,
            en.join("; ")
        ),
    )
    .on("cadre"))
}

/// The rules of an inspection; returns whether it is an extended one.
fn inspection(
    state: &State,
    c: &Case,
    on: NaiveDate,
    post: &str,
    cadre: &str,
    numbers: &CadreSelectionPolicy,
) -> Result<bool, V> {
    in_case(Names(Some(&state.cadre_selection)), c, post)?;
    let profile = cadre_of(state, cadre)?;
    let targeted = c.live().into_iter().find_map(|e| match &*e.record {
        StepRecord::Target {
            on: t,
            post: p,
            cadre: cd,
        } if p == post && cd == cadre => Some(*t),
        _ => None,
    });
    let Some(targeted) = targeted else {
        return Err(V::new(
            "w4.not_target",
            format!("{} 不是该职位的考察对象", profile.name),
            format!("{} is not an inspection target for this post", profile.name),
        ));
    };
    if on < targeted {
        return Err(V::new(
            "w4.date_order",
            format!("考察日期不能早于确定考察对象的日期 {targeted}"),
            format!("The inspection cannot precede the designation of {targeted}"),
        )
        .on("on"));
    }
    Ok(current_position(profile, on)
        .is_none_or(|p| full_months(p.start, on) < numbers.extended_inspection_months))
}

fn vote(names: Names, c: &Case, record: &mut StepRecord, policy: &Policy) -> Result<(), V> {
    let StepRecord::Vote {
        on,
        post,
        cadre,
        members,
        present,
        votes_for,
        passed,
        ..
    } = record
    else {
        return Ok(());
    };
    in_case(names, c, post)?;
    if c.proposed().get(post.as_str()) != Some(cadre) {
        let (who, name) = (names.cadre(cadre), names.post(post));
        return Err(V::new(
            "w4.not_proposed",
            format!("{who} 不是职位“{name}”的拟任人选"),
            format!("{who} is not proposed for post “{name}”"),
        ));
    }
    if policy.cadre_selection.disclosure_before_decision {
        first_disclosure_done(names, c, cadre, *on)?;
    }
    *passed = policy
        .cadre_selection
        .passes(*votes_for, *members, *present);
    Ok(())
}

/// The cadre's first disclosure ran its whole window before the vote on `on`: one
/// live disclosure (two versions from two phones must be settled first).
fn first_disclosure_done(names: Names, c: &Case, cadre: &str, on: NaiveDate) -> Result<(), V> {
    let who = names.cadre(cadre);
    let first: Vec<_> = c
        .live_disclosures()
        .into_iter()
        .filter(|d| d.cadre == cadre && d.round == Round::First)
        .collect();
    if first.len() > 1 {
        return Err(V::new(
            "w4.disclosure_conflict",
            format!("{who} 的第一次有关事项公开有两个版本，须先更正为一条"),
            format!("{who}'s first disclosure has two versions; correct them into one first"),
        ));
    }
    if first.iter().any(|d| d.end < on) {
        return Ok(());
    }
    Err(V::new(
        "w4.disclosure_pending",
        format!("{who} 的第一次有关事项公开尚未期满，不能提交讨论决定"),
        format!("{who}'s first disclosure has not run its course before the vote"),
    ))
}

fn appointment(state: &State, c: &Case, on: NaiveDate, post: &str, cadre: &str) -> Result<(), V> {
    let names = Names(Some(&state.cadre_selection));
    in_case(names, c, post)?;
    let decided = c.decided();
    if decided.get(cadre).map(|d| d.0.as_str()) != Some(post) {
        let (who, name) = (names.cadre(cadre), names.post(post));
        return Err(V::new(
            "w4.not_decided",
            format!("{who} 未经讨论决定任职位“{name}”"),
            format!("{who} was not decided for post “{name}”"),
        ));
    }
    if c.complaints()
        .iter()
        .any(|x| x.cadre == cadre && matches!(x.verified, Some((_, Finding::Upheld, _))))
    {
        return Err(V::new(
            "w4.complaint_upheld",
            "举报经核实影响任用，不能任职",
            "A verified complaint bars this appointment",
        ));
    }
    if c.publicity().is_some_and(|(_, end)| on <= end) {
        return Err(V::new(
            "w4.publicity_running",
            "任前公示期满后才能任职",
            "Appointment comes after the publicity",
        ));
    }
    quota_ok(state, &c.id, post, cadre, on)
}
