//! Grading a township's year (定考评等次, 定绩效工资) and the follow-up of a 不合格
//! village (诫勉谈话, 限期整改).

use super::VillagePayEvent;
use chrono::{Datelike, NaiveDate};

use super::decide::{check_not_future, indicator_set};
use super::{scoring, HeadGrade, Period, VillageResult};
use crate::domain::event::EventBody;
use crate::domain::master::{required, Village};
use crate::domain::policy::Policy;
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation as V;

/// Why a township's year cannot be graded yet, in both languages.
#[derive(Default)]
struct Problems {
    zh: Vec<String>,
    en: Vec<String>,
}

impl Problems {
    fn add(&mut self, zh: String, en: String) {
        self.zh.push(zh);
        self.en.push(en);
    }
}

/// One village's graded numbers before ranking.
struct Row<'a> {
    village: &'a Village,
    quarters: [Option<u32>; 4],
    annual: u32,
    composite: u32,
}

/// Grade the township's villages and compute pay.
pub(super) fn grade(
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
    indicator_set(state, &township, year)?;
    let villages = state.master.villages_of(&township);
    check_publicity_over(state, &villages, year, on)?;
    let policy = state.policies.at(on);
    let previous = state.village_pay.counted.gradings(&township, year);
    let reason = reason.trim().to_string();
    if !previous.is_empty() && reason.is_empty() {
        return Err(V::new(
            "w1.already_graded",
            "本年度已评定等次；重新评定须说明理由",
            "Already graded this year; a re-grading needs a reason",
        )
        .on("reason"));
    }
    if villages.is_empty() {
        return Err(V::new(
            "w1.no_villages",
            "该乡镇没有村",
            "The township has no villages",
        ));
    }
    let mut problems = Problems::default();
    let rows: Vec<Row> = villages
        .iter()
        .filter_map(|v| village_row(state, v, year, &policy, &mut problems))
        .collect();
    if !problems.zh.is_empty() {
        return Err(V::new(
            "w1.not_ready",
            format!("还不能评定等次：{}", problems.zh.join("；")),
            format!("Cannot grade yet: {}", problems.en.join("; ")),
        ));
    }
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::TownshipGraded {
            results: results(&rows, &policy),
            township,
            year,
            graded_on: on,
            supersedes: previous.iter().map(|g| g.event.clone()).collect(),
            reason,
        },
    )])
}

/// Grading of a year waits until every quarter's 公示 of the township's villages
/// that year has ended.
fn check_publicity_over(
    state: &State,
    villages: &[&Village],
    year: i32,
    on: NaiveDate,
) -> Result<(), V> {
    let last_end = villages
        .iter()
        .flat_map(|v| Period::QUARTERS.map(|p| state.village_pay.counted.slot(&v.id, year, p)))
        .flatten()
        .flat_map(|s| s.windows(&state.policies))
        .map(|w| w.end)
        .max();
    match last_end {
        Some(end) if on <= end => Err(V::new(
            "w1.publicity_not_over",
            format!("{year}年度的公示期至 {end} 才结束，结束后方可评定等次"),
            format!("The {year} publicity runs until {end}; grade after it has ended"),
        )
        .on("on")),
        _ => Ok(()),
    }
}

/// A village's quarters, annual score and composite; `None` (with the reason added
/// to `problems`) when something is missing or needs review.
fn village_row<'a>(
    state: &State,
    v: &'a Village,
    year: i32,
    policy: &Policy,
    problems: &mut Problems,
) -> Option<Row<'a>> {
    let before = problems.zh.len();
    let mut quarters = [None; 4];
    for (q, p) in quarters.iter_mut().zip(Period::QUARTERS) {
        *q = period_score(state, v, year, p, problems);
    }
    let annual = period_score(state, v, year, Period::Annual, problems);
    if problems.zh.len() > before {
        return None;
    }
    let Some(annual) = annual else {
        problems.add(
            format!("{}缺少年度考评", v.name),
            format!("{} has no annual score", v.name),
        );
        return None;
    };
    if quarters.iter().all(Option::is_none) {
        problems.add(
            format!("{}没有任何季度考核结果", v.name),
            format!("{} has no quarterly result", v.name),
        );
        return None;
    }
    let Some(composite) = scoring::composite(&quarters, annual, policy) else {
        problems.add(
            format!("{}的综合得分无法按现行政策计算", v.name),
            format!(
                "{}: the composite cannot be computed under the policy in force",
                v.name
            ),
        );
        return None;
    };
    Some(Row {
        village: v,
        quarters,
        annual,
        composite,
    })
}

/// The normalized score a period contributes: `None` when nothing was recorded;
/// a problem when it needs review, is not final (quarters), or cannot be scored.
fn period_score(
    state: &State,
    v: &Village,
    year: i32,
    p: Period,
    problems: &mut Problems,
) -> Option<u32> {
    let w1 = &state.village_pay.counted;
    let slot = w1.slot(&v.id, year, p)?;
    if slot.live().is_empty() {
        return None;
    }
    let (zh, en) = (p.label(true), p.label(false));
    let reviews = w1.reviews(&state.policies, &v.township, &v.id, year, p);
    if !reviews.is_empty() {
        let why: Vec<String> = reviews.iter().map(|r| r.describe(true)).collect();
        let why_en: Vec<String> = reviews.iter().map(|r| r.describe(false)).collect();
        problems.add(
            format!("{}{zh}有冲突待复核（{}）", v.name, why.join("，")),
            format!("{} {en} needs review ({})", v.name, why_en.join(", ")),
        );
        return None;
    }
    if p.is_quarter() && slot.finalized.is_none() {
        problems.add(
            format!("{}{zh}尚未定稿", v.name),
            format!("{} {en} is not final", v.name),
        );
        return None;
    }
    let score = slot
        .standing()
        .and_then(|s| w1.normalized_of(&v.township, year, s));
    if score.is_none() {
        problems.add(
            format!("{}{zh}的得分无法计算", v.name),
            format!("{} {en} cannot be scored", v.name),
        );
    }
    score
}

fn results(rows: &[Row], policy: &Policy) -> Vec<VillageResult> {
    let composites: Vec<(String, u32)> = rows
        .iter()
        .map(|r| (r.village.id.clone(), r.composite))
        .collect();
    let grades = scoring::grade_villages(&composites, policy);
    rows.iter()
        .zip(grades)
        .map(|(r, (rank, team_grade))| {
            let head_grade = team_grade.head_grade();
            VillageResult {
                village: r.village.id.clone(),
                quarters: r.quarters,
                annual: r.annual,
                composite: r.composite,
                rank,
                team_grade,
                head_grade,
                population: r.village.population,
                base_pay: policy.base_pay(r.village.population),
                performance_pay: match head_grade {
                    HeadGrade::Excellent => policy.pay_excellent,
                    HeadGrade::Basic => policy.pay_basic,
                    HeadGrade::Fail => policy.pay_fail,
                },
            }
        })
        .collect()
}

/// The date of the standing grading that graded `village` 不合格 in `year`.
fn failed_village(state: &State, village: &str, year: i32) -> Result<NaiveDate, V> {
    let v = state.master.village(village)?;
    let grading = state.village_pay.counted.grading(&v.township, year);
    let failed = grading
        .and_then(|g| g.results.iter().find(|r| r.village == village))
        .is_some_and(|r| r.head_grade == HeadGrade::Fail);
    match grading {
        Some(g) if failed => Ok(g.graded_on),
        _ => Err(V::new(
            "w1.not_failed",
            "只有评为不合格的村才需要诫勉谈话和限期整改",
            "Only villages graded Fail need a warning talk and rectification",
        )),
    }
}

/// A 诫勉谈话 or 整改 follows the grading that called for it: dated neither before the
/// grading nor after today.
fn check_follow_up_date(
    date: NaiveDate,
    graded_on: NaiveDate,
    today: NaiveDate,
    field: &str,
) -> Result<(), V> {
    check_not_future(date, today, field)?;
    if date >= graded_on {
        return Ok(());
    }
    Err(V::new(
        "w1.before_grading",
        format!("日期不能早于评定等次的日期（{graded_on}）"),
        format!("The date cannot be before the grading ({graded_on})"),
    )
    .on(field))
}

/// Record the 诫勉谈话 with a 不合格 village's heads.
pub(super) fn warning_talk(
    state: &State,
    village: String,
    year: i32,
    (held_by, held_on, note): (String, NaiveDate, String),
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let graded_on = failed_village(state, &village, year)?;
    if state
        .village_pay
        .counted
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
    check_follow_up_date(held_on, graded_on, actor.today, "held_on")?;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::WarningTalkHeld {
            village,
            year,
            held_by,
            held_on,
            note: note.trim().to_string(),
        },
    )])
}

/// Record that a 不合格 village's 限期整改 is complete.
pub(super) fn rectification(
    state: &State,
    village: String,
    year: i32,
    completed_on: NaiveDate,
    note: String,
    actor: &Actor,
) -> Result<Vec<EventBody>, V> {
    let graded_on = failed_village(state, &village, year)?;
    if state
        .village_pay
        .counted
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
    check_follow_up_date(completed_on, graded_on, actor.today, "completed_on")?;
    Ok(vec![EventBody::VillagePay(
        VillagePayEvent::RectificationCompleted {
            village,
            year,
            completed_on,
            note,
        },
    )])
}
