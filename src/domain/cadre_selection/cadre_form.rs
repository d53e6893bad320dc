//! Reading the cadre form (干部信息): the typed inputs become a `CadreProfile`, with every
//! field's message at once (reading, then the profile's own rules, `cadre_problems`).
//! Native, so the page only renders inputs and hands them over.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{cadre_problems, AnnualGrade, CadreFlags, CadreProfile, Position};
use crate::domain::master::parse_count;
use crate::domain::time::{date_field, optional_date_field};
use crate::domain::RuleViolation;

/// The form's inputs as typed: field name → every value in order (a repeated row's
/// fields, `pos_unit`, `grade_year`, …, have one value per row).
pub type CadreInputs = BTreeMap<String, Vec<String>>;

/// The four 年度考核 grades, in the order the form offers them.
pub const GRADES: [AnnualGrade; 4] = [
    AnnualGrade::Excellent,
    AnnualGrade::Competent,
    AnnualGrade::BasicallyCompetent,
    AnnualGrade::Incompetent,
];

/// A grade's form value.
pub fn grade_key(g: AnnualGrade) -> &'static str {
    match g {
        AnnualGrade::Excellent => "excellent",
        AnnualGrade::Competent => "competent",
        AnnualGrade::BasicallyCompetent => "basically_competent",
        AnnualGrade::Incompetent => "incompetent",
    }
}

/// Collects each field's first message (one per field).
#[derive(Default)]
struct Problems(Vec<RuleViolation>);

impl Problems {
    fn keep(&mut self, e: RuleViolation) {
        if !self.0.iter().any(|p| p.field == e.field) {
            self.0.push(e);
        }
    }
}

fn all<'a>(inputs: &'a CadreInputs, name: &str) -> &'a [String] {
    inputs.get(name).map(Vec::as_slice).unwrap_or_default()
}

fn one<'a>(inputs: &'a CadreInputs, name: &str) -> &'a str {
    all(inputs, name)
        .first()
        .map(String::as_str)
        .unwrap_or_default()
}

/// Read the cadre form: the profile, or every field's message at once. A date that
/// cannot be read stands in as one no other rule of the profile refuses.
pub fn read_profile(
    inputs: &CadreInputs,
    today: NaiveDate,
) -> Result<CadreProfile, Vec<RuleViolation>> {
    let mut problems = Problems::default();
    let positions = positions(inputs, &mut problems);
    let grades = grades(inputs, &mut problems);
    let mut count = |field: &str| {
        parse_count(one(inputs, field), field).unwrap_or_else(|e| {
            problems.keep(e);
            0
        })
    };
    let (children, children_emigrated) = (count("children"), count("children_emigrated"));
    let mut date = |field: &str, optional: bool| {
        let raw = one(inputs, field);
        let read = if optional {
            optional_date_field(raw, field)
        } else {
            date_field(raw, field).map(Some)
        };
        read.unwrap_or_else(|e| {
            problems.keep(e);
            None
        })
    };
    let (birth, work_start) = (date("birth", false), date("work_start", false));
    let (party_join, sanction_until) = (date("party_join", true), date("sanction_until", true));
    let flags = CadreFlags {
        has_spouse: one(inputs, "has_spouse") == "yes",
        spouse_emigrated: one(inputs, "spouse_emigrated") == "yes",
        children,
        children_emigrated,
        sanction_until,
        canvassing: one(inputs, "canvassing").trim().to_string(),
        other_bar: one(inputs, "other_bar").trim().to_string(),
    };
    let profile = CadreProfile {
        name: one(inputs, "name").to_string(),
        gender: one(inputs, "gender").to_string(),
        ethnicity: one(inputs, "ethnicity").trim().to_string(),
        birth: birth.unwrap_or(NaiveDate::MIN),
        party_join,
        work_start: work_start.unwrap_or(NaiveDate::MAX),
        education: one(inputs, "education").trim().to_string(),
        identity: one(inputs, "identity").trim().to_string(),
        positions,
        grades,
        flags,
    };
    let read_fields: Vec<Option<String>> = problems.0.iter().map(|p| p.field.clone()).collect();
    let rules = cadre_problems(&profile, today);
    problems.0.extend(
        rules
            .into_iter()
            .filter(|p| !read_fields.contains(&p.field)),
    );
    if problems.0.is_empty() {
        Ok(profile)
    } else {
        Err(problems.0)
    }
}

/// The 工作经历 rows that are filled in (a row with neither unit nor title is left out).
fn positions(inputs: &CadreInputs, problems: &mut Problems) -> Vec<Position> {
    let at = |name: &str, i: usize| all(inputs, name).get(i).map(String::as_str).unwrap_or("");
    let mut out = Vec::new();
    for (i, unit) in all(inputs, "pos_unit").iter().enumerate() {
        let title = at("pos_title", i);
        if unit.trim().is_empty() && title.trim().is_empty() {
            continue;
        }
        let start = date_field(at("pos_start", i), "positions");
        let end = optional_date_field(at("pos_end", i), "positions");
        match (start, end) {
            (Ok(start), Ok(end)) => out.push(Position {
                unit: unit.trim().to_string(),
                title: title.trim().to_string(),
                post: at("pos_post", i).to_string(),
                start,
                end,
            }),
            (s, e) => s
                .err()
                .into_iter()
                .chain(e.err())
                .for_each(|x| problems.keep(x)),
        }
    }
    out
}

/// The 年度考核 rows that name a year (a grade not offered reads as 称职).
fn grades(inputs: &CadreInputs, problems: &mut Problems) -> BTreeMap<i32, AnnualGrade> {
    let chosen = all(inputs, "grade");
    let mut out = BTreeMap::new();
    for (i, y) in all(inputs, "grade_year").iter().enumerate() {
        if y.trim().is_empty() {
            continue;
        }
        let year = parse_count(y, "grades").and_then(|n| {
            i32::try_from(n).map_err(|_| {
                RuleViolation::new("field.number", "年份超出范围", "The year is out of range")
                    .on("grades")
            })
        });
        let year = match year {
            Ok(year) => year,
            Err(e) => {
                problems.keep(e);
                continue;
            }
        };
        let key = chosen.get(i).map(String::as_str);
        let grade = GRADES.into_iter().find(|g| Some(grade_key(*g)) == key);
        out.insert(year, grade.unwrap_or(AnnualGrade::Competent));
    }
    out
}
