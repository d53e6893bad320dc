//! What the organization department may record of a year's assessment, and why not:
//! ratings before grades, grounds for the low grades, the cap on 优秀 when policy sets
//! one, consequences only where a grade calls for them; a correction names the versions
//! it replaces and says why.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::consequences::consequences;
use super::event::{AnnualAssessmentEvent, ConsequenceKind, RaterGroup, TeamGrade};
use super::results::{grade, policy_of, ranking, rating, Composite};
use super::state::Subject;
use crate::domain::access::only_roles;
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::event::{EventBody, Role};
use crate::domain::state::Actor;
use crate::domain::versions::{Standing, Versions};
use crate::domain::{RuleViolation, State};

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record ratings, grades and consequences.
    Record,
}

impl Action {
    /// The roles allowed: the organization department's recorder and approver.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Recorder, Role::Approver]
    }

    /// Whether `role` may.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(self.roles(), "记录年度考核", "record the annual assessment")
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Record (or correct) a cadre's scores for a year.
    Rate {
        /// The year.
        year: i32,
        /// The cadre.
        cadre: String,
        /// The unit.
        unit: String,
        /// Each group's score, hundredths.
        scores: BTreeMap<RaterGroup, u32>,
        /// Whether they passed the 党风廉政建设责任制 check.
        integrity_passed: bool,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions on the page as drawn (a correction replaces those).
        seen: Vec<String>,
    },
    /// Record (or correct) a cadre's grade.
    Grade {
        /// The year.
        year: i32,
        /// The cadre.
        cadre: String,
        /// The grade.
        grade: AnnualGrade,
        /// On what grounds.
        grounds: String,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// Record (or correct) a unit's team grade.
    GradeTeam {
        /// The year.
        year: i32,
        /// The unit.
        unit: String,
        /// The grade.
        grade: TeamGrade,
        /// On what grounds.
        grounds: String,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// Record a consequence carried out (or correct that record).
    Carry {
        /// The year assessed.
        year: i32,
        /// Who it is about.
        subject: Subject,
        /// Which consequence.
        consequence: ConsequenceKind,
        /// What was done.
        done: String,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Record.roles(), actor)?;
    let today = actor.today;
    let event = match cmd {
        Command::Rate {
            year,
            cadre,
            unit,
            scores,
            integrity_passed,
            on,
            reason,
            seen,
        } => {
            year_ok(year, today)?;
            day_ok(on, today, year)?;
            cadre_ok(state, &cadre)?;
            let unit = unit_ok(&unit)?;
            unit_of_year_ok(state, year, &cadre, &unit)?;
            scores_ok(state, year, &scores)?;
            let versions = state.annual_assessment.ratings.get(&(year, cadre.clone()));
            let (supersedes, reason) = correction(versions, seen, &reason)?;
            AnnualAssessmentEvent::AssessmentRated {
                year,
                cadre,
                unit,
                scores,
                integrity_passed,
                on,
                reason,
                supersedes,
            }
        }
        Command::Grade {
            year,
            cadre,
            grade,
            grounds,
            on,
            reason,
            seen,
        } => {
            year_ok(year, today)?;
            day_ok(on, today, year)?;
            cadre_ok(state, &cadre)?;
            let grounds = grade_ok(state, year, &cadre, grade, &grounds, on)?;
            let key = (cadre.clone(), year);
            let versions = state.annual_assessment.grades.get(&key);
            let (supersedes, reason) = correction(versions, seen, &reason)?;
            AnnualAssessmentEvent::AssessmentGraded {
                year,
                cadre,
                grade,
                grounds,
                on,
                reason,
                supersedes,
            }
        }
        Command::GradeTeam {
            year,
            unit,
            grade,
            grounds,
            on,
            reason,
            seen,
        } => {
            year_ok(year, today)?;
            day_ok(on, today, year)?;
            let unit = unit_ok(&unit)?;
            if !super::results::units(state, year, today).contains(&unit) {
                let e = refuse(
                    "assessment.unit",
                    format!("{year}年没有“{unit}”这个单位的干部任职或测评记录"),
                    format!("No cadre sat or was rated in \"{unit}\" in {year}"),
                );
                return Err(e.on("unit"));
            }
            let grounds = match grade >= TeamGrade::Average {
                true => {
                    crate::domain::master::required(&grounds, "grounds", "定等依据", "Grounds")?
                }
                false => grounds.trim().to_string(),
            };
            let versions = state.annual_assessment.teams.get(&(year, unit.clone()));
            let (supersedes, reason) = correction(versions, seen, &reason)?;
            AnnualAssessmentEvent::TeamGraded {
                year,
                unit,
                grade,
                grounds,
                on,
                reason,
                supersedes,
            }
        }
        Command::Carry {
            year,
            subject,
            consequence,
            done,
            on,
            reason,
            seen,
        } => {
            year_ok(year, today)?;
            let owed = consequences(state, year)
                .into_iter()
                .find(|c| c.subject == subject && c.kind == consequence && !c.moot);
            let Some(owed) = owed else {
                return Err(refuse(
                    "assessment.not_owed",
                    "该人员或班子的考核等次不需要这项处理".into(),
                    "Their grade does not call for this".into(),
                ));
            };
            if on < owed.since || on > today {
                let e = refuse(
                    "assessment.date",
                    format!("日期应在定等之日（{}）至今天之间", owed.since),
                    format!(
                        "The day must be between the grade ({}) and today",
                        owed.since
                    ),
                );
                return Err(e.on("on"));
            }
            let done = crate::domain::master::required(&done, "done", "落实情况", "What was done")?;
            let key = (year, subject.clone(), consequence);
            let versions = state.annual_assessment.done.get(&key);
            let (supersedes, reason) = correction(versions, seen, &reason)?;
            let (cadre, unit) = match subject {
                Subject::Cadre(c) => (c, String::new()),
                Subject::Team(u) => (String::new(), u),
            };
            AnnualAssessmentEvent::ConsequenceDone {
                year,
                cadre,
                unit,
                consequence,
                done,
                on,
                reason,
                supersedes,
            }
        }
    };
    Ok(vec![EventBody::AnnualAssessment(event)])
}

fn year_ok(year: i32, today: NaiveDate) -> Result<(), RuleViolation> {
    if (2000..=today.year()).contains(&year) {
        return Ok(());
    }
    Err(refuse(
        "assessment.year",
        format!("考核年度应在2000年至{}年之间", today.year()),
        format!("The year must be between 2000 and {}", today.year()),
    ))
}

fn day_ok(on: NaiveDate, today: NaiveDate, year: i32) -> Result<(), RuleViolation> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    if on < first || on > today {
        let e = refuse(
            "assessment.date",
            format!("日期应在{first}至今天（{today}）之间"),
            format!("The day must be between {first} and today ({today})"),
        );
        return Err(e.on("on"));
    }
    Ok(())
}

fn cadre_ok(state: &State, cadre: &str) -> Result<(), RuleViolation> {
    crate::domain::id::check(cadre, "cadre", "干部", "Cadre")?;
    if state.cadre_selection.cadre(cadre).is_none() {
        let e = refuse(
            "assessment.cadre",
            "干部库中没有这名干部".into(),
            "No such cadre in the pool".into(),
        );
        return Err(e.on("cadre"));
    }
    Ok(())
}

/// Longest unit name accepted.
pub const UNIT_MAX: usize = crate::route::NAME_MAX;

fn unit_ok(unit: &str) -> Result<String, RuleViolation> {
    let unit = crate::domain::master::required(unit, "unit", "单位", "Unit")?;
    if !crate::route::name_fits(&unit) {
        let e = refuse(
            "assessment.unit",
            format!("单位名称须为1至{UNIT_MAX}个字，不能只由“.”组成"),
            format!("A unit's name has 1 to {UNIT_MAX} characters, not only dots"),
        );
        return Err(e.on("unit"));
    }
    Ok(unit)
}

/// A unit `cadre` may be rated in for `year`: one they held a post in during the year
/// (their profile's positions), or the unit of a rating of theirs already recorded.
fn unit_of_year_ok(state: &State, year: i32, cadre: &str, unit: &str) -> Result<(), RuleViolation> {
    if super::results::units_of_cadre(state, year, cadre)
        .iter()
        .any(|u| u == unit)
    {
        return Ok(());
    }
    let e = refuse(
        "assessment.not_in_unit",
        format!("该干部{year}年没有在“{unit}”任职的记录（见干部档案的任职经历）"),
        format!("The cadre held no post in \"{unit}\" in {year} (see the profile's positions)"),
    );
    Err(e.on("cadre"))
}

fn scores_ok(
    state: &State,
    year: i32,
    scores: &BTreeMap<RaterGroup, u32>,
) -> Result<(), RuleViolation> {
    if let Some((g, _)) = scores.iter().find(|(_, s)| **s > 10_000) {
        let e = refuse(
            "assessment.score",
            format!("{}评分应在0至100之间", g.label(true)),
            format!("The score of {} must be between 0 and 100", g.label(false)),
        );
        return Err(e.on("scores"));
    }
    if Composite::of(scores, &policy_of(state, year)).is_none() {
        let e = refuse(
            "assessment.weights",
            "请至少录入一个权重不为0的测评主体的评分".into(),
            "Enter the score of at least one rater group that carries weight".into(),
        );
        return Err(e.on("scores"));
    }
    Ok(())
}

fn grade_ok(
    state: &State,
    year: i32,
    cadre: &str,
    g: AnnualGrade,
    grounds: &str,
    on: NaiveDate,
) -> Result<String, RuleViolation> {
    let rated = match rating(state, year, cadre) {
        Standing::One(r) => r,
        Standing::Conflict => {
            return Err(refuse(
                "assessment.rating_conflict",
                "该干部的测评得分在两部手机上记录不一致，请先更正测评".into(),
                "The scores differ between two phones: correct them first".into(),
            ))
        }
        Standing::None => {
            return Err(refuse(
                "assessment.unrated",
                "请先录入该干部本年度的测评得分".into(),
                "Record the year's scores first".into(),
            ))
        }
    };
    if on < rated.on {
        let e = refuse(
            "assessment.date",
            format!("定等日期不能早于测评日期（{}）", rated.on),
            format!("The grade cannot precede the scores ({})", rated.on),
        );
        return Err(e.on("on"));
    }
    if g == AnnualGrade::Excellent {
        excellent_cap_ok(state, year, cadre, &rated.unit)?;
    }
    match g >= AnnualGrade::BasicallyCompetent {
        true => crate::domain::master::required(grounds, "grounds", "定等依据", "Grounds"),
        false => Ok(grounds.trim().to_string()),
    }
}

fn excellent_cap_ok(
    state: &State,
    year: i32,
    cadre: &str,
    unit: &str,
) -> Result<(), RuleViolation> {
    let policy = policy_of(state, year);
    let ranked = ranking(state, year, unit);
    let Some(cap) = policy.excellent_cap(ranked.len()) else {
        return Ok(());
    };
    let others = ranked
        .iter()
        .filter(|r| r.cadre != cadre)
        .filter(|r| matches!(grade(state, year, &r.cadre), Standing::One(g) if g.grade == AnnualGrade::Excellent))
        .count() as u64;
    if others < cap {
        return Ok(());
    }
    let e = refuse(
        "assessment.excellent_cap",
        format!(
            "{unit}优秀等次不得超过{}%：本单位{}人中最多{cap}人，已有{others}人",
            policy.excellent_cap_pct,
            ranked.len()
        ),
        format!(
            "At most {}% of {unit} may be Excellent: {cap} of {}, and {others} already are",
            policy.excellent_cap_pct,
            ranked.len()
        ),
    );
    Err(e.on("grade"))
}

/// The live versions among those drawn (what a new version replaces).
fn replaced<T>(versions: Option<&Versions<T>>, seen: Vec<String>) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    seen.into_iter().filter(|id| live.contains(id)).collect()
}

/// What a new version replaces, and its reason: required when it replaces any.
fn correction<T>(
    versions: Option<&Versions<T>>,
    seen: Vec<String>,
    reason: &str,
) -> Result<(Vec<String>, String), RuleViolation> {
    let supersedes = replaced(versions, seen);
    let reason = match supersedes.is_empty() {
        true => reason.trim().to_string(),
        false => crate::domain::master::required(
            reason,
            "reason",
            "更正原因",
            "Reason for the correction",
        )?,
    };
    Ok((supersedes, reason))
}
