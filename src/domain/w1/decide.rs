//! The W1 decider (plus master data and policy): validate a command against the
//! state and the policy in force, and return the events to record.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::{scoring, Indicator, Outcome, Period, VillageResult};
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::policy::Policy;
use crate::domain::score::format_halves;
use crate::domain::state::{Actor, State};
use crate::domain::time::add_days;
use crate::domain::RuleViolation as V;

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add or rename a township (admin).
    RecordTownship { township: String, name: String },
    /// Add or update a village (admin), with its two heads if both are given.
    RecordVillage {
        village: String,
        township: String,
        name: String,
        population: u32,
        secretary: String,
        director: String,
    },
    /// Record the village's 书记 and 主任 (admin or organizer).
    RecordHeads {
        village: String,
        secretary: String,
        director: String,
    },
    /// Change policy from a date (admin).
    ChangePolicy {
        effective_from: NaiveDate,
        policy: Policy,
    },
    /// Publish (or, before any score, replace) the township's indicators for a year.
    PublishIndicators {
        township: String,
        year: i32,
        indicators: Vec<Indicator>,
    },
    /// Submit a village's scores for a period (assessor).
    SubmitScores {
        village: String,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
        assessor: String,
        assessed_on: NaiveDate,
        note: String,
    },
    /// Correct the standing scores before publicity, with a reason.
    CorrectScores {
        village: String,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
        reason: String,
    },
    /// Open the 公示 of a quarter's result.
    OpenPublicity {
        village: String,
        year: i32,
        period: Period,
        start: NaiveDate,
    },
    /// Record an objection raised during publicity.
    RaiseObjection {
        village: String,
        year: i32,
        period: Period,
        objector: String,
        content: String,
        raised_on: NaiveDate,
    },
    /// Resolve an objection: upheld with corrected scores, or dismissed with a reason.
    ResolveObjection {
        village: String,
        year: i32,
        period: Period,
        objection: String,
        upheld: Option<BTreeMap<String, u32>>,
        note: String,
        resolved_on: NaiveDate,
    },
    /// Record the scores that stand after conflicting concurrent entries.
    ResolveConflict {
        village: String,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
        reason: String,
    },
    /// Finalize a quarter's result after its publicity window.
    Finalize {
        village: String,
        year: i32,
        period: Period,
        on: NaiveDate,
    },
    /// Grade the township's villages and compute pay (a re-grading needs a reason).
    Grade {
        township: String,
        year: i32,
        on: NaiveDate,
        reason: String,
    },
    /// Record the 诫勉谈话 with a 不合格 village's heads.
    RecordWarningTalk {
        village: String,
        year: i32,
        held_by: String,
        held_on: NaiveDate,
        note: String,
    },
    /// Record that a 不合格 village's 限期整改 is complete.
    CompleteRectification {
        village: String,
        year: i32,
        completed_on: NaiveDate,
        note: String,
    },
}

impl Command {
    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        use Command::*;
        match self {
            RecordTownship { .. } | RecordVillage { .. } | ChangePolicy { .. } => &[Role::Admin],
            RecordHeads { .. } => &[Role::Admin, Role::Organizer],
            SubmitScores { .. } | CorrectScores { .. } => &[Role::Assessor, Role::Organizer],
            RaiseObjection { .. } => &[Role::Organizer, Role::Assessor, Role::VillageHead],
            PublishIndicators { .. }
            | OpenPublicity { .. }
            | ResolveObjection { .. }
            | ResolveConflict { .. }
            | Finalize { .. }
            | Grade { .. }
            | RecordWarningTalk { .. }
            | CompleteRectification { .. } => &[Role::Organizer],
        }
    }
}

/// Validate `cmd` by `actor` against `state` and the policy in force; return the
/// events to record. Nothing is recorded on error.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    if !cmd.roles().contains(&actor.role) {
        let allowed: Vec<&str> = cmd.roles().iter().map(|r| r.label(true)).collect();
        let allowed_en: Vec<&str> = cmd.roles().iter().map(|r| r.label(false)).collect();
        return Err(V::new(
            "auth.role",
            format!(
                "“{}”无权进行此操作，需要：{}",
                actor.role.label(true),
                allowed.join("、")
            ),
            format!(
                "A {} may not do this; it needs: {}",
                actor.role.label(false),
                allowed_en.join(", ")
            ),
        ));
    }
    let policy = state.policies.at(actor.today);
    match cmd {
        Command::RecordTownship { township, name } => {
            let name = required(&name, "name", "乡镇名称", "Township name")?;
            if state
                .master
                .townships
                .values()
                .any(|t| t.name == name && t.id != township)
            {
                return Err(V::new(
                    "master.duplicate",
                    format!("已有名为“{name}”的乡镇"),
                    format!("A township named {name} exists"),
                )
                .on("name"));
            }
            Ok(vec![EventBody::TownshipRecorded { township, name }])
        }
        Command::RecordVillage {
            village,
            township,
            name,
            population,
            secretary,
            director,
        } => {
            state.master.township(&township)?;
            let name = required(&name, "name", "村名", "Village name")?;
            if state
                .master
                .villages
                .values()
                .any(|v| v.township == township && v.name == name && v.id != village)
            {
                return Err(V::new(
                    "master.duplicate",
                    format!("本乡镇已有名为“{name}”的村"),
                    format!("This township already has a village named {name}"),
                )
                .on("name"));
            }
            let mut events = vec![EventBody::VillageRecorded {
                village: village.clone(),
                township,
                name,
                population,
            }];
            if !secretary.trim().is_empty() || !director.trim().is_empty() {
                let secretary = required(
                    &secretary,
                    "secretary",
                    "书记姓名",
                    "Party secretary's name",
                )?;
                let director = required(&director, "director", "主任姓名", "Director's name")?;
                let current = state.master.villages.get(&village);
                if current.is_none_or(|v| v.secretary != secretary || v.director != director) {
                    events.push(EventBody::HeadsRecorded {
                        village,
                        secretary,
                        director,
                    });
                }
            }
            Ok(events)
        }
        Command::RecordHeads {
            village,
            secretary,
            director,
        } => {
            state.master.village(&village)?;
            let secretary = required(
                &secretary,
                "secretary",
                "书记姓名",
                "Party secretary's name",
            )?;
            let director = required(&director, "director", "主任姓名", "Director's name")?;
            Ok(vec![EventBody::HeadsRecorded {
                village,
                secretary,
                director,
            }])
        }
        Command::ChangePolicy {
            effective_from,
            policy,
        } => {
            policy.validate()?;
            Ok(vec![EventBody::PolicyChanged {
                effective_from,
                policy,
            }])
        }
        Command::PublishIndicators {
            township,
            year,
            indicators,
        } => {
            state.master.township(&township)?;
            check_indicators(&indicators)?;
            let current = state.w1.indicators(&township, year);
            if current.is_some() && any_scores(state, &township, year) {
                return Err(V::new(
                    "w1.indicators_locked",
                    "本年度已有评分记录，考评指标不能再更换",
                    "Scores have been recorded this year; the indicator set can no longer be replaced",
                ));
            }
            let version = current.map(|s| s.version + 1).unwrap_or(1);
            Ok(vec![EventBody::IndicatorsPublished {
                township,
                year,
                version,
                indicators,
            }])
        }
        Command::SubmitScores {
            village,
            year,
            period,
            scores,
            assessor,
            assessed_on,
            note,
        } => {
            let v = state.master.village(&village)?;
            let set = indicator_set(state, &v.township, year)?;
            let assessor = required(&assessor, "assessor", "考核人", "Assessor")?;
            check_not_future(assessed_on, actor.today, "assessed_on")?;
            check_scores(&set.indicators, &scores, &state.policies.at(assessed_on))?;
            if let Some(slot) = state.w1.slot(&village, year, period) {
                if !slot.live().is_empty() {
                    return Err(V::new(
                        "w1.already_submitted",
                        format!("{}{}的评分已提交，如需修改请作更正并说明理由", v.name, period.label(true)),
                        format!("{} {} was already submitted; record a correction with a reason instead", v.name, period.label(false)),
                    ));
                }
            }
            Ok(vec![EventBody::ScoresSubmitted {
                village,
                year,
                period,
                indicator_version: set.version,
                scores,
                assessor,
                assessed_on,
                note: note.trim().to_string(),
                supersedes: vec![],
                reason: String::new(),
            }])
        }
        Command::CorrectScores {
            village,
            year,
            period,
            scores,
            reason,
        } => {
            let v = state.master.village(&village)?;
            let set = indicator_set(state, &v.township, year)?;
            let slot = state.w1.slot(&village, year, period);
            let standing = slot.and_then(|s| s.standing()).ok_or_else(|| {
                if slot.is_some_and(|s| s.needs_review()) {
                    conflict_error()
                } else {
                    V::new(
                        "w1.nothing_to_correct",
                        "尚无评分可更正",
                        "There are no scores to correct",
                    )
                }
            })?;
            if slot.is_some_and(|s| s.publicity_start().is_some()) {
                return Err(V::new(
                    "w1.correction_in_publicity",
                    "结果已进入公示，更正须通过异议处理",
                    "The result is under publicity; corrections go through an objection",
                ));
            }
            let reason = required(&reason, "reason", "更正理由", "Reason for the correction")?;
            check_scores(&set.indicators, &scores, &policy)?;
            let (assessor, assessed_on, note) = match &standing.source {
                super::Source::Assessment {
                    assessor,
                    assessed_on,
                    note,
                    ..
                } => (assessor.clone(), *assessed_on, note.clone()),
                _ => (actor.name.clone(), actor.today, String::new()),
            };
            Ok(vec![EventBody::ScoresSubmitted {
                village,
                year,
                period,
                indicator_version: set.version,
                scores,
                assessor,
                assessed_on,
                note,
                supersedes: slot
                    .map(|s| s.live().iter().map(|v| v.event.clone()).collect())
                    .unwrap_or_default(),
                reason,
            }])
        }
        Command::OpenPublicity {
            village,
            year,
            period,
            start,
        } => {
            let v = state.master.village(&village)?;
            if !period.is_quarter() {
                return Err(V::new(
                    "w1.no_publicity_annual",
                    "年度考评结果不单独公示",
                    "Annual results are not publicized separately",
                ));
            }
            let slot = standing_slot(state, &village, year, period, &v.name)?;
            if slot.publicity_start().is_some() {
                return Err(V::new(
                    "w1.publicity_already_open",
                    "该结果已在公示",
                    "Publicity is already open",
                ));
            }
            check_not_future(start, actor.today, "start")?;
            if let Some(super::Source::Assessment { assessed_on, .. }) =
                slot.standing().map(|s| &s.source)
            {
                if start < *assessed_on {
                    return Err(V::new(
                        "w1.publicity_before_assessment",
                        "公示不能早于考核日期",
                        "Publicity cannot start before the assessment date",
                    )
                    .on("start"));
                }
            }
            Ok(vec![EventBody::PublicityOpened {
                village,
                year,
                period,
                start,
            }])
        }
        Command::RaiseObjection {
            village,
            year,
            period,
            objector,
            content,
            raised_on,
        } => {
            let v = state.master.village(&village)?;
            let slot = state.w1.slot(&village, year, period);
            let start = slot.and_then(|s| s.publicity_start()).ok_or_else(|| {
                V::new(
                    "w1.no_publicity",
                    format!("{}{}尚未公示，无法登记异议", v.name, period.label(true)),
                    "The result is not under publicity; no objection can be recorded",
                )
            })?;
            if slot.is_some_and(|s| s.finalized.is_some()) {
                return Err(V::new(
                    "w1.already_final",
                    "结果已定稿",
                    "The result is already final",
                ));
            }
            let p = state.policies.at(start);
            let end = window_end(start, &p);
            if raised_on < start || raised_on > end {
                return Err(V::new(
                    "w1.objection_outside_window",
                    format!("异议须在公示期内（{start} 至 {end}）提出"),
                    format!(
                        "Objections must be raised within the publicity window ({start} to {end})"
                    ),
                )
                .on("raised_on"));
            }
            check_not_future(raised_on, actor.today, "raised_on")?;
            let objector = required(&objector, "objector", "异议人", "Objector")?;
            let content = required(&content, "content", "异议内容", "Objection")?;
            Ok(vec![EventBody::ObjectionRaised {
                village,
                year,
                period,
                objector,
                content,
                raised_on,
            }])
        }
        Command::ResolveObjection {
            village,
            year,
            period,
            objection,
            upheld,
            note,
            resolved_on,
        } => {
            let v = state.master.village(&village)?;
            let set = indicator_set(state, &v.township, year)?;
            let slot = state.w1.slot(&village, year, period);
            let o = slot
                .and_then(|s| s.objections.get(&objection))
                .filter(|o| !o.content.is_empty())
                .ok_or_else(|| V::new("w1.no_objection", "找不到该异议", "Unknown objection"))?;
            if o.resolution.is_some() {
                return Err(V::new(
                    "w1.objection_resolved",
                    "该异议已处理",
                    "The objection is already resolved",
                ));
            }
            check_not_future(resolved_on, actor.today, "resolved_on")?;
            if resolved_on < o.raised_on {
                return Err(V::new(
                    "w1.resolved_before_raised",
                    "处理日期不能早于异议日期",
                    "Resolution cannot predate the objection",
                )
                .on("resolved_on"));
            }
            let outcome = match upheld {
                Some(scores) => {
                    let slot = slot.expect("objection implies slot");
                    if slot.needs_review() {
                        return Err(conflict_error());
                    }
                    check_scores(&set.indicators, &scores, &policy)?;
                    let note = required(&note, "note", "核实情况", "Finding")?;
                    Outcome::Upheld {
                        scores,
                        supersedes: slot.live().iter().map(|v| v.event.clone()).collect(),
                        note,
                    }
                }
                None => Outcome::Dismissed {
                    reason: required(&note, "note", "不予采纳的理由", "Reason for dismissal")?,
                },
            };
            Ok(vec![EventBody::ObjectionResolved {
                village,
                year,
                period,
                objection,
                outcome,
                resolved_on,
            }])
        }
        Command::ResolveConflict {
            village,
            year,
            period,
            scores,
            reason,
        } => {
            let v = state.master.village(&village)?;
            let set = indicator_set(state, &v.township, year)?;
            let slot = state
                .w1
                .slot(&village, year, period)
                .filter(|s| s.needs_review())
                .ok_or_else(|| {
                    V::new(
                        "w1.no_conflict",
                        "该结果没有待复核的冲突",
                        "There is no conflict to resolve",
                    )
                })?;
            check_scores(&set.indicators, &scores, &policy)?;
            let reason = required(&reason, "reason", "复核说明", "Review note")?;
            Ok(vec![EventBody::ConflictResolved {
                village,
                year,
                period,
                scores,
                supersedes: slot.live().iter().map(|v| v.event.clone()).collect(),
                reason,
            }])
        }
        Command::Finalize {
            village,
            year,
            period,
            on,
        } => {
            let v = state.master.village(&village)?;
            if !period.is_quarter() {
                return Err(V::new(
                    "w1.no_publicity_annual",
                    "年度考评结果无需定稿",
                    "Annual results need no finalization",
                ));
            }
            let slot = standing_slot(state, &village, year, period, &v.name)?;
            if slot.finalized.is_some() {
                return Err(V::new(
                    "w1.already_final",
                    "结果已定稿",
                    "The result is already final",
                ));
            }
            let start = slot.publicity_start().ok_or_else(|| {
                V::new(
                    "w1.no_publicity",
                    "结果须先公示7天才能定稿",
                    "The result must be publicized before it is final",
                )
            })?;
            let p = state.policies.at(start);
            let end = window_end(start, &p);
            check_not_future(on, actor.today, "on")?;
            if on <= end {
                return Err(V::new(
                    "w1.publicity_open",
                    format!(
                        "公示期（{start} 至 {end}，共{}天）未满，{} 起方可定稿",
                        p.publicity_days,
                        add_days(end, 1)
                    ),
                    format!(
                        "The {}-day publicity ({start} to {end}) has not ended; finalize from {}",
                        p.publicity_days,
                        add_days(end, 1)
                    ),
                ));
            }
            let open = slot.open_objections();
            if !open.is_empty() {
                return Err(V::new(
                    "w1.objection_open",
                    format!("还有{}条异议未处理，不能定稿", open.len()),
                    format!("{} objection(s) unresolved; cannot finalize", open.len()),
                ));
            }
            Ok(vec![EventBody::ResultFinalized {
                village,
                year,
                period,
                finalized_on: on,
            }])
        }
        Command::Grade {
            township,
            year,
            on,
            reason,
        } => grade(state, township, year, on, reason, actor),
        Command::RecordWarningTalk {
            village,
            year,
            held_by,
            held_on,
            note,
        } => {
            failed_village(state, &village, year)?;
            if state
                .w1
                .talks
                .get(&(village.clone(), year))
                .is_some_and(|t| !t.is_empty())
            {
                return Err(V::new(
                    "w1.talk_done",
                    "诫勉谈话已登记",
                    "The warning talk is already recorded",
                ));
            }
            let held_by = required(
                &held_by,
                "held_by",
                "谈话人（乡镇党委书记）",
                "Held by (township party secretary)",
            )?;
            check_not_future(held_on, actor.today, "held_on")?;
            Ok(vec![EventBody::WarningTalkHeld {
                village,
                year,
                held_by,
                held_on,
                note: note.trim().to_string(),
            }])
        }
        Command::CompleteRectification {
            village,
            year,
            completed_on,
            note,
        } => {
            failed_village(state, &village, year)?;
            if state
                .w1
                .rectifications
                .get(&(village.clone(), year))
                .is_some_and(|t| !t.is_empty())
            {
                return Err(V::new(
                    "w1.rectification_done",
                    "整改已登记完成",
                    "Rectification is already recorded complete",
                ));
            }
            let note = required(&note, "note", "整改情况", "What was rectified")?;
            check_not_future(completed_on, actor.today, "completed_on")?;
            Ok(vec![EventBody::RectificationCompleted {
                village,
                year,
                completed_on,
                note,
            }])
        }
    }
}

/// Last day of the publicity window that starts on `start` (inclusive).
pub fn window_end(start: NaiveDate, policy: &Policy) -> NaiveDate {
    add_days(start, i64::from(policy.publicity_days) - 1)
}

fn grade(
    state: &State,
    township: String,
    year: i32,
    on: NaiveDate,
    reason: String,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    state.master.township(&township)?;
    check_not_future(on, actor.today, "on")?;
    if on.year() < year {
        return Err(V::new(
            "w1.grade_early",
            format!("{year}年度的等次不能在{year}年之前评定"),
            format!("Grades for {year} cannot be set before {year}"),
        )
        .on("on"));
    }
    let set = indicator_set(state, &township, year)?;
    let policy = state.policies.at(on);
    let previous = state.w1.gradings(&township, year);
    let reason = reason.trim().to_string();
    if !previous.is_empty() && reason.is_empty() {
        return Err(V::new(
            "w1.already_graded",
            "本年度已评定等次；重新评定须说明理由",
            "Already graded this year; a re-grading needs a reason",
        )
        .on("reason"));
    }
    let villages = state.master.villages_of(&township);
    if villages.is_empty() {
        return Err(V::new(
            "w1.no_villages",
            "该乡镇没有村",
            "The township has no villages",
        ));
    }
    let mut problems_zh = Vec::new();
    let mut problems_en = Vec::new();
    let mut rows = Vec::new();
    for v in &villages {
        let mut quarters = [None; 4];
        for (i, p) in Period::QUARTERS.into_iter().enumerate() {
            let Some(slot) = state.w1.slot(&v.id, year, p) else {
                continue;
            };
            if slot.live().is_empty() {
                continue;
            }
            if slot.needs_review() {
                problems_zh.push(format!("{}{}有冲突待复核", v.name, p.label(true)));
                problems_en.push(format!("{} {} needs review", v.name, p.label(false)));
            } else if slot.finalized.is_none() {
                problems_zh.push(format!("{}{}尚未定稿", v.name, p.label(true)));
                problems_en.push(format!("{} {} is not final", v.name, p.label(false)));
            } else if let Some(s) = slot.standing() {
                quarters[i] = Some(scoring::normalized(&set.indicators, &s.scores));
            }
        }
        let annual = state.w1.slot(&v.id, year, Period::Annual);
        let annual = match annual {
            Some(s) if s.needs_review() => {
                problems_zh.push(format!("{}年度考评有冲突待复核", v.name));
                problems_en.push(format!("{} annual score needs review", v.name));
                None
            }
            Some(s) => s
                .standing()
                .map(|s| scoring::normalized(&set.indicators, &s.scores)),
            None => None,
        };
        let Some(annual) = annual else {
            if !problems_zh.last().is_some_and(|p| p.contains(&v.name)) {
                problems_zh.push(format!("{}缺少年度考评", v.name));
                problems_en.push(format!("{} has no annual score", v.name));
            }
            continue;
        };
        match scoring::composite(&quarters, annual, &policy) {
            Some(c) => rows.push((v, quarters, annual, c)),
            None => {
                problems_zh.push(format!("{}没有任何季度考核结果", v.name));
                problems_en.push(format!("{} has no quarterly result", v.name));
            }
        }
    }
    if !problems_zh.is_empty() {
        return Err(V::new(
            "w1.not_ready",
            format!("还不能评定等次：{}", problems_zh.join("；")),
            format!("Cannot grade yet: {}", problems_en.join("; ")),
        ));
    }
    let composites: Vec<(String, u32)> = rows.iter().map(|r| (r.0.id.clone(), r.3)).collect();
    let grades = scoring::grade_villages(&composites, &policy);
    let results = rows
        .iter()
        .zip(grades)
        .map(|((v, quarters, annual, composite), (rank, team_grade))| {
            let head_grade = team_grade.head_grade();
            VillageResult {
                village: v.id.clone(),
                quarters: *quarters,
                annual: *annual,
                composite: *composite,
                rank,
                team_grade,
                head_grade,
                population: v.population,
                base_pay: policy.base_pay(v.population),
                performance_pay: match head_grade {
                    super::HeadGrade::Excellent => policy.pay_excellent,
                    super::HeadGrade::Basic => policy.pay_basic,
                    super::HeadGrade::Fail => policy.pay_fail,
                },
            }
        })
        .collect();
    Ok(vec![EventBody::TownshipGraded {
        township,
        year,
        graded_on: on,
        results,
        supersedes: previous.iter().map(|g| g.event.clone()).collect(),
        reason,
    }])
}

fn failed_village(state: &State, village: &str, year: i32) -> Result<(), V> {
    let v = state.master.village(village)?;
    let failed = state
        .w1
        .grading(&v.township, year)
        .and_then(|g| g.results.iter().find(|r| r.village == village))
        .is_some_and(|r| r.head_grade == super::HeadGrade::Fail);
    if failed {
        Ok(())
    } else {
        Err(V::new(
            "w1.not_failed",
            "只有评为不合格的村才需要诫勉谈话和限期整改",
            "Only villages graded Fail need a warning talk and rectification",
        ))
    }
}

fn any_scores(state: &State, township: &str, year: i32) -> bool {
    state.w1.slots.iter().any(|((v, y, _), s)| {
        *y == year
            && !s.versions.is_empty()
            && state
                .master
                .villages
                .get(v)
                .is_some_and(|v| v.township == township)
    })
}

fn indicator_set<'a>(
    state: &'a State,
    township: &str,
    year: i32,
) -> Result<&'a super::state::IndicatorSet, V> {
    state.w1.indicators(township, year).ok_or_else(|| {
        V::new(
            "w1.no_indicators",
            format!("{year}年度考评指标尚未发布"),
            format!("The {year} indicator set is not published yet"),
        )
    })
}

fn standing_slot<'a>(
    state: &'a State,
    village: &str,
    year: i32,
    period: Period,
    name: &str,
) -> Result<&'a super::Slot, V> {
    let slot = state.w1.slot(village, year, period);
    match slot {
        Some(s) if s.needs_review() => Err(conflict_error()),
        Some(s) if s.standing().is_some() => Ok(s),
        _ => Err(V::new(
            "w1.no_scores",
            format!("{name}{}尚未评分", period.label(true)),
            format!("{name} {} has no scores yet", period.label(false)),
        )),
    }
}

fn conflict_error() -> V {
    V::new(
        "w1.needs_review",
        "该结果有两份不同的评分，须先由复核人确定有效评分",
        "Two different entries exist for this result; a reviewer must first record the scores that stand",
    )
}

fn check_not_future(date: NaiveDate, today: NaiveDate, field: &str) -> Result<(), V> {
    if date > today {
        Err(V::new(
            "date.future",
            format!("日期不能晚于今天（{today}）"),
            format!("The date cannot be after today ({today})"),
        )
        .on(field))
    } else {
        Ok(())
    }
}

fn check_indicators(indicators: &[Indicator]) -> Result<(), V> {
    if indicators.is_empty() {
        return Err(V::new(
            "w1.indicators_empty",
            "至少需要一项考评指标",
            "At least one indicator is needed",
        ));
    }
    let weighted = indicators.iter().filter(|i| i.weight.is_some()).count();
    if weighted != 0 && weighted != indicators.len() {
        return Err(V::new(
            "w1.weights_partial",
            "权重要么全部填写，要么全部不填",
            "Give a weight to every indicator or to none",
        ));
    }
    let mut names = std::collections::BTreeSet::new();
    let mut ids = std::collections::BTreeSet::new();
    for i in indicators {
        if i.name.trim().is_empty() {
            return Err(V::new(
                "w1.indicator_name",
                "指标名称不能为空",
                "Indicator names cannot be empty",
            )
            .on(i.id.clone()));
        }
        if !names.insert(i.name.trim()) || !ids.insert(i.id.as_str()) {
            return Err(V::new(
                "w1.indicator_duplicate",
                format!("指标“{}”重复", i.name),
                format!("Indicator {} is listed twice", i.name),
            )
            .on(i.id.clone()));
        }
        if i.max_halves == 0 {
            return Err(V::new(
                "w1.indicator_max",
                format!("指标“{}”的满分必须大于 0", i.name),
                format!("Indicator {} needs a maximum above 0", i.name),
            )
            .on(i.id.clone()));
        }
        if i.weight == Some(0) {
            return Err(V::new(
                "w1.indicator_weight",
                format!("指标“{}”的权重必须大于 0", i.name),
                format!("Indicator {} needs a weight above 0", i.name),
            )
            .on(i.id.clone()));
        }
    }
    Ok(())
}

/// Check a full set of scores against the indicators: every indicator scored,
/// none unknown, each within 0..=max, half points only if policy allows.
pub fn check_scores(
    indicators: &[Indicator],
    scores: &BTreeMap<String, u32>,
    policy: &Policy,
) -> Result<(), V> {
    for i in indicators {
        let Some(s) = scores.get(&i.id) else {
            return Err(V::new(
                "w1.score_missing",
                format!("“{}”未评分", i.name),
                format!("{} has no score", i.name),
            )
            .on(i.id.clone()));
        };
        if *s > i.max_halves {
            return Err(V::new(
                "w1.score_range",
                format!(
                    "“{}”得分 {} 超出范围 0–{}",
                    i.name,
                    format_halves(*s),
                    format_halves(i.max_halves)
                ),
                format!(
                    "{}: {} is outside 0–{}",
                    i.name,
                    format_halves(*s),
                    format_halves(i.max_halves)
                ),
            )
            .on(i.id.clone()));
        }
        if !policy.half_points && s % 2 == 1 {
            return Err(V::new(
                "score.half_not_allowed",
                "本年度政策只允许整数分",
                "Policy allows whole points only",
            )
            .on(i.id.clone()));
        }
    }
    if let Some(unknown) = scores
        .keys()
        .find(|k| !indicators.iter().any(|i| &i.id == *k))
    {
        return Err(V::new(
            "w1.score_unknown",
            "评分包含不属于本年度指标的项目",
            format!("Score for unknown indicator {unknown}"),
        ));
    }
    Ok(())
}

/// Parse the score typed for each indicator (indicator id, text) into half
/// points; a message names the indicator whose input is wrong.
pub fn parse_scores(
    indicators: &[Indicator],
    inputs: &[(String, String)],
    half_points: bool,
) -> Result<BTreeMap<String, u32>, V> {
    let mut scores = BTreeMap::new();
    for i in indicators {
        let text = inputs
            .iter()
            .find(|(id, _)| *id == i.id)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        let s = crate::domain::score::parse_halves(text, half_points).map_err(|v| {
            V {
                zh: format!("“{}”：{}", i.name, v.zh),
                en: format!("{}: {}", i.name, v.en),
                ..v
            }
            .on(i.id.clone())
        })?;
        scores.insert(i.id.clone(), s);
    }
    Ok(scores)
}
