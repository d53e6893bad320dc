//! The W1 decider: validate a command against the
//! state and the policy in force, and return the events to record. Slot commands
//! (scores, 公示, 异议, review, 定稿) are in `decide_slot`, grading in `grade`.

use super::VillagePayEvent;
use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{decide_slot, grade, scoring, Indicator, Period};
use crate::domain::event::{EventBody, Role};
use crate::domain::id;
use crate::domain::master::required;
use crate::domain::policy::Policy;
use crate::domain::score::format_halves;
use crate::domain::state::{Actor, State};
use crate::domain::time::add_days;
use crate::domain::RuleViolation as V;

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
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
    /// Settle concurrent publications of a year's indicator set by keeping one of
    /// them (published again as the next version, naming what it replaces).
    ResolveIndicatorConflict {
        township: String,
        year: i32,
        /// Event id of the set kept.
        keep: String,
        reason: String,
    },
    /// Record the scores that stand after a review (需复核): concurrent entries, a
    /// sheet of an outdated indicator set, a change after 公示 or 定稿, an objection
    /// resolved two ways.
    ResolveConflict {
        village: String,
        year: i32,
        period: Period,
        scores: BTreeMap<String, u32>,
        reason: String,
    },
    /// Settle two 公示 of one result that announced different windows by keeping one
    /// (`keep`, a 公示 event id); a 定稿 made inside the kept window is withdrawn.
    ResolvePublicityConflict {
        village: String,
        year: i32,
        period: Period,
        keep: String,
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

/// What a user may do on the village-pay pages, asked before a form is shown: who may
/// is what [`decide`] enforces ([`Command::roles`] is its action's roles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Score a village's period, or correct its scores.
    Score,
    /// Raise an objection during 公示.
    Object,
    /// The organizer's steps: indicators, 公示, objections, reviews, 定稿, grading,
    /// 诫勉谈话 and 限期整改.
    Organize,
}

impl Action {
    /// Roles that may take this action.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::Score => &[Role::Assessor, Role::Organizer],
            Action::Object => &[Role::Organizer, Role::Assessor, Role::VillageHead],
            Action::Organize => &[Role::Organizer],
        }
    }

    /// Whether a user acting as `role` may take this action.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words, for a user who may not: "只有乡镇组织委员可以发布指标、开始公示、处理异议、核定和定稿".
    pub fn only(self) -> V {
        let (zh, en) = match self {
            Action::Score => ("评分或更正评分", "score or correct scores"),
            Action::Object => ("提出异议", "raise an objection"),
            Action::Organize => (
                "发布指标、开始公示、处理异议、核定和定稿",
                "publish indicators, open publicity, resolve objections, settle reviews and finalize",
            ),
        };
        crate::domain::access::only_roles(self.roles(), zh, en)
    }
}

impl Command {
    /// The action this command takes.
    pub fn action(&self) -> Action {
        use Command::*;
        match self {
            SubmitScores { .. } | CorrectScores { .. } => Action::Score,
            RaiseObjection { .. } => Action::Object,
            PublishIndicators { .. }
            | OpenPublicity { .. }
            | ResolveObjection { .. }
            | ResolveConflict { .. }
            | ResolvePublicityConflict { .. }
            | ResolveIndicatorConflict { .. }
            | Finalize { .. }
            | Grade { .. }
            | RecordWarningTalk { .. }
            | CompleteRectification { .. } => Action::Organize,
        }
    }

    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        self.action().roles()
    }
}

/// Validate `cmd` by `actor` against `state` and the policy in force; return the
/// events to record. Nothing is recorded on error.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    if let Command::Grade { township, .. } = &cmd {
        crate::domain::command::shared_data_settled(state, township)?;
    }
    check_role(&cmd, actor)?;
    match cmd {
        Command::PublishIndicators {
            township,
            year,
            indicators,
        } => publish_indicators(state, township, year, indicators),
        Command::ResolveIndicatorConflict {
            township,
            year,
            keep,
            reason,
        } => resolve_indicator_conflict(state, township, year, keep, reason),
        Command::Grade {
            township,
            year,
            on,
            reason,
        } => grade::grade(state, township, year, on, reason, actor),
        Command::RecordWarningTalk {
            village,
            year,
            held_by,
            held_on,
            note,
        } => grade::warning_talk(state, village, year, (held_by, held_on, note), actor),
        Command::CompleteRectification {
            village,
            year,
            completed_on,
            note,
        } => grade::rectification(state, village, year, completed_on, note, actor),
        slot_command => decide_slot::decide(state, slot_command, actor),
    }
}

fn check_role(cmd: &Command, actor: &Actor) -> Result<(), V> {
    crate::domain::command::may_act(cmd.roles(), actor)
}

fn publish_indicators(
    state: &State,
    township: String,
    year: i32,
    indicators: Vec<Indicator>,
) -> Result<Vec<EventBody>, V> {
    state.master.township(&township)?;
    check_indicators(&indicators)?;
    if !state
        .village_pay
        .counted
        .indicator_conflict(&township, year)
        .is_empty()
    {
        return Err(indicator_conflict_error());
    }
    if state
        .village_pay
        .counted
        .indicators(&township, year)
        .is_some()
        && any_scores(state, &township, year)
    {
        return Err(V::new(
            "w1.indicators_locked",
            "本年度已有评分记录，考评指标不能再更换",
            "Scores have been recorded this year; the indicator set can no longer be replaced",
        ));
    }
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::IndicatorsPublished {
            version: next_version(state, &township, year)?,
            supersedes: live_set_ids(state, &township, year),
            township,
            year,
            indicators,
            reason: String::new(),
        },
    )])
}

fn resolve_indicator_conflict(
    state: &State,
    township: String,
    year: i32,
    keep: String,
    reason: String,
) -> Result<Vec<EventBody>, V> {
    state.master.township(&township)?;
    id::check(&keep, "keep", "指标版本", "Indicator set")?;
    let conflict = state
        .village_pay
        .counted
        .indicator_conflict(&township, year);
    if conflict.is_empty() {
        return Err(V::new(
            "w1.no_indicator_conflict",
            "本年度考评指标没有待确定的版本冲突",
            "This year's indicator set has no conflicting versions to settle",
        ));
    }
    let kept = conflict.iter().find(|s| s.event == keep).ok_or_else(|| {
        V::new(
            "w1.unknown_indicator_set",
            "所选指标版本不是待确定的版本之一",
            "The chosen set is not one of the conflicting versions",
        )
        .on("keep")
    })?;
    let reason = required(&reason, "reason", "确定理由", "Reason")?;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::IndicatorsPublished {
            version: next_version(state, &township, year)?,
            indicators: kept.indicators.clone(),
            supersedes: conflict.iter().map(|s| s.event.clone()).collect(),
            township,
            year,
            reason,
        },
    )])
}

fn live_set_ids(state: &State, township: &str, year: i32) -> Vec<String> {
    state
        .village_pay
        .counted
        .live_sets(township, year)
        .iter()
        .map(|s| s.event.clone())
        .collect()
}

fn next_version(state: &State, township: &str, year: i32) -> Result<u32, V> {
    state
        .village_pay
        .counted
        .next_version(township, year)
        .ok_or_else(|| {
            V::new(
                "w1.version_overflow",
                "指标版本号已用尽",
                "No indicator version number is left",
            )
        })
}

/// Last day of the publicity window that starts on `start` (inclusive).
pub fn window_end(start: NaiveDate, policy: &Policy) -> NaiveDate {
    add_days(start, i64::from(policy.publicity_days) - 1)
}

/// First day a period's assessment may be dated: the first day of its quarter (the
/// year's first day for the annual assessment); `None` for a year out of the calendar.
pub fn period_start(year: i32, period: Period) -> Option<NaiveDate> {
    let month = match period {
        Period::Q1 | Period::Annual => 1,
        Period::Q2 => 4,
        Period::Q3 => 7,
        Period::Q4 => 10,
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

pub(super) fn any_scores(state: &State, township: &str, year: i32) -> bool {
    state
        .village_pay
        .counted
        .slots
        .iter()
        .any(|((v, y, _), s)| {
            *y == year
                && !s.versions.is_empty()
                && state
                    .master
                    .villages
                    .get(v)
                    .is_some_and(|v| v.township == township)
        })
}

pub(super) fn indicator_conflict_error() -> V {
    V::new(
        "w1.indicator_conflict",
        "本年度考评指标有两个不同的版本同时发布，须先由乡镇组织委员在“考评指标”中确定",
        "Two different indicator sets were published concurrently for this year; the township organizer must first settle them under Indicators",
    )
}

/// The current indicator set of a township's year, or why there is none.
pub(super) fn indicator_set<'a>(
    state: &'a State,
    township: &str,
    year: i32,
) -> Result<&'a super::IndicatorSet, V> {
    if !state
        .village_pay
        .counted
        .indicator_conflict(township, year)
        .is_empty()
    {
        return Err(indicator_conflict_error());
    }
    state
        .village_pay
        .counted
        .indicators(township, year)
        .ok_or_else(|| {
            V::new(
                "w1.no_indicators",
                format!("{year}年度考评指标尚未发布"),
                format!("The {year} indicator set is not published yet"),
            )
        })
}

pub(super) fn check_not_future(date: NaiveDate, today: NaiveDate, field: &str) -> Result<(), V> {
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
        id::check(&i.id, &i.id, "指标编号", "Indicator id")?;
        if crate::domain::text::blank(&i.name) {
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
    if !scoring::exact_for_every_sheet(indicators) {
        return Err(V::new(
            "w1.indicators_too_fine",
            "指标满分或权重组合过大，得分无法精确计算；请简化满分或权重",
            "These maxima and weights are too large to score exactly; use simpler maxima or weights",
        ));
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
        if let Some(v) = score_problem(i, *s, policy.half_points) {
            return Err(v);
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

/// What is wrong with score `s` (half points) for indicator `i`: outside 0..=max, or a
/// half point where the policy allows whole points only.
fn score_problem(i: &Indicator, s: u32, half_points: bool) -> Option<V> {
    if s > i.max_halves {
        return Some(
            V::new(
                "w1.score_range",
                format!(
                    "“{}”得分 {} 超出范围 0–{}",
                    i.name,
                    format_halves(s),
                    format_halves(i.max_halves)
                ),
                format!(
                    "{}: {} is outside 0–{}",
                    i.name,
                    format_halves(s),
                    format_halves(i.max_halves)
                ),
            )
            .on(i.id.clone()),
        );
    }
    if !half_points && s % 2 == 1 {
        return Some(
            V::new(
                "score.half_not_allowed",
                "本年度政策只允许整数分",
                "Policy allows whole points only",
            )
            .on(i.id.clone()),
        );
    }
    None
}

/// Parse the score typed for each indicator (indicator id, text) into half points,
/// each within its maximum: the scores, or every wrong indicator's message at once
/// (each message names its indicator and belongs to its field).
pub fn parse_scores(
    indicators: &[Indicator],
    inputs: &[(String, String)],
    half_points: bool,
) -> Result<BTreeMap<String, u32>, Vec<V>> {
    let mut scores = BTreeMap::new();
    let mut problems = Vec::new();
    for i in indicators {
        let text = inputs
            .iter()
            .find(|(id, _)| *id == i.id)
            .map(|(_, t)| t.as_str())
            .unwrap_or("");
        match crate::domain::score::parse_halves(text, half_points) {
            Ok(s) => match score_problem(i, s, half_points) {
                Some(v) => problems.push(v),
                None => {
                    scores.insert(i.id.clone(), s);
                }
            },
            Err(v) => problems.push(
                V {
                    zh: format!("“{}”：{}", i.name, v.zh),
                    en: format!("{}: {}", i.name, v.en),
                    ..v
                }
                .on(i.id.clone()),
            ),
        }
    }
    if problems.is_empty() {
        Ok(scores)
    } else {
        Err(problems)
    }
}
