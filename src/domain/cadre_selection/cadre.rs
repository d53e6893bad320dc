//! Cadre data computed from the profile: "三龄两历一身份" and the exclusion rules for
//! inspection targets (不得列为考察对象, seed 001).

use std::collections::BTreeMap;

use crate::domain::sorting;
use chrono::{Datelike, NaiveDate};

use super::{AnnualGrade, CadreProfile, Position};
use crate::domain::policy::CadreSelectionPolicy;

/// "三龄两历一身份" (seed 002 开鲁), computed on a reference date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sanling {
    /// 年龄, full years.
    pub age: u32,
    /// 党龄, full years (None = not a party member).
    pub party_age: Option<u32>,
    /// 工龄, full years.
    pub work_age: u32,
    /// 学历.
    pub education: String,
    /// 工作经历, oldest first.
    pub history: Vec<Position>,
    /// 身份.
    pub identity: String,
}

/// Full years from `from` to `on` (0 if `on` is earlier).
pub fn full_years(from: NaiveDate, on: NaiveDate) -> u32 {
    if on < from {
        return 0;
    }
    let mut years = i64::from(on.year()) - i64::from(from.year());
    if (on.month(), on.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    u32::try_from(years.max(0)).unwrap_or(u32::MAX)
}

/// Full months from `from` to `on` (0 if `on` is earlier).
pub fn full_months(from: NaiveDate, on: NaiveDate) -> u32 {
    if on < from {
        return 0;
    }
    let mut months = (i64::from(on.year()) - i64::from(from.year())) * 12 + i64::from(on.month())
        - i64::from(from.month());
    if on.day() < from.day() {
        months -= 1;
    }
    u32::try_from(months.max(0)).unwrap_or(u32::MAX)
}

/// `date` plus `months` calendar months (clamped to the month's last day).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(chrono::Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// "三龄两历一身份" of a cadre on `on`.
pub fn sanling(profile: &CadreProfile, on: NaiveDate) -> Sanling {
    let mut history = profile.positions.clone();
    sorting::sort_by(&mut history, |a, b| {
        a.start.cmp(&b.start).then(a.unit.cmp(&b.unit))
    });
    Sanling {
        age: full_years(profile.birth, on),
        party_age: profile.party_join.map(|d| full_years(d, on)),
        work_age: full_years(profile.work_start, on),
        education: profile.education.clone(),
        history,
        identity: profile.identity.clone(),
    }
}

/// The position held on `on` that started last (the current post).
pub fn current_position(profile: &CadreProfile, on: NaiveDate) -> Option<&Position> {
    profile
        .positions
        .iter()
        .filter(|p| p.start <= on && p.end.is_none_or(|e| e >= on))
        .max_by_key(|p| p.start)
}

/// A cadre's annual grades by year as W4 reads them: the annual assessment's (W5)
/// where it graded that year — two versions that differ count as the lower —, else the
/// grade typed in the profile, so older records keep their meaning.
pub fn grades(state: &crate::domain::State, cadre: &str) -> BTreeMap<i32, AnnualGrade> {
    let all = crate::domain::annual_assessment::results::annual_grades(state, cadre);
    all.into_iter().map(|(y, g)| (y, g.grade)).collect()
}

/// Why a cadre may not become an inspection target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exclusion {
    /// One of the last years' annual grades is 基本称职 or lower: (year, grade).
    Grade(i32, AnnualGrade),
    /// 裸官: spouse emigrated, or no spouse and every child emigrated.
    FamilyEmigrated,
    /// A sanction still affects use until this date.
    Sanction(NaiveDate),
    /// A recorded 跑官/拉票 finding.
    Canvassing(String),
    /// Low recognition: (votes, participants) below the policy share.
    LowRecognition(u32, u32),
    /// Another stated reason.
    Other(String),
}

impl Exclusion {
    /// The reason shown to the user (`zh` = Chinese).
    pub fn reason(&self, zh: bool) -> String {
        match (self, zh) {
            (Exclusion::Grade(y, g), true) => format!("{y} 年度考核为{}", g.label_in(true)),
            (Exclusion::Grade(y, g), false) => {
                format!("annual grade {y} was {}", g.label_in(false))
            }
            (Exclusion::FamilyEmigrated, true) => {
                "配偶已移居国（境）外，或无配偶、子女均已移居国（境）外".into()
            }
            (Exclusion::FamilyEmigrated, false) => {
                "spouse emigrated, or no spouse and all children emigrated".into()
            }
            (Exclusion::Sanction(d), true) => format!("受处分影响期未满（至 {d}）"),
            (Exclusion::Sanction(d), false) => format!("a sanction affects use until {d}"),
            (Exclusion::Canvassing(s), true) => format!("有跑官、拉票行为：{s}"),
            (Exclusion::Canvassing(s), false) => format!("canvassing for office: {s}"),
            (Exclusion::LowRecognition(v, n), true) => {
                format!("群众认可度低（推荐得票 {v}/{n}）")
            }
            (Exclusion::LowRecognition(v, n), false) => {
                format!("low recognition ({v} of {n} votes)")
            }
            (Exclusion::Other(s), _) => s.clone(),
        }
    }
}

/// Every reason `profile` may not be an inspection target on `on`. `grades` are the
/// cadre's annual grades by year ([`grades`]: the annual assessment's, else the
/// profile's); `recognition` is the cadre's (votes, participants) in the democratic
/// recommendation used.
pub fn exclusions(
    profile: &CadreProfile,
    grades: &BTreeMap<i32, AnnualGrade>,
    recognition: Option<(u32, u32)>,
    on: NaiveDate,
    policy: &CadreSelectionPolicy,
) -> Vec<Exclusion> {
    let mut out = Vec::new();
    // The last N completed assessment years before the year of `on`, latest first.
    let first = i64::from(on.year()) - i64::from(policy.grade_lookback_years);
    for (year, g) in grades.iter().rev() {
        let y = i64::from(*year);
        if y >= first && y < i64::from(on.year()) && *g >= AnnualGrade::BasicallyCompetent {
            out.push(Exclusion::Grade(*year, *g));
        }
    }
    let f = &profile.flags;
    if (f.has_spouse && f.spouse_emigrated)
        || (!f.has_spouse && f.children > 0 && f.children_emigrated >= f.children)
    {
        out.push(Exclusion::FamilyEmigrated);
    }
    if let Some(until) = f.sanction_until {
        if on <= until {
            out.push(Exclusion::Sanction(until));
        }
    }
    if !crate::domain::text::blank(&f.canvassing) {
        out.push(Exclusion::Canvassing(f.canvassing.trim().to_string()));
    }
    if let Some((votes, participants)) = recognition {
        let share = u64::from(votes) * 100;
        if participants > 0
            && share < u64::from(policy.low_recognition_pct) * u64::from(participants)
        {
            out.push(Exclusion::LowRecognition(votes, participants));
        }
    }
    if !crate::domain::text::blank(&f.other_bar) {
        out.push(Exclusion::Other(f.other_bar.trim().to_string()));
    }
    out
}
