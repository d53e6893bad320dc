//! What a user may record in a 选聘 round, in strict order, and why not.

use chrono::{Datelike, NaiveDate};

use super::event::{CareerPayEvent, Chosen, RecommendationStage, ReviewLevel, Slots, Votes};
use super::rules::{county_round, ineligibility, township_round, CountyRound, TownshipRound};
use super::state::Standing;
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::state::Actor;
use crate::domain::{RuleViolation, State};

/// What a user may do here, by role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// A township's steps: applications, 初审, publicity, objections, recommendations.
    Township,
    /// The county's steps: the round, 复审, inspection, candidates, decision, certificates.
    County,
}

impl Action {
    /// The roles allowed.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Township => &[Role::Organizer, Role::Admin],
            Action::County => &[Role::Admin],
        }
    }

    /// Whether `role` may.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        match self {
            Action::Township => only_roles(
                self.roles(),
                "记录乡镇的选聘环节",
                "record a township's steps",
            ),
            Action::County => only_roles(
                self.roles(),
                "记录旗县的选聘环节",
                "record the county's steps",
            ),
        }
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open `year`'s round with each township's slots.
    OpenRound {
        /// The year.
        year: i32,
        /// Slots per township.
        slots: Vec<Slots>,
        /// The day.
        on: NaiveDate,
    },
    /// Record a sitting head's written application.
    Apply {
        /// The year.
        year: i32,
        /// A new id.
        application: String,
        /// The person (`village_heads`).
        person: String,
        /// Their village.
        village: String,
        /// The day.
        on: NaiveDate,
    },
    /// 初审 or 复审 of an application (or its correction, replacing what the user saw).
    Review {
        /// The application.
        application: String,
        /// Township or county.
        level: ReviewLevel,
        /// Passed.
        passed: bool,
        /// Why not.
        reason: String,
        /// The day.
        on: NaiveDate,
        /// The reviews of it the user saw.
        seen: Vec<String>,
    },
    /// Begin the eligible list's publicity.
    Publicize {
        /// The year.
        year: i32,
        /// The township.
        township: String,
        /// First day.
        start: NaiveDate,
    },
    /// Record an objection.
    Object {
        /// A new id.
        objection: String,
        /// The application.
        application: String,
        /// What it says.
        content: String,
        /// The day.
        on: NaiveDate,
    },
    /// Resolve an objection.
    Resolve {
        /// The objection.
        objection: String,
        /// Upheld or dismissed.
        upheld: bool,
        /// What was found.
        note: String,
        /// The day.
        on: NaiveDate,
    },
    /// A township's recommendation (or its correction).
    Recommend {
        /// The year.
        year: i32,
        /// The township.
        township: String,
        /// 1:3 or 1:2.
        stage: RecommendationStage,
        /// Who.
        applications: Vec<String>,
        /// The meeting's day.
        on: NaiveDate,
        /// The recommendations the user saw.
        seen: Vec<String>,
    },
    /// The county's inspection of a reserve candidate.
    Inspect {
        /// The application.
        application: String,
        /// 民主测评.
        ballots: Votes,
        /// People talked to.
        talks: u32,
        /// The conclusion.
        conclusion: String,
        /// The day.
        on: NaiveDate,
    },
    /// Fix the formal candidates (or fix them anew).
    FixCandidates {
        /// The year.
        year: i32,
        /// Their applications.
        applications: Vec<String>,
        /// The day.
        on: NaiveDate,
        /// The fixings the user saw.
        seen: Vec<String>,
    },
    /// The leading group's decision (or a new one).
    Decide {
        /// The year.
        year: i32,
        /// The applications selected.
        applications: Vec<String>,
        /// The day.
        on: NaiveDate,
        /// The decisions the user saw.
        seen: Vec<String>,
    },
    /// Begin the decision's publicity.
    PublicizeResult {
        /// The year.
        year: i32,
        /// First day.
        start: NaiveDate,
    },
    /// Issue a 选聘证书.
    Certify {
        /// The application.
        application: String,
        /// The certificate's number.
        number: String,
        /// Issued on.
        issued_on: NaiveDate,
        /// Pay from.
        pay_from: NaiveDate,
    },
    /// Renew a holder's appointment for a year (一年一聘).
    Renew {
        /// The application of their certificate.
        application: String,
        /// The year.
        year: i32,
        /// The day of the review.
        on: NaiveDate,
    },
    /// End a holder's pay on a stated condition (or correct the end the user saw).
    Terminate {
        /// The application of their certificate.
        application: String,
        /// One of the policy's conditions.
        condition: String,
        /// What happened.
        note: String,
        /// The first day not paid.
        pay_ends: NaiveDate,
        /// The day it was decided.
        on: NaiveDate,
        /// The ends of it the user saw.
        seen: Vec<String>,
    },
}

pub(super) fn refuse(
    code: &'static str,
    zh: impl Into<String>,
    en: impl Into<String>,
) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// The events a command makes, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    may(&cmd, actor)?;
    let today = actor.today;
    let event = match cmd {
        Command::OpenRound { year, slots, on } => open_round(state, year, slots, on, today),
        Command::Publicize {
            year,
            township,
            start,
        } => publicize(state, year, township, start, today),
        Command::PublicizeResult { year, start } => publicize_result(state, year, start, today),
        Command::Renew {
            application,
            year,
            on,
        } => super::renewal::renew(state, application, year, on, today),
        Command::Terminate {
            application,
            condition,
            note,
            pay_ends,
            on,
            seen,
        } => super::renewal::terminate(
            state,
            application,
            (condition, note),
            (pay_ends, on, seen),
            today,
        ),
        cmd @ (Command::Apply { .. }
        | Command::Review { .. }
        | Command::Object { .. }
        | Command::Resolve { .. }) => application_step(state, cmd, today),
        cmd => selection_step(state, cmd, today),
    };
    event.map(|e| vec![EventBody::CareerPay(e)])
}

/// Refuse a role that may not record this step.
fn may(cmd: &Command, actor: &Actor) -> Result<(), RuleViolation> {
    if matches!(cmd, Command::Object { .. }) && actor.role == Role::VillageHead {
        return Ok(());
    }
    let township_review = matches!(
        cmd,
        Command::Review {
            level: ReviewLevel::Township,
            ..
        }
    );
    if township_review {
        return match actor.role {
            Role::Organizer => Ok(()),
            _ => Err(only_roles(
                &[Role::Organizer],
                "记录初审",
                "record the township's review",
            )),
        };
    }
    let action = match cmd {
        Command::Apply { .. }
        | Command::Publicize { .. }
        | Command::Object { .. }
        | Command::Resolve { .. }
        | Command::Recommend { .. } => Action::Township,
        _ => Action::County,
    };
    if action.allows(actor.role) {
        Ok(())
    } else {
        Err(action.only())
    }
}

/// An application and what is recorded about it: applying, reviews, objections.
fn application_step(
    state: &State,
    cmd: Command,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    match cmd {
        Command::Apply {
            year,
            application,
            person,
            village,
            on,
        } => apply(state, year, (application, person, village), on, today),
        Command::Review {
            application,
            level,
            passed,
            reason,
            on,
            seen,
        } => review(
            state,
            application,
            (level, passed, reason),
            (on, seen),
            today,
        ),
        Command::Object {
            objection,
            application,
            content,
            on,
        } => object(state, objection, application, content, (on, today)),
        Command::Resolve {
            objection,
            upheld,
            note,
            on,
        } => resolve(state, objection, upheld, note, on, today),
        _ => Err(not_this_step()),
    }
}

/// Choosing people: recommendations, inspection, candidates, decision, certificates.
fn selection_step(
    state: &State,
    cmd: Command,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    match cmd {
        Command::Recommend {
            year,
            township,
            stage,
            applications,
            on,
            seen,
        } => recommend(
            state,
            (year, township, stage),
            applications,
            (on, seen),
            today,
        ),
        Command::Inspect {
            application,
            ballots,
            talks,
            conclusion,
            on,
        } => inspect(state, application, (ballots, talks, conclusion), on, today),
        Command::FixCandidates {
            year,
            applications,
            on,
            seen,
        } => fix_candidates(state, year, applications, (on, seen), today),
        Command::Decide {
            year,
            applications,
            on,
            seen,
        } => decide_selection(state, year, applications, (on, seen), today),
        Command::Certify {
            application,
            number,
            issued_on,
            pay_from,
        } => certify(state, application, number, (issued_on, pay_from), today),
        _ => Err(not_this_step()),
    }
}

/// A command handed to the wrong part of `decide` (a programming error, never a user's).
fn not_this_step() -> RuleViolation {
    refuse(
        "career.internal",
        "无法记录此环节",
        "This step cannot be recorded",
    )
}

/// Refuse a new record of a step that has one: it is corrected (naming what the user
/// saw), never recorded again beside it.
pub(super) fn new_or_correction<T>(
    recorded: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
    code: &'static str,
    (zh, en): (&str, &str),
) -> Result<(), RuleViolation> {
    if recorded.is_some_and(|v| !v.is_empty()) && seen.is_empty() {
        return Err(refuse(code, zh, en));
    }
    Ok(())
}

/// What a step recorded once may be recorded again for: to settle two versions made at
/// once on two phones (the page shows both and offers the form again), replacing them
/// both. Otherwise `already`.
fn settling<T: PartialEq>(
    recorded: Option<&crate::domain::versions::Versions<T>>,
    already: RuleViolation,
) -> Result<Vec<String>, RuleViolation> {
    match recorded {
        Some(v) if v.conflicted() => Ok(v.live_ids()),
        Some(v) if !v.is_empty() => Err(already),
        _ => Ok(Vec::new()),
    }
}

/// Whether `start` is the first day of a live version of a publicity recorded two ways
/// (settling it keeps the publicity that ran, whatever today is).
fn recorded_start(
    recorded: Option<&crate::domain::versions::Versions<super::state::Publicity>>,
    start: NaiveDate,
) -> bool {
    recorded.is_some_and(|v| v.conflicted() && v.live().iter().any(|p| p.value.0 == start))
}

/// A day must not be after today nor before the round's year.
pub(super) fn day_ok(
    on: NaiveDate,
    today: NaiveDate,
    year: i32,
    field: &str,
) -> Result<(), RuleViolation> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    if on > today || on < first {
        let e = refuse(
            "career.date",
            format!("日期应在{first}至今天（{today}）之间"),
            format!("The day must be between {first} and today ({today})"),
        );
        return Err(e.on(field));
    }
    Ok(())
}

pub(super) fn text_required(
    text: &str,
    field: &str,
    zh: &str,
    en: &str,
) -> Result<String, RuleViolation> {
    let t = crate::domain::text::trimmed(text);
    if t.is_empty() {
        return Err(refuse(
            "field.required",
            format!("请填写{zh}"),
            format!("{en} is required"),
        )
        .on(field));
    }
    if t.chars().count() > 2_000 {
        return Err(refuse(
            "field.too_long",
            format!("{zh}最多2000字"),
            format!("{en}: at most 2,000 characters"),
        )
        .on(field));
    }
    Ok(t.to_string())
}

fn open_round(
    state: &State,
    year: i32,
    slots: Vec<Slots>,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    // Next year's round is opened this year: the day may fall in the year before.
    day_ok(on, today, year.saturating_sub(1), "on")?;
    let already = refuse(
        "career.round_open",
        format!("{year}年的选聘已开启"),
        format!("The {year} round is open already"),
    );
    let supersedes = settling(state.career_pay.rounds.get(&year), already)?;
    // Settling two openings found late is allowed in a later year too.
    let new_round = supersedes.is_empty();
    if new_round && (year < today.year() || year > today.year().saturating_add(1)) {
        let e = refuse(
            "career.year",
            "只能开启今年或明年的选聘",
            "Only this year's or next year's round can be opened",
        );
        return Err(e.on("year"));
    }
    let policy = state.policies.at(on).career_pay;
    let mut seen = Vec::new();
    for s in &slots {
        if !state.master.townships.contains_key(&s.township) || seen.contains(&&s.township) {
            return Err(refuse(
                "career.township",
                "名额只能分配给已登记的乡镇，每个乡镇一次",
                "Slots go to recorded townships, each once",
            )
            .on("slots"));
        }
        seen.push(&s.township);
    }
    let total: u64 = slots.iter().map(|s| u64::from(s.slots)).sum();
    let quota = policy.quota(state.master.villages.len());
    if total < quota.max(1) {
        return Err(refuse(
            "career.quota",
            format!(
                "名额合计{total}个，少于嘎查村总数（{}个）的{}%（向上取整为{quota}个）",
                state.master.villages.len(),
                policy.quota_pct
            ),
            format!(
                "{total} slots in all: fewer than {}% of the {} villages ({quota}, rounded up)",
                policy.quota_pct,
                state.master.villages.len()
            ),
        )
        .on("slots"));
    }
    let slots = slots.into_iter().filter(|s| s.slots > 0).collect();
    Ok(CareerPayEvent::CareerRoundOpened {
        year,
        slots,
        opened_on: on,
        supersedes,
    })
}

fn apply(
    state: &State,
    year: i32,
    (application, person, village): (String, String, String),
    on: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    crate::domain::id::check(&application, "application", "申请编号", "Application id")?;
    day_ok(on, today, year, "on")?;
    let township = state.master.township_of(&village);
    let round = township_round(state, year, &township);
    if round.slots == 0 {
        return Err(refuse(
            "career.no_slots",
            format!("{year}年本乡镇没有选聘名额（或选聘尚未开启）"),
            format!("This township has no slots in {year} (or the round is not open)"),
        ));
    }
    if !matches!(round.publicity, Standing::None) {
        return Err(refuse(
            "career.publicized",
            "资格审查名单已公示，不能再受理申请",
            "The eligible list is publicized: no more applications",
        ));
    }
    if let Some(problem) = ineligibility(state, &person, &village, on, &round.policy)
        .into_iter()
        .next()
    {
        return Err(problem.on("person"));
    }
    let applied = state.career_pay.applications.values().map(|(_, a)| a);
    if applied
        .filter(|a| a.year == year)
        .any(|a| a.person == person)
    {
        return Err(refuse(
            "career.applied",
            "此人本年度已申请",
            "This person has applied this year",
        )
        .on("person"));
    }
    let name = state
        .village_heads
        .person(&person)
        .map(|p| p.name)
        .unwrap_or_default();
    Ok(CareerPayEvent::CareerApplied {
        year,
        application,
        township,
        person,
        name,
        village,
        applied_on: on,
    })
}

fn review(
    state: &State,
    application: String,
    (level, passed, reason): (ReviewLevel, bool, String),
    (on, seen): (NaiveDate, Vec<String>),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let career = &state.career_pay;
    let Some(app) = career.application(&application) else {
        return Err(refuse(
            "career.application",
            "没有这份申请",
            "No such application",
        ));
    };
    day_ok(on, today, app.year, "on")?;
    if on < app.applied_on {
        return Err(refuse(
            "career.date",
            "审查日期不能早于申请日期",
            "A review cannot be before the application",
        )
        .on("on"));
    }
    let round = township_round(state, app.year, &app.township);
    if !matches!(round.publicity, Standing::None) {
        return Err(refuse(
            "career.publicized",
            "资格审查名单已公示，审查结果不能再改",
            "The eligible list is publicized: reviews are final",
        ));
    }
    if level == ReviewLevel::County {
        let view = round.apps.iter().find(|a| a.app.id == application);
        let first = view.and_then(|a| match a.township_review {
            Standing::One(r) if r.passed => Some(r.on),
            _ => None,
        });
        if first.is_some_and(|day| on < day) {
            let e = refuse(
                "career.date",
                "复审日期不能早于初审",
                "The county's review cannot be before the township's",
            );
            return Err(e.on("on"));
        }
        if first.is_none() {
            return Err(refuse(
                "career.order",
                "须先通过乡镇初审，才能复审",
                "The township's review must pass first",
            ));
        }
    }
    let reason = crate::domain::text::trimmed(&reason).to_string();
    if !passed && reason.is_empty() {
        return Err(refuse(
            "field.required",
            "未通过的须写明原因",
            "Say why it did not pass",
        )
        .on("reason"));
    }
    let key = (application.clone(), level, app.township.clone());
    let already = (
        "已有审查结果，请用“更正”修改",
        "Reviewed already: correct it instead",
    );
    new_or_correction(career.reviews.get(&key), &seen, "career.reviewed", already)?;
    let township = app.township.clone();
    Ok(CareerPayEvent::CareerReviewed {
        application,
        township,
        level,
        passed,
        reason,
        on,
        supersedes: seen,
    })
}

fn publicize(
    state: &State,
    year: i32,
    township: String,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let round = township_round(state, year, &township);
    if let Some(why) = round.before_publicity() {
        return Err(why);
    }
    let already = refuse(
        "career.publicized",
        "资格审查名单已公示",
        "The eligible list is publicized already",
    );
    let recorded = state.career_pay.publicity.get(&(year, township.clone()));
    let supersedes = settling(recorded, already)?;
    // Settling keeps one of the days recorded (the publicity that really ran).
    if !recorded_start(recorded, start) && start < today
        || start > crate::domain::time::add_days(today, 30)
    {
        return Err(refuse(
            "career.start",
            format!("公示开始日期应在今天（{today}）起30天内，不能倒填"),
            format!(
                "The publicity starts today ({today}) or within 30 days; it cannot be backdated"
            ),
        )
        .on("start"));
    }
    let days = i64::from(round.policy.publicity_days.max(1)) - 1;
    let end = crate::domain::time::add_days(start, days);
    let applications = round.eligible().iter().map(|a| a.app.id.clone()).collect();
    Ok(CareerPayEvent::CareerListPublicized {
        year,
        township,
        start,
        end,
        applications,
        supersedes,
    })
}

fn object(
    state: &State,
    objection: String,
    application: String,
    content: String,
    (on, today): (NaiveDate, NaiveDate),
) -> Result<CareerPayEvent, RuleViolation> {
    crate::domain::id::check(&objection, "objection", "异议编号", "Objection id")?;
    let Some(app) = state.career_pay.application(&application) else {
        return Err(
            refuse("career.application", "没有这份申请", "No such application").on("application"),
        );
    };
    let round = township_round(state, app.year, &app.township);
    let Standing::One((start, end, _)) = round.publicity else {
        return Err(refuse(
            "career.publicity",
            "名单尚未公示",
            "The list is not publicized",
        ));
    };
    if on < *start || on > *end || on > today {
        return Err(refuse(
            "career.window",
            format!("异议须在公示期内（{start}至{end}）提出"),
            format!("Objections are raised during the publicity ({start} to {end})"),
        )
        .on("on"));
    }
    let content = text_required(&content, "content", "异议内容", "The objection")?;
    Ok(CareerPayEvent::CareerObjected {
        objection,
        application,
        township: app.township.clone(),
        content,
        raised_on: on,
    })
}

fn resolve(
    state: &State,
    objection: String,
    upheld: bool,
    note: String,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let career = &state.career_pay;
    let Some(o) = career.objection(&objection) else {
        return Err(refuse(
            "career.objection",
            "没有这条异议",
            "No such objection",
        ));
    };
    if on < o.raised_on || on > today {
        return Err(refuse(
            "career.date",
            "处理日期应在提出之后、不晚于今天",
            "Resolved after it was raised, and not after today",
        )
        .on("on"));
    }
    let key = (o.township.clone(), objection.clone());
    if career.resolutions.get(&key).is_some_and(|v| !v.is_empty()) {
        return Err(refuse(
            "career.resolved",
            "这条异议已处理",
            "This objection is resolved",
        ));
    }
    let note = text_required(&note, "note", "核查情况", "What was found")?;
    let township = o.township.clone();
    Ok(CareerPayEvent::CareerObjectionResolved {
        objection,
        township,
        upheld,
        note,
        on,
    })
}

fn recommend(
    state: &State,
    (year, township, stage): (i32, String, RecommendationStage),
    applications: Vec<String>,
    (on, seen): (NaiveDate, Vec<String>),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    day_ok(on, today, year, "on")?;
    let round = township_round(state, year, &township);
    if let Some(why) = round.before_initial(on) {
        return Err(why);
    }
    if let (RecommendationStage::Reserve, Standing::One(initial)) = (stage, round.initial) {
        if on < initial.on {
            let e = refuse(
                "career.date",
                "党委会推荐不能早于扩大会议推荐",
                "The party committee cannot meet before the extended meeting",
            );
            return Err(e.on("on"));
        }
    }
    let (pool, needed) = recommendation_pool(&round, stage)?;
    let mut unique = applications.clone();
    crate::domain::sorting::sort(&mut unique);
    unique.dedup();
    let outside = applications.iter().any(|a| !pool.contains(&a.as_str()));
    if unique.len() != applications.len() || outside {
        let e = refuse(
            "career.pool",
            "只能从符合条件的人员中推荐，每人一次",
            "Recommend only from those who may be, each once",
        );
        return Err(e.on("applications"));
    }
    if applications.len() != needed {
        return Err(ratio_problem(&round, stage, needed, applications.len()));
    }
    let key = (year, township.clone(), stage);
    let recorded = state.career_pay.recommendations.get(&key);
    let already = (
        "已推荐，请用“更正”修改",
        "Recommended already: correct it instead",
    );
    new_or_correction(recorded, &seen, "career.recommended", already)?;
    let supersedes = seen;
    Ok(CareerPayEvent::CareerRecommended {
        year,
        township,
        stage,
        applications,
        on,
        supersedes,
    })
}

/// Whom a recommendation chooses from, and how many it names; or why it cannot be made.
fn recommendation_pool<'a>(
    round: &'a TownshipRound<'_>,
    stage: RecommendationStage,
) -> Result<(Vec<&'a str>, usize), RuleViolation> {
    match (stage, round.initial, round.reserve) {
        (RecommendationStage::Initial, _, Standing::None) => {
            let clear = round.clear().into_iter().map(|a| a.app.id.as_str());
            Ok((clear.collect(), round.initial_count()))
        }
        (RecommendationStage::Initial, _, _) => Err(refuse(
            "career.order",
            "预备人选已推荐，初步人选不能再改",
            "The reserve candidates are recommended: the initial ones are final",
        )),
        (RecommendationStage::Reserve, Standing::One(_), _) => {
            Ok((round.initial_ids(), round.reserve_count()))
        }
        (RecommendationStage::Reserve, _, _) => Err(refuse(
            "career.order",
            "须先记录扩大会议推荐的初步人选",
            "Record the extended meeting's initial candidates first",
        )),
    }
}

/// A recommendation naming `given` where the ratio asks for `needed`.
fn ratio_problem(
    round: &TownshipRound<'_>,
    stage: RecommendationStage,
    needed: usize,
    given: usize,
) -> RuleViolation {
    let (per_slot, zh_body, en_body) = match stage {
        RecommendationStage::Initial => (
            round.policy.initial_per_slot,
            "扩大会议",
            "extended meeting",
        ),
        RecommendationStage::Reserve => {
            (round.policy.reserve_per_slot, "党委会", "party committee")
        }
    };
    let slots = round.slots;
    refuse(
        "career.ratio",
        format!("{zh_body}按1:{per_slot}推荐，本乡镇{slots}个名额应推荐{needed}人，现为{given}人"),
        format!("The {en_body} recommends 1:{per_slot}: {needed} for {slots} slots, not {given}"),
    )
    .on("applications")
}

fn inspect(
    state: &State,
    application: String,
    (ballots, talks, conclusion): (Votes, u32, String),
    on: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let Some(app) = state.career_pay.application(&application) else {
        return Err(refuse(
            "career.application",
            "没有这份申请",
            "No such application",
        ));
    };
    day_ok(on, today, app.year, "on")?;
    let round = township_round(state, app.year, &app.township);
    if !round.reserve_ids().contains(&application.as_str()) {
        return Err(refuse(
            "career.order",
            "只考察党委会推荐的预备人选",
            "Only reserve candidates are inspected",
        ));
    }
    if matches!(round.reserve, Standing::One(r) if on < r.on) {
        let e = refuse(
            "career.date",
            "考察日期不能早于党委会推荐",
            "An inspection cannot be before the party committee's recommendation",
        );
        return Err(e.on("on"));
    }
    let already = refuse("career.inspected", "已记录考察", "Inspected already");
    let supersedes = settling(state.career_pay.inspections.get(&application), already)?;
    if ballots.total() == 0 || talks == 0 {
        return Err(refuse(
            "career.inspection",
            "须记录民主测评票数和个别谈话人数",
            "Record the evaluation's votes and the people talked to",
        )
        .on("ballots"));
    }
    let conclusion = text_required(&conclusion, "conclusion", "考察结论", "The conclusion")?;
    Ok(CareerPayEvent::CareerInspected {
        application,
        township: app.township.clone(),
        ballots,
        talks,
        conclusion,
        on,
        supersedes,
    })
}

fn county(state: &State, year: i32) -> Result<CountyRound<'_>, RuleViolation> {
    county_round(state, year).ok_or_else(|| {
        refuse(
            "career.no_round",
            format!("{year}年的选聘尚未开启"),
            format!("The {year} round is not open"),
        )
    })
}

fn pick(pool: &[Chosen], applications: &[String]) -> Result<Vec<Chosen>, RuleViolation> {
    let mut out: Vec<Chosen> = Vec::new();
    for a in applications {
        let Some(c) = pool
            .iter()
            .find(|c| &c.application == a)
            .filter(|_| !out.iter().any(|o| &o.application == a))
        else {
            return Err(refuse(
                "career.pool",
                "只能从符合条件的人员中选择，每人一次",
                "Choose only from those who may be, each once",
            )
            .on("applications"));
        };
        out.push(c.clone());
    }
    Ok(out)
}

fn fix_candidates(
    state: &State,
    year: i32,
    applications: Vec<String>,
    (on, seen): (NaiveDate, Vec<String>),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    day_ok(on, today, year, "on")?;
    let round = county(state, year)?;
    if !matches!(round.decision, Standing::None) {
        return Err(refuse(
            "career.decided",
            "已作出决定，正式候选人不能再改",
            "Decided already: the candidates are final",
        ));
    }
    let candidates = pick(&round.inspected(), &applications)?;
    let inspected_on = candidates
        .iter()
        .filter_map(|c| {
            state
                .career_pay
                .inspections
                .get(&c.application)?
                .current()
                .map(|i| i.on)
        })
        .max();
    if inspected_on.is_some_and(|last| on < last) {
        let e = refuse(
            "career.date",
            "确定正式候选人不能早于考察",
            "The candidates cannot be fixed before they were inspected",
        );
        return Err(e.on("on"));
    }
    let policy = round.policy.clone();
    let needed = round.candidates_needed();
    if (candidates.len() as u64) < needed {
        return Err(refuse(
            "career.margin",
            format!(
                "正式候选人须不少于{needed}人（{}个名额，差额{}%向上取整），现为{}人",
                round.slots,
                policy.margin_pct,
                candidates.len()
            ),
            format!(
                "At least {needed} formal candidates ({} slots plus {}%, rounded up), not {}",
                round.slots,
                policy.margin_pct,
                candidates.len()
            ),
        )
        .on("applications"));
    }
    let recorded = state.career_pay.candidates.get(&year);
    let already = (
        "正式候选人已确定，请用“更正”修改",
        "Fixed already: correct it instead",
    );
    new_or_correction(recorded, &seen, "career.fixed", already)?;
    Ok(CareerPayEvent::CareerCandidatesFixed {
        year,
        candidates,
        on,
        supersedes: seen,
    })
}

fn decide_selection(
    state: &State,
    year: i32,
    applications: Vec<String>,
    (on, seen): (NaiveDate, Vec<String>),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    day_ok(on, today, year, "on")?;
    let round = county(state, year)?;
    let Standing::One((_, fixed_on)) = round.candidates else {
        return Err(refuse(
            "career.order",
            "须先确定正式候选人",
            "Fix the formal candidates first",
        ));
    };
    if on < *fixed_on {
        let e = refuse(
            "career.date",
            "决定日期不能早于确定正式候选人的日期",
            "The decision cannot be before the candidates were fixed",
        );
        return Err(e.on("on"));
    }
    if !matches!(round.publicity, Standing::None) {
        return Err(refuse(
            "career.publicized",
            "结果已公示，决定不能再改",
            "The result is publicized: the decision is final",
        ));
    }
    let selected = pick(&round.valid_candidates(), &applications)?;
    if selected.is_empty() || selected.len() as u64 > round.slots {
        return Err(refuse(
            "career.slots",
            format!("应选聘1至{}人，现为{}人", round.slots, selected.len()),
            format!("Select 1 to {}, not {}", round.slots, selected.len()),
        )
        .on("applications"));
    }
    for t in &round.townships {
        let here = selected.iter().filter(|c| c.township == t.township).count() as u64;
        if here > u64::from(t.slots) {
            let name = state.master.township_label(&t.township);
            return Err(refuse(
                "career.slots",
                format!("{name}只有{}个名额，选聘了{here}人", t.slots),
                format!("{name} has {} slots, not {here}", t.slots),
            )
            .on("applications"));
        }
    }
    let recorded = state.career_pay.decisions.get(&year);
    let already = (
        "已作出决定，请用“更正”修改",
        "Decided already: correct it instead",
    );
    new_or_correction(recorded, &seen, "career.decided", already)?;
    Ok(CareerPayEvent::CareerDecided {
        year,
        selected,
        on,
        supersedes: seen,
    })
}

fn publicize_result(
    state: &State,
    year: i32,
    start: NaiveDate,
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let round = county(state, year)?;
    let Standing::One((_, decided_on)) = round.decision else {
        return Err(refuse(
            "career.order",
            "须先作出选聘决定（且无冲突）",
            "Decide first (with no conflict)",
        ));
    };
    let already = refuse(
        "career.publicized",
        "结果已公示",
        "The result is publicized already",
    );
    let recorded = state.career_pay.result_publicity.get(&year);
    let supersedes = settling(recorded, already)?;
    let settles = recorded_start(recorded, start) && start >= *decided_on;
    if !settles && start < today.max(*decided_on)
        || start > crate::domain::time::add_days(today, 30)
    {
        return Err(refuse(
            "career.start",
            format!("公示开始日期应在今天（{today}）起30天内，不早于决定日期"),
            format!(
                "The publicity starts today ({today}) or within 30 days, not before the decision"
            ),
        )
        .on("start"));
    }
    let selected: Vec<String> = round
        .valid_selected()
        .into_iter()
        .map(|c| c.application)
        .collect();
    if selected.is_empty() {
        return Err(refuse(
            "career.slots",
            "决定中没有仍符合条件的人员",
            "Nobody the decision selects is still allowed",
        ));
    }
    let days = i64::from(round.policy.publicity_days.max(1)) - 1;
    let end = crate::domain::time::add_days(start, days);
    Ok(CareerPayEvent::CareerResultPublicized {
        year,
        start,
        end,
        selected,
        supersedes,
    })
}

fn certify(
    state: &State,
    application: String,
    number: String,
    (issued_on, pay_from): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> Result<CareerPayEvent, RuleViolation> {
    let Some(app) = state.career_pay.application(&application) else {
        return Err(refuse(
            "career.application",
            "没有这份申请",
            "No such application",
        ));
    };
    let round = county(state, app.year)?;
    let Standing::One((_, end, publicized)) = round.publicity else {
        return Err(refuse(
            "career.order",
            "须先公示选聘结果",
            "Publicize the result first",
        ));
    };
    // Selected by the decision as it stands, and named by the publicity.
    let selected = round.valid_selected();
    let chosen = selected
        .into_iter()
        .find(|c| c.application == application && publicized.contains(&c.application));
    let Some(chosen) = chosen else {
        return Err(refuse(
            "career.not_selected",
            "此人未被选聘或未经公示",
            "This person was not selected, or not publicized",
        ));
    };
    if issued_on <= *end || issued_on > today {
        return Err(refuse(
            "career.date",
            format!("公示至{end}，发证日期应在公示期满后、不晚于今天"),
            format!("The publicity runs until {end}: issue after it, and not after today"),
        )
        .on("issued_on"));
    }
    if pay_from <= *end {
        return Err(refuse(
            "career.pay_from",
            "待遇起始日期应在公示期满之后",
            "Pay starts after the publicity ends",
        )
        .on("pay_from"));
    }
    let number = text_required(&number, "number", "证书编号", "The certificate's number")?;
    let career = &state.career_pay;
    let already = refuse("career.certified", "已发证", "Certified already");
    let supersedes = settling(career.certificates.get(&application), already)?;
    let others = career
        .certificates
        .iter()
        .filter(|(a, _)| **a != application);
    let taken = others
        .flat_map(|(_, v)| v.live())
        .any(|c| c.value.number == number);
    if taken {
        return Err(refuse(
            "career.number",
            "证书编号已被使用",
            "This number is used already",
        )
        .on("number"));
    }
    Ok(CareerPayEvent::CareerCertified {
        application,
        chosen,
        number,
        issued_on,
        pay_from,
        supersedes,
    })
}
