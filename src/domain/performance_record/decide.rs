//! What a cadre may record of their everyday performance, and why not (seed 004 淮安清河:
//! 日记录、周申报): a day's work in their own name, for a day not after today nor further
//! back than the policy allows, in a few words (at most the policy's length); a
//! correction or withdrawal names the record and why, the first record kept; a week's
//! report compiles the week's records standing and may be submitted again, replacing
//! the submission the page showed.

use chrono::{Days, NaiveDate};

use super::evaluation::{month_end, month_of, set_for};
use super::event::RosterEntry;
use super::event::{Level, NoteKind, PerformanceRecordEvent, WorkCategory};
use super::rollup::{
    cadre_named, days_between, days_of, monday_of, sunday_of, unit_of, week_versions,
};
use super::roster::{begun_by, changes, from_records, name_of};
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
    /// Set the unit's indicator set and raters.
    SetIndicators,
    /// Rate a cadre's month (a rater the unit set).
    Rate,
    /// Record a quarter's talks, visits and analysis, and the year's review.
    Analyse,
    /// Publish the units' rosters from the cadre records.
    PublishRosters,
}

impl Action {
    /// The roles allowed: a cadre logs; the unit leader sets; both may rate.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Log => &[Role::Cadre],
            Action::SetIndicators => &[Role::UnitLeader],
            Action::Rate => &[Role::UnitLeader, Role::Cadre],
            Action::Analyse | Action::PublishRosters => &[Role::Admin, Role::Recorder],
        }
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        let (zh, en) = match self {
            Action::Log => ("记录工作实绩", "record their work"),
            Action::SetIndicators => ("设置本单位测评指标", "set the unit's indicators"),
            Action::Rate => ("进行月测评", "rate a month"),
            Action::Analyse => (
                "记录季分析和年总评",
                "record quarterly analyses and year reviews",
            ),
            Action::PublishRosters => ("发布实绩纪实名单", "publish the units' rosters"),
        };
        only_roles(self.roles(), zh, en)
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
    /// 月测评: set the unit's indicator set (one of the policy's) and raters from a month.
    SetIndicators {
        /// The unit (the leader's own).
        unit: String,
        /// The set's name, as the policy names it.
        set: String,
        /// Who rates, by name.
        raters: Vec<String>,
        /// The first month (its first day).
        from: NaiveDate,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// 月测评: a rater's levels of a cadre's month, one per indicator of the unit's set.
    RateMonth {
        /// The cadre.
        cadre: String,
        /// The month (its first day).
        month: NaiveDate,
        /// Each indicator's level, in the set's order.
        levels: Vec<Level>,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// 季分析: a talk, a visit or the analysis of a cadre's quarter (or its correction
    /// or withdrawal).
    NoteQuarter {
        /// The cadre.
        cadre: String,
        /// The year.
        year: i32,
        /// The quarter, 1 to 4.
        quarter: u32,
        /// What it is.
        note: NoteKind,
        /// Its text.
        text: String,
        /// A correction or withdrawal (default: a new record).
        fix: Fix,
    },
    /// 年总评: the review of a cadre's year (again: it replaces the one on the page).
    ReviewYear {
        /// The cadre.
        cadre: String,
        /// The year.
        year: i32,
        /// The overall level.
        level: Level,
        /// The review.
        text: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// 实绩纪实名单: publish, from the cadre records, the roster of every unit whose
    /// roster differs from them, applying from a day.
    PublishRosters {
        /// The first day the rosters apply to.
        from: NaiveDate,
        /// How many roster versions the phone held when the page was drawn
        /// (`rosters_drawn`).
        drawn: usize,
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

/// Why a cadre no roster lists is refused.
fn not_listed() -> RuleViolation {
    refuse(
        "performance.cadre",
        "实绩纪实名单中没有这名干部：请组织部按干部库发布本单位名单".into(),
        "No such cadre on the units' rosters: the organization department publishes them from the cadre records".into(),
    )
}

/// The cadre profile is the user's own (the user's name is the profile's).
fn own(state: &State, cadre: &str, actor: &Actor) -> Result<(), RuleViolation> {
    crate::domain::id::check(cadre, "cadre", "干部", "Cadre")?;
    let Some(name) = name_of(state, cadre) else {
        return Err(not_listed().on("cadre"));
    };
    if name != actor.name.trim() {
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

/// Whether `c` shows nothing: a zero-width space or joiner, a direction mark or
/// override, a word joiner or a byte-order mark (text of only these reads as empty).
fn invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// `text` trimmed, required to show something (not only spaces or invisible marks).
fn shown(text: &str, field: &str, zh: &str, en: &str) -> Result<String, RuleViolation> {
    let text = required(text, field, zh, en)?;
    match text.chars().all(|c| c.is_whitespace() || invisible(c)) {
        true => required("", field, zh, en),
        false => Ok(text),
    }
}

/// The work done, present and at most the policy's length.
fn text_ok(state: &State, text: &str, today: NaiveDate) -> Result<String, RuleViolation> {
    let text = shown(text, "text", "工作内容", "The work done")?;
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
    let action = match cmd {
        Command::Log { .. } | Command::SubmitWeek { .. } => Action::Log,
        Command::SetIndicators { .. } => Action::SetIndicators,
        Command::RateMonth { .. } => Action::Rate,
        Command::NoteQuarter { .. } | Command::ReviewYear { .. } => Action::Analyse,
        Command::PublishRosters { .. } => Action::PublishRosters,
    };
    crate::domain::command::may_act(action.roles(), actor)?;
    let today = actor.today;
    let event = match cmd {
        Command::PublishRosters { from, drawn } => return publish(state, from, drawn, today),
        Command::Log {
            cadre,
            day,
            category,
            project,
            text,
            fix,
        } => {
            own(state, &cadre, actor)?;
            let records = days_of(state, &cadre);
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
                let versions = records.as_deref().and_then(|r| r.by_id.get(&fix.record));
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
            let summary = shown(&summary, "summary", "本周小结", "The summary").unwrap_or_default();
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
            let versions = week_versions(state, &cadre, week);
            let supersedes = replaced(versions.as_deref(), &seen);
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
        Command::SetIndicators {
            unit,
            set,
            raters,
            from,
            seen,
        } => set_indicators(state, actor, unit, set, raters, from, seen)?,
        Command::RateMonth {
            cadre,
            month,
            levels,
            seen,
        } => rate(state, actor, cadre, month, levels, seen)?,
        Command::NoteQuarter {
            cadre,
            year,
            quarter,
            note,
            text,
            fix,
        } => note_quarter(state, actor, cadre, (year, quarter), note, text, fix)?,
        Command::ReviewYear {
            cadre,
            year,
            level,
            text,
            seen,
        } => review_year(state, actor, cadre, year, level, text, seen)?,
    };
    Ok(vec![EventBody::PerformanceRecord(event)])
}

/// 实绩纪实名单: a roster, from the cadre records, for every unit whose roster on `from`
/// differs from them (or was published differently on two phones), all or none.
fn publish(
    state: &State,
    from: NaiveDate,
    drawn: usize,
    today: NaiveDate,
) -> Result<Vec<EventBody>, RuleViolation> {
    if from > today {
        let e = refuse(
            "performance.day",
            format!("名单的起始日期不能晚于今天（{today}）"),
            format!("A roster cannot apply from after today ({today})"),
        );
        return Err(e.on("from"));
    }
    if state.cadre_selection.cadre_list().next().is_none() {
        return Err(refuse(
            "performance.no_records",
            "本机没有干部库，无法生成名单（请在组织部的设备上发布）".into(),
            "This phone holds no cadre records to publish rosters from (publish on the department's)".into(),
        ));
    }
    let mut records = from_records(state, from);
    // An empty roster before a unit's first would only end its covering the days before.
    let changed: Vec<_> = changes(state, from)
        .into_iter()
        .filter(|c| records.contains_key(&c.unit) || begun_by(state, &c.unit, from))
        .collect();
    if changed.is_empty() {
        return Err(refuse(
            "performance.roster_same",
            "各单位的实绩纪实名单已与干部库一致，无需发布".into(),
            "Every unit's roster already matches the cadre records".into(),
        ));
    }
    if rosters_drawn(state) != drawn {
        return Err(refuse(
            "performance.stale",
            "名单已有新的发布，请刷新后再发布".into(),
            "A roster was published meanwhile: look again".into(),
        ));
    }
    let mut out = Vec::new();
    for change in changed {
        let versions = state
            .performance_record
            .rosters
            .get(&(change.unit.clone(), from));
        let supersedes = versions.map(Versions::live_ids).unwrap_or_default();
        let mut members: Vec<RosterEntry> = records.remove(&change.unit).unwrap_or_default();
        crate::domain::sorting::sort(&mut members);
        out.push(EventBody::PerformanceRecord(
            PerformanceRecordEvent::RosterPublished {
                unit: change.unit,
                from,
                members,
                supersedes,
            },
        ));
    }
    Ok(out)
}

/// How many roster versions this phone holds: what the publish form saw (versions
/// only grow, so another count means one arrived since the page was drawn).
pub fn rosters_drawn(state: &State) -> usize {
    let rosters = state.performance_record.rosters.values();
    rosters.map(Versions::len).fold(0, usize::saturating_add)
}

/// Longest rater's name, in characters.
const NAME_MAX: usize = 50;

fn set_indicators(
    state: &State,
    actor: &Actor,
    unit: String,
    set: String,
    raters: Vec<String>,
    from: NaiveDate,
    seen: Vec<String>,
) -> Result<PerformanceRecordEvent, RuleViolation> {
    let today = actor.today;
    let mine = cadre_named(state, &actor.name).and_then(|c| unit_of(state, c, today));
    if mine.as_deref() != Some(unit.as_str()) {
        return Err(refuse(
            "performance.not_your_unit",
            format!(
                "只能设置本单位的测评指标（{}不在该单位的实绩纪实名单中）",
                actor.name
            ),
            format!(
                "You may set only your own unit's indicators ({} is not on its roster)",
                actor.name
            ),
        ));
    }
    if month_of(from) != from || from < month_of(today) {
        let e = refuse(
            "performance.month",
            "指标体系从本月或以后某月的1日起适用".into(),
            "A set applies from the first day of this month or a later one".into(),
        );
        return Err(e.on("from"));
    }
    let policy = state.policies.at(today).performance_record;
    let Some(chosen) = policy.sets().into_iter().find(|s| s.name == set.trim()) else {
        let e = refuse(
            "performance.no_set",
            "政策中没有这个指标体系".into(),
            "The policy has no such indicator set".into(),
        );
        return Err(e.on("set"));
    };
    let mut names: Vec<String> = Vec::new();
    for r in raters.iter().map(|r| crate::domain::text::trimmed(r)) {
        if r.is_empty() || r.chars().count() > NAME_MAX {
            let e = refuse(
                "performance.rater",
                format!("测评人姓名须为1至{NAME_MAX}个字"),
                format!("A rater's name takes 1 to {NAME_MAX} characters"),
            );
            return Err(e.on("raters"));
        }
        if !names.iter().any(|n| n == r) {
            names.push(r.to_string());
        }
    }
    if names.is_empty() {
        let e = refuse(
            "performance.rater",
            "请选择测评人".into(),
            "Choose the raters".into(),
        );
        return Err(e.on("raters"));
    }
    let versions = state.performance_record.sets.get(&(unit.clone(), from));
    let supersedes = replaced(versions, &seen);
    if versions.is_some_and(|v| !v.is_empty()) && supersedes.is_empty() {
        return Err(refuse(
            "performance.stale",
            "该月的指标体系已有新的设置，请刷新后再改".into(),
            "The month's set has changed since the page was drawn: look again".into(),
        ));
    }
    Ok(PerformanceRecordEvent::IndicatorsSet {
        unit,
        set: chosen.name,
        indicators: chosen.indicators,
        raters: names,
        from,
        supersedes,
    })
}

fn rate(
    state: &State,
    actor: &Actor,
    cadre: String,
    month: NaiveDate,
    levels: Vec<Level>,
    seen: Vec<String>,
) -> Result<PerformanceRecordEvent, RuleViolation> {
    crate::domain::id::check(&cadre, "cadre", "干部", "Cadre")?;
    if month_of(month) != month || month > month_of(actor.today) {
        let e = refuse(
            "performance.month",
            "只能测评本月或以前的月份".into(),
            "Only this month or an earlier one can be rated".into(),
        );
        return Err(e.on("month"));
    }
    let Some(unit) = unit_of(state, &cadre, month_end(month).min(actor.today)) else {
        return Err(not_listed().on("cadre"));
    };
    let Some((set, _)) = set_for(state, &unit, month) else {
        return Err(refuse(
            "performance.no_set",
            format!("{unit}尚未设置该月的测评指标"),
            format!("{unit} has set no indicators for the month"),
        ));
    };
    let rater = actor.name.trim().to_string();
    if !set.raters.contains(&rater) {
        return Err(refuse(
            "performance.not_rater",
            format!("{rater}不是{unit}设定的测评人"),
            format!("{rater} is not one of {unit}'s raters"),
        ));
    }
    if levels.len() != set.indicators.len() {
        let e = refuse(
            "performance.levels",
            format!("请为{}项指标逐项选择等级", set.indicators.len()),
            format!(
                "Choose a level for each of the {} indicators",
                set.indicators.len()
            ),
        );
        return Err(e.on("levels"));
    }
    let key = (cadre.clone(), month, rater.clone());
    let versions = state.performance_record.ratings.get(&key);
    let supersedes = replaced(versions, &seen);
    if versions.is_some_and(|v| !v.is_empty()) && supersedes.is_empty() {
        return Err(refuse(
            "performance.stale",
            "你对该月的测评已有新版本，请刷新后再改".into(),
            "Your rating of the month has changed since the page was drawn: look again".into(),
        ));
    }
    Ok(PerformanceRecordEvent::MonthRated {
        cadre,
        month,
        rater,
        indicators: set.indicators.clone(),
        levels,
        supersedes,
    })
}

/// A cadre of the records.
fn known_cadre(state: &State, cadre: &str) -> Result<(), RuleViolation> {
    crate::domain::id::check(cadre, "cadre", "干部", "Cadre")?;
    if name_of(state, cadre).is_none() && state.cadre_selection.cadre(cadre).is_none() {
        return Err(not_listed().on("cadre"));
    }
    Ok(())
}

/// An analysis or review: present and at most the policy's length.
fn analysis_ok(state: &State, text: &str, today: NaiveDate) -> Result<String, RuleViolation> {
    let text = shown(text, "text", "内容", "The text")?;
    let max = state
        .policies
        .at(today)
        .performance_record
        .analysis_max_chars;
    let n = text.chars().count();
    if u32::try_from(n).map_or(true, |n| n > max) {
        let e = refuse(
            "performance.too_long",
            format!("内容最多{max}字（现为{n}字）"),
            format!("At most {max} characters ({n} given)"),
        );
        return Err(e.on("text"));
    }
    Ok(text)
}

fn note_quarter(
    state: &State,
    actor: &Actor,
    cadre: String,
    (year, quarter): (i32, u32),
    note: NoteKind,
    text: String,
    fix: Fix,
) -> Result<PerformanceRecordEvent, RuleViolation> {
    known_cadre(state, &cadre)?;
    let start = quarter
        .checked_sub(1)
        .and_then(|q| q.checked_mul(3))
        .and_then(|m| NaiveDate::from_ymd_opt(year, m + 1, 1))
        .filter(|_| (1..=4).contains(&quarter));
    if start.is_none_or(|s| s > actor.today) {
        let e = refuse(
            "performance.quarter",
            "只能记录已经开始的季度（第1至4季度）".into(),
            "Only a quarter (1 to 4) that has begun".into(),
        );
        return Err(e.on("quarter"));
    }
    let key = (cadre.clone(), year, quarter);
    let records = state.performance_record.quarters.get(&key);
    let (note, text, corrects, reason, supersedes) = if fix.record.is_empty() {
        let text = analysis_ok(state, &text, actor.today)?;
        (note, text, String::new(), String::new(), Vec::new())
    } else {
        let versions = records.and_then(|r| r.by_id.get(&fix.record));
        let Some(current) = versions.and_then(Records::content) else {
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
        let (note, text) = match fix.withdrawn {
            true => (current.note, current.text.clone()),
            false => (note, analysis_ok(state, &text, actor.today)?),
        };
        (note, text, fix.record, reason, supersedes)
    };
    Ok(PerformanceRecordEvent::QuarterNoted {
        cadre,
        year,
        quarter,
        note,
        text,
        corrects,
        withdrawn: fix.withdrawn,
        reason,
        supersedes,
    })
}

fn review_year(
    state: &State,
    actor: &Actor,
    cadre: String,
    year: i32,
    level: Level,
    text: String,
    seen: Vec<String>,
) -> Result<PerformanceRecordEvent, RuleViolation> {
    known_cadre(state, &cadre)?;
    let begun = NaiveDate::from_ymd_opt(year, 1, 1).is_some_and(|d| d <= actor.today);
    if !begun {
        let e = refuse(
            "performance.year",
            "只能总评已经开始的年度".into(),
            "Only a year that has begun can be reviewed".into(),
        );
        return Err(e.on("year"));
    }
    let text = analysis_ok(state, &text, actor.today)?;
    let versions = state.performance_record.reviews.get(&(cadre.clone(), year));
    let supersedes = replaced(versions, &seen);
    if versions.is_some_and(|v| !v.is_empty()) && supersedes.is_empty() {
        return Err(refuse(
            "performance.stale",
            "该年度总评已有新版本，请刷新后再改".into(),
            "The year's review has changed since the page was drawn: look again".into(),
        ));
    }
    Ok(PerformanceRecordEvent::YearReviewed {
        cadre,
        year,
        level,
        text,
        supersedes,
    })
}
