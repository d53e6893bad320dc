//! What a cadre may record of their everyday performance, and why not (seed 004 淮安清河:
//! 日记录、周申报): a day's work in their own name, for a day not after today nor further
//! back than the policy allows, in a few words (at most the policy's length); a
//! correction or withdrawal names the record and why, the first record kept; a week's
//! report compiles the week's records standing and may be submitted again, replacing
//! the submission the page showed.

use chrono::{Days, NaiveDate};

use super::event::{PerformanceRecordEvent, WorkCategory};
use super::rollup::{days_between, monday_of, sunday_of};
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::state::Actor;
use crate::domain::versions::{Records, Versions};
use crate::domain::{RuleViolation, State};

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record their day's work and submit their week.
    Log,
}

impl Action {
    /// The roles allowed: a cadre.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Cadre]
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(self.roles(), "记录工作实绩", "record their work")
    }
}

/// What a correction or withdrawal names (all empty: a new record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fix {
    /// The record (the id of the event that first recorded it).
    pub record: String,
    /// Whether to withdraw it (recorded by mistake).
    pub withdrawn: bool,
    /// Why.
    pub reason: String,
    /// The versions on the page as drawn.
    pub seen: Vec<String>,
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// 日记录: record a day's work (or correct or withdraw one).
    Log {
        /// The cadre (the user's own profile).
        cadre: String,
        /// The day.
        day: NaiveDate,
        /// What it was about.
        category: WorkCategory,
        /// The project or task (may be empty).
        project: String,
        /// The work done.
        text: String,
        /// A correction or withdrawal (default: a new record).
        fix: Fix,
    },
    /// 周申报: submit the week starting on `week`, compiled from its days.
    SubmitWeek {
        /// The cadre.
        cadre: String,
        /// The week's Monday.
        week: NaiveDate,
        /// The summary (may be empty when the week has records).
        summary: String,
        /// The submissions on the page as drawn.
        seen: Vec<String>,
    },
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// The cadre profile is the user's own (the user's name is the profile's).
fn own(state: &State, cadre: &str, actor: &Actor) -> Result<(), RuleViolation> {
    crate::domain::id::check(cadre, "cadre", "干部", "Cadre")?;
    let Some(p) = state.cadre_selection.cadre(cadre) else {
        let e = refuse(
            "performance.cadre",
            "干部库中没有这名干部".into(),
            "No such cadre in the pool of cadres".into(),
        );
        return Err(e.on("cadre"));
    };
    if p.name != actor.name.trim() {
        return Err(refuse(
            "performance.not_own",
            format!("只能记录本人的工作实绩（当前用户为{}）", actor.name),
            format!("You may record only your own work (you are {})", actor.name),
        ));
    }
    Ok(())
}

/// The day lies between the policy's look-back and today.
fn day_ok(state: &State, day: NaiveDate, today: NaiveDate) -> Result<(), RuleViolation> {
    let policy = state.policies.at(today).performance_record;
    let back = Days::new(u64::from(policy.days_back));
    let earliest = today.checked_sub_days(back).unwrap_or(NaiveDate::MIN);
    if day > today {
        let e = refuse(
            "performance.day",
            format!("日期不能晚于今天（{today}）"),
            format!("The day cannot be after today ({today})"),
        );
        return Err(e.on("day"));
    }
    if day < earliest {
        let e = refuse(
            "performance.day",
            format!("只能补记{}天内的工作（{earliest}及以后）", policy.days_back),
            format!(
                "Work can be recorded up to {} days back ({earliest} or later)",
                policy.days_back
            ),
        );
        return Err(e.on("day"));
    }
    Ok(())
}

/// The work done, present and at most the policy's length.
fn text_ok(state: &State, text: &str, today: NaiveDate) -> Result<String, RuleViolation> {
    let text = required(text, "text", "工作内容", "The work done")?;
    let max = state.policies.at(today).performance_record.text_max_chars;
    let n = text.chars().count();
    if u32::try_from(n).map_or(true, |n| n > max) {
        let e = refuse(
            "performance.too_long",
            format!("工作内容最多{max}字（现为{n}字）"),
            format!("At most {max} characters ({n} given)"),
        );
        return Err(e.on("text"));
    }
    Ok(text)
}

/// The live versions among those drawn (what a new version replaces).
fn replaced<T>(versions: Option<&Versions<T>>, seen: &[String]) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Log.roles(), actor)?;
    let today = actor.today;
    let event = match cmd {
        Command::Log {
            cadre,
            day,
            category,
            project,
            text,
            fix,
        } => {
            own(state, &cadre, actor)?;
            let records = state.performance_record.days.get(&cadre);
            if fix.record.is_empty() {
                day_ok(state, day, today)?;
                PerformanceRecordEvent::WorkLogged {
                    cadre,
                    by: actor.name.trim().to_string(),
                    day,
                    category,
                    project: project.trim().to_string(),
                    text: text_ok(state, &text, today)?,
                    corrects: String::new(),
                    withdrawn: false,
                    reason: String::new(),
                    supersedes: Vec::new(),
                }
            } else {
                let versions = records.and_then(|r| r.by_id.get(&fix.record));
                let current = versions.and_then(Records::content);
                let Some(current) = current else {
                    let e = refuse(
                        "performance.no_record",
                        "没有这条记录（或已撤销）".into(),
                        "No such record (or withdrawn)".into(),
                    );
                    return Err(e.on("record"));
                };
                let supersedes = replaced(versions, &fix.seen);
                if supersedes.is_empty() {
                    return Err(refuse(
                        "performance.stale",
                        "页面上的记录已有新版本，请刷新后再更正".into(),
                        "The record has changed since the page was drawn: look again".into(),
                    ));
                }
                let reason = required(&fix.reason, "reason", "更正原因", "Reason")?;
                let (day, category, project, text) = match fix.withdrawn {
                    true => (
                        current.day,
                        current.category,
                        current.project.clone(),
                        current.text.clone(),
                    ),
                    false => {
                        if day != current.day {
                            day_ok(state, day, today)?;
                        }
                        let text = text_ok(state, &text, today)?;
                        (day, category, project.trim().to_string(), text)
                    }
                };
                PerformanceRecordEvent::WorkLogged {
                    cadre,
                    by: actor.name.trim().to_string(),
                    day,
                    category,
                    project,
                    text,
                    corrects: fix.record,
                    withdrawn: fix.withdrawn,
                    reason,
                    supersedes,
                }
            }
        }
        Command::SubmitWeek {
            cadre,
            week,
            summary,
            seen,
        } => {
            own(state, &cadre, actor)?;
            if monday_of(week) != week {
                let e = refuse(
                    "performance.week",
                    "周申报以周一为一周的开始".into(),
                    "A week starts on its Monday".into(),
                );
                return Err(e.on("week"));
            }
            if week > today {
                let e = refuse(
                    "performance.week",
                    "不能申报尚未开始的周".into(),
                    "That week has not begun".into(),
                );
                return Err(e.on("week"));
            }
            let entries: Vec<String> = days_between(state, &cadre, week, sunday_of(week))
                .into_iter()
                .map(|d| d.id.to_string())
                .collect();
            let summary = summary.trim().to_string();
            if entries.is_empty() && summary.is_empty() {
                let e = refuse(
                    "performance.empty_week",
                    "这一周没有工作记录：请先记录，或填写本周小结".into(),
                    "The week has no daily records: record them, or write the week's summary"
                        .into(),
                );
                return Err(e.on("summary"));
            }
            let max = state.policies.at(today).performance_record.text_max_chars;
            let n = summary.chars().count();
            if u32::try_from(n).map_or(true, |n| n > max) {
                let e = refuse(
                    "performance.too_long",
                    format!("本周小结最多{max}字（现为{n}字）"),
                    format!("The summary takes at most {max} characters ({n} given)"),
                );
                return Err(e.on("summary"));
            }
            let versions = state.performance_record.weeks.get(&(cadre.clone(), week));
            let supersedes = replaced(versions, &seen);
            if versions.is_some_and(|v| !v.is_empty()) && supersedes.is_empty() {
                return Err(refuse(
                    "performance.stale",
                    "这一周已有新的申报，请刷新后再提交".into(),
                    "The week was submitted meanwhile: look again".into(),
                ));
            }
            PerformanceRecordEvent::WeekSubmitted {
                cadre,
                by: actor.name.trim().to_string(),
                week,
                entries,
                summary,
                supersedes,
            }
        }
    };
    Ok(vec![EventBody::PerformanceRecord(event)])
}
