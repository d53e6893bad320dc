//! The forms of 年度考核 as data, and their reading back into commands: a cadre's
//! scores from each rater group, a cadre's grade, a team's grade, and a consequence
//! carried out. Recording a cadre or team already recorded corrects what the page
//! showed, with a reason.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::Command;
use super::event::{ConsequenceKind, RaterGroup, TeamGrade};
use super::results::parse_score;
use super::state::Subject;
use crate::domain::cadre_selection::AnnualGrade;
use crate::domain::command::Command as AnyCommand;
use crate::domain::form::{
    choice, field, Cell, Choice, Field, FieldKind, Form, Grid, Inputs, Rows,
};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// Option list: the cadres a form may name.
pub const CADRES: &str = "cadres";
/// Option list: the consequences still to record.
pub const OWED: &str = "owed";

/// The rater groups, as a grid's rows.
pub const GROUP_ROWS: &[Choice] = &[
    choice("superior", "上级", "Superiors"),
    choice("peers", "同级", "Peers"),
    choice("subordinates", "下级", "Subordinates"),
    choice("own", "本人", "Self"),
    choice("outside", "外单位相关人员", "Related outside units"),
];

/// The cadre grades.
pub const GRADES: &[Choice] = &[
    choice("excellent", "优秀", "Excellent"),
    choice("competent", "称职", "Competent"),
    choice("basically_competent", "基本称职", "Basically competent"),
    choice("incompetent", "不称职", "Incompetent"),
];

/// The team grades.
pub const TEAM_GRADES: &[Choice] = &[
    choice("good", "好", "Good"),
    choice("fairly_good", "较好", "Fairly good"),
    choice("average", "一般", "Average"),
    choice("poor", "差", "Poor"),
];

const ON: Field = field("on", "日期", "Date", FieldKind::Date).required();
const REASON: Field = field(
    "reason",
    "更正原因",
    "Reason for the correction",
    FieldKind::Text,
)
.help("更正已有记录时必填", "Required when correcting a record");
const CADRE: Field = field(
    "cadre",
    "干部",
    "Cadre",
    FieldKind::Pick {
        from: CADRES,
        blank: false,
    },
)
.required();

/// A cadre's scores from each rater group (averages of their ballots, 0–100).
pub const RATING_FORM: Form = Form {
    key: "assessment_rating",
    fields: &[
        CADRE,
        field(
            "scores",
            "各测评主体评分（0–100，可到两位小数；未参评的留空）",
            "Each rater group's score (0–100, up to two decimals; leave out groups that did not rate)",
            FieldKind::Grid(Grid {
                rows: Rows::Listed(GROUP_ROWS),
                cell: Cell::Score,
                total: false,
            }),
        ),
        field(
            "integrity_passed",
            "党风廉政建设责任制考核达标",
            "Passed the Party-conduct responsibility check",
            FieldKind::YesNo,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// A cadre's grade.
pub const GRADE_FORM: Form = Form {
    key: "assessment_grade",
    fields: &[
        CADRE,
        field("grade", "考核等次", "Grade", FieldKind::Choice(GRADES)).required(),
        field("grounds", "定等依据", "Grounds", FieldKind::LongText).help(
            "基本称职、不称职须写明依据",
            "Required for Basically competent and Incompetent",
        ),
        field("on", "定等日期", "Decided on", FieldKind::Date).required(),
        REASON,
    ],
};

/// A unit's leadership team's grade.
pub const TEAM_FORM: Form = Form {
    key: "assessment_team",
    fields: &[
        field(
            "grade",
            "班子考核等次",
            "Team grade",
            FieldKind::Choice(TEAM_GRADES),
        )
        .required(),
        field("grounds", "定等依据", "Grounds", FieldKind::LongText)
            .help("一般、差须写明依据", "Required for Average and Poor"),
        field("on", "定等日期", "Decided on", FieldKind::Date).required(),
        REASON,
    ],
};

/// A consequence carried out.
pub const CARRY_FORM: Form = Form {
    key: "assessment_carry",
    fields: &[
        field(
            "owed",
            "处理事项",
            "Consequence",
            FieldKind::Pick {
                from: OWED,
                blank: false,
            },
        )
        .required(),
        field(
            "done",
            "落实情况（文号、会议等）",
            "What was done (document, meeting)",
            FieldKind::LongText,
        )
        .required(),
        ON,
        REASON,
    ],
};

/// What the rating form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct RatingInput {
    /// Its `cadre` field.
    pub cadre: String,
    #[serde(default)]
    /// Its `scores` field.
    pub scores: BTreeMap<String, String>,
    /// Its `integrity_passed` field.
    pub integrity_passed: bool,
    /// Its `on` field.
    pub on: NaiveDate,
    #[serde(default)]
    /// Its `reason` field.
    pub reason: String,
}

/// What the grade form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct GradeInput {
    /// Its `cadre` field.
    pub cadre: String,
    /// Its `grade` field.
    pub grade: AnnualGrade,
    #[serde(default)]
    /// Its `grounds` field.
    pub grounds: String,
    /// Its `on` field.
    pub on: NaiveDate,
    #[serde(default)]
    /// Its `reason` field.
    pub reason: String,
}

/// What the team grade form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct TeamInput {
    /// Its `grade` field.
    pub grade: TeamGrade,
    #[serde(default)]
    /// Its `grounds` field.
    pub grounds: String,
    /// Its `on` field.
    pub on: NaiveDate,
    #[serde(default)]
    /// Its `reason` field.
    pub reason: String,
}

/// What the consequence form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct CarryInput {
    /// Its `owed` field.
    pub owed: String,
    /// Its `done` field.
    pub done: String,
    /// Its `on` field.
    pub on: NaiveDate,
    /// Its `reason` field.
    #[serde(default)]
    pub reason: String,
}

/// The option key of a consequence: `c:<kind>:<cadre>` or `t:<kind>:<unit>`.
pub fn owed_key(subject: &Subject, kind: ConsequenceKind) -> String {
    let kind = match kind {
        ConsequenceKind::Removal => "removal",
        ConsequenceKind::Warning => "warning",
        ConsequenceKind::LeaderRemoval => "leader_removal",
        ConsequenceKind::DeputiesCompete => "deputies_compete",
        ConsequenceKind::TeamCompete => "team_compete",
    };
    match subject {
        Subject::Cadre(c) => format!("c:{kind}:{c}"),
        Subject::Team(u) => format!("t:{kind}:{u}"),
    }
}

fn read_owed(key: &str) -> Option<(Subject, ConsequenceKind)> {
    let mut parts = key.splitn(3, ':');
    let (who, kind, name) = (parts.next()?, parts.next()?, parts.next()?);
    let kind = match kind {
        "removal" => ConsequenceKind::Removal,
        "warning" => ConsequenceKind::Warning,
        "leader_removal" => ConsequenceKind::LeaderRemoval,
        "deputies_compete" => ConsequenceKind::DeputiesCompete,
        "team_compete" => ConsequenceKind::TeamCompete,
        _ => return None,
    };
    let subject = match who {
        "c" => Subject::Cadre(name.to_string()),
        "t" => Subject::Team(name.to_string()),
        _ => return None,
    };
    Some((subject, kind))
}

/// Each typed score read into hundredths (a blank row left out); every wrong row named.
fn read_scores(
    typed: &BTreeMap<String, String>,
) -> Result<BTreeMap<RaterGroup, u32>, Vec<RuleViolation>> {
    let mut out = BTreeMap::new();
    let mut wrong: Vec<RaterGroup> = Vec::new();
    for (key, text) in typed {
        let Some(group) = RaterGroup::from_key(key) else {
            continue;
        };
        if crate::domain::text::blank(text) {
            continue;
        }
        match parse_score(text) {
            Some(h) => {
                out.insert(group, h);
            }
            None => wrong.push(group),
        }
    }
    if !wrong.is_empty() {
        let names = |zh: bool| -> Vec<&str> { wrong.iter().map(|g| g.label(zh)).collect() };
        let e = RuleViolation::new(
            "assessment.score",
            format!(
                "{}的评分应是0至100之间的数，最多两位小数",
                names(true).join("、")
            ),
            format!(
                "The scores of {} must be numbers from 0 to 100 with at most two decimals",
                names(false).join(", ")
            ),
        );
        return Err(vec![e.on("scores")]);
    }
    Ok(out)
}

fn template(block: &FormBlock) -> Result<&Command, Vec<RuleViolation>> {
    match &block.template {
        AnyCommand::AnnualAssessment(c) => Ok(c),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The versions on the page as drawn among those still live (a correction replaces
/// only those; one arriving meanwhile stays beside it).
fn drawn<T>(
    versions: Option<&crate::domain::versions::Versions<T>>,
    seen: &[String],
) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// Read any form of the assessment into its command.
pub fn read(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let (form, options, today) = (&block.form, &block.options, sent.today);
    let a = &state.annual_assessment;
    let cmd = match template(block)?.clone() {
        Command::Rate {
            year, unit, seen, ..
        } => {
            let x: RatingInput = form.read(options, inputs, today)?;
            let scores = read_scores(&x.scores)?;
            let seen = drawn(a.ratings.get(&(year, x.cadre.clone())), &seen);
            Command::Rate {
                year,
                cadre: x.cadre,
                unit,
                scores,
                integrity_passed: x.integrity_passed,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
        Command::Grade { year, seen, .. } => {
            let x: GradeInput = form.read(options, inputs, today)?;
            let seen = drawn(a.grades.get(&(x.cadre.clone(), year)), &seen);
            Command::Grade {
                year,
                cadre: x.cadre,
                grade: x.grade,
                grounds: x.grounds,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
        Command::GradeTeam {
            year, unit, seen, ..
        } => {
            let x: TeamInput = form.read(options, inputs, today)?;
            let seen = drawn(a.teams.get(&(year, unit.clone())), &seen);
            Command::GradeTeam {
                year,
                unit,
                grade: x.grade,
                grounds: x.grounds,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
        Command::Carry { year, seen, .. } => {
            let x: CarryInput = form.read(options, inputs, today)?;
            let Some((subject, consequence)) = read_owed(&x.owed) else {
                let e =
                    RuleViolation::new("assessment.owed", "请选择处理事项", "Choose a consequence");
                return Err(vec![e.on("owed")]);
            };
            let key = (year, subject.clone(), consequence);
            let seen = drawn(a.done.get(&key), &seen);
            Command::Carry {
                year,
                subject,
                consequence,
                done: x.done,
                on: x.on,
                reason: x.reason,
                seen,
            }
        }
    };
    Ok(cmd.into())
}
