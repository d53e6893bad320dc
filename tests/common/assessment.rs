//! The W5 fixture: the W4 cadres of 格日朝鲁苏木 assessed for 2025 (recorded in
//! January 2026), with helpers for scores, grades and consequences.
#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::NaiveDate;
use jishi::domain::annual_assessment::{Command, ConsequenceKind, RaterGroup, Subject, TeamGrade};
use jishi::domain::cadre_selection::AnnualGrade;
use jishi::domain::event::{Event, Role};

use super::{d, Device};

/// The unit of the fixture's cadres.
pub const UNIT: &str = "格日朝鲁苏木";
/// The year assessed.
pub const YEAR: i32 = 2025;

/// Scores in points for each group, in the seed's order (上级、同级、下级、本人、外单位);
/// `None` leaves a group out.
pub fn scores(points: [Option<&str>; 5]) -> BTreeMap<RaterGroup, u32> {
    RaterGroup::ALL
        .into_iter()
        .zip(points)
        .filter_map(|(g, p)| {
            let p = p?;
            let h = jishi::domain::annual_assessment::results::parse_score(p)
                .unwrap_or_else(|| panic!("{p} is not a score"));
            Some((g, h))
        })
        .collect()
}

/// The same score from every group.
pub fn all(points: &str) -> BTreeMap<RaterGroup, u32> {
    scores([Some(points); 5])
}

pub fn rate_cmd(cadre: &str, scores: BTreeMap<RaterGroup, u32>, on: NaiveDate) -> Command {
    Command::Rate {
        year: YEAR,
        cadre: cadre.into(),
        unit: UNIT.into(),
        scores,
        integrity_passed: true,
        on,
        reason: String::new(),
        seen: vec![],
    }
}

pub fn rate(dev: &mut Device, cadre: &str, scores: BTreeMap<RaterGroup, u32>) -> Vec<Event> {
    let on = d(2026, 1, 10);
    dev.ok(Role::Recorder, on, rate_cmd(cadre, scores, on))
}

pub fn grade_cmd(cadre: &str, grade: AnnualGrade, on: NaiveDate) -> Command {
    Command::Grade {
        year: YEAR,
        cadre: cadre.into(),
        grade,
        grounds: "考核委员会综合测评结果和平时考核情况".into(),
        on,
        reason: String::new(),
        seen: vec![],
    }
}

pub fn grade(dev: &mut Device, cadre: &str, grade: AnnualGrade) -> Vec<Event> {
    let on = d(2026, 1, 20);
    dev.ok(Role::Recorder, on, grade_cmd(cadre, grade, on))
}

pub fn team(dev: &mut Device, unit: &str, grade: TeamGrade) -> Vec<Event> {
    let on = d(2026, 1, 20);
    let cmd = Command::GradeTeam {
        year: YEAR,
        unit: unit.into(),
        grade,
        grounds: "班子民主测评满意率偏低，重点工作滞后".into(),
        on,
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, on, cmd)
}

pub fn carry(subject: Subject, consequence: ConsequenceKind, on: NaiveDate) -> Command {
    Command::Carry {
        year: YEAR,
        subject,
        consequence,
        done: "下达诫勉通知书（组诫字〔2026〕3号）".into(),
        on,
        reason: String::new(),
        seen: vec![],
    }
}

/// Ids of the live versions of a cadre's grade.
pub fn grade_versions(dev: &Device, cadre: &str) -> Vec<String> {
    let key = (cadre.to_string(), YEAR);
    let v = dev.state().annual_assessment.grades.get(&key);
    v.map(|v| v.live_ids()).unwrap_or_default()
}

/// Rate `cadre` for `year` in `unit` (recorded on 10 January of the next year), with
/// whether they passed the 党风廉政 check.
pub fn rate_in(
    dev: &mut Device,
    year: i32,
    unit: &str,
    cadre: &str,
    scores: BTreeMap<RaterGroup, u32>,
    integrity_passed: bool,
) -> Vec<Event> {
    let on = d(year + 1, 1, 10);
    let cmd = Command::Rate {
        year,
        cadre: cadre.into(),
        unit: unit.into(),
        scores,
        integrity_passed,
        on,
        reason: String::new(),
        seen: vec![],
    };
    dev.ok(Role::Recorder, on, cmd)
}
