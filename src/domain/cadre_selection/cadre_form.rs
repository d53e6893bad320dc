//! The cadre form (干部信息) as data: the person, 任职经历 and 年度考核 as rows the user
//! adds, and the facts the exclusion rules read. Read through `CadreInput`'s serde shape
//! into a `CadreProfile`, with every field's message at once (reading, then the
//! profile's own rules, `cadre_problems`).
//!
//! Architecture invariant: the form's field names are the serde names of `CadreInput`
//! and its rows, and a saved profile reads back as itself (tests/forms.rs).

use crate::domain::sorting::Gather;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::words::GENDERS;
use super::{cadre_problems, AnnualGrade, CadreFlags, CadreProfile, Position};
use crate::domain::form::{choice, field, inputs_of_object, object_of, Choice, Field};
use crate::domain::form::{FieldKind, Form, Inputs, Options, Repeat};
use crate::domain::RuleViolation;

/// The option list of the position rows' post: the pool's posts.
pub const POSTS: &str = "post";

const GENDER_CHOICES: &[Choice] = &[
    choice(GENDERS[0].0, GENDERS[0].1, GENDERS[0].2),
    choice(GENDERS[1].0, GENDERS[1].1, GENDERS[1].2),
];

const GRADE_CHOICES: &[Choice] = &[
    choice("excellent", "优秀", "Excellent"),
    choice("competent", "称职", "Competent"),
    choice("basically_competent", "基本称职", "Basically competent"),
    choice("incompetent", "不称职", "Incompetent"),
];

const YES_NO: &[Choice] = &[choice("no", "否", "No"), choice("yes", "是", "Yes")];

const POSITION_FIELDS: &[Field] = &[
    field("pos_unit", "单位", "Unit", FieldKind::Text),
    field("pos_title", "职务", "Title", FieldKind::Text),
    field(
        "pos_post",
        "对应职位（职数）",
        "Post (quota)",
        FieldKind::Pick {
            from: POSTS,
            blank: true,
        },
    ),
    field("pos_start", "开始", "Start", FieldKind::Date).required(),
    field(
        "pos_end",
        "结束（现任留空）",
        "End (blank: current)",
        FieldKind::Date,
    ),
];

const GRADE_FIELDS: &[Field] = &[
    field("grade_year", "年度", "Year", FieldKind::Count).required(),
    field("grade", "等次", "Grade", FieldKind::Choice(GRADE_CHOICES))
        .required()
        .blank(),
];

const fn text(name: &'static str, zh: &'static str, en: &'static str) -> Field {
    field(name, zh, en, FieldKind::Text)
}

const fn date(name: &'static str, zh: &'static str, en: &'static str) -> Field {
    field(name, zh, en, FieldKind::Date)
}

/// The cadre form.
pub const CADRE_FORM: Form = Form {
    key: "cadre",
    fields: &[
        text("name", "姓名", "Name").required(),
        field(
            "gender",
            "性别",
            "Gender",
            FieldKind::Choice(GENDER_CHOICES),
        )
        .required(),
        text("ethnicity", "民族", "Ethnicity"),
        date("birth", "出生日期", "Birth date").required().blank(),
        date(
            "party_join",
            "入党时间（党外留空）",
            "Party join (blank: non-party)",
        ),
        date("work_start", "参加工作时间", "Work start")
            .required()
            .blank(),
        text("education", "学历", "Education"),
        text("identity", "身份", "Identity"),
        field(
            "positions",
            "任职经历",
            "Positions held",
            FieldKind::Repeat(Repeat {
                fields: POSITION_FIELDS,
                key: &["pos_unit", "pos_title", "pos_post", "pos_start", "pos_end"],
                rows: 1,
                add: ("+ 任职经历", "+ Position"),
            }),
        ),
        field(
            "grades",
            "年度考核等次",
            "Annual grades",
            FieldKind::Repeat(Repeat {
                fields: GRADE_FIELDS,
                key: &["grade_year"],
                rows: 3,
                add: ("+ 年度", "+ Year"),
            }),
        ),
        field(
            "has_spouse",
            "有配偶",
            "Has a spouse",
            FieldKind::Choice(YES_NO),
        ),
        field(
            "spouse_emigrated",
            "配偶已移居国（境）外",
            "Spouse emigrated",
            FieldKind::Choice(YES_NO),
        ),
        field("children", "子女数", "Children", FieldKind::Count),
        field(
            "children_emigrated",
            "已移居国（境）外的子女数",
            "Children emigrated",
            FieldKind::Count,
        ),
        date(
            "sanction_until",
            "处分影响期至（无则留空）",
            "Sanction affects use until (blank: none)",
        ),
        text(
            "canvassing",
            "跑官、拉票行为（无则留空）",
            "Canvassing finding (blank: none)",
        ),
        text(
            "other_bar",
            "其他不得任用情形（无则留空）",
            "Other bar (blank: none)",
        ),
    ],
};

/// A 任职经历 row as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    /// 单位.
    pub pos_unit: String,
    /// 职务.
    pub pos_title: String,
    /// The pool's post it is (blank: none).
    pub pos_post: String,
    /// Start.
    pub pos_start: NaiveDate,
    /// End (none: current).
    pub pos_end: Option<NaiveDate>,
}

/// A 年度考核 row as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GradeRow {
    /// The year.
    pub grade_year: u32,
    /// The grade.
    pub grade: AnnualGrade,
}

/// The cadre form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadreInput {
    /// Name.
    pub name: String,
    /// Gender as stored ("男", "女").
    pub gender: String,
    /// Ethnicity.
    pub ethnicity: String,
    /// Birth date.
    pub birth: NaiveDate,
    /// Party join (none: non-party).
    pub party_join: Option<NaiveDate>,
    /// Work start.
    pub work_start: NaiveDate,
    /// Education.
    pub education: String,
    /// Identity.
    pub identity: String,
    /// 任职经历.
    pub positions: Vec<PositionRow>,
    /// 年度考核.
    pub grades: Vec<GradeRow>,
    /// "yes" or "no".
    pub has_spouse: String,
    /// "yes" or "no".
    pub spouse_emigrated: String,
    /// Children (blank: none).
    pub children: Option<u32>,
    /// Children emigrated (blank: none).
    pub children_emigrated: Option<u32>,
    /// A sanction affects use until (none: no sanction).
    pub sanction_until: Option<NaiveDate>,
    /// A 跑官/拉票 finding (empty: none).
    pub canvassing: String,
    /// Another bar (empty: none).
    pub other_bar: String,
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

impl CadreInput {
    /// The form of a profile (to edit it).
    pub fn of(p: &CadreProfile) -> CadreInput {
        let position = |x: &Position| PositionRow {
            pos_unit: x.unit.clone(),
            pos_title: x.title.clone(),
            pos_post: x.post.clone(),
            pos_start: x.start,
            pos_end: x.end,
        };
        let grade = |(year, grade): (&i32, &AnnualGrade)| GradeRow {
            grade_year: u32::try_from(*year).unwrap_or(0),
            grade: *grade,
        };
        let f = &p.flags;
        CadreInput {
            name: p.name.clone(),
            gender: p.gender.clone(),
            ethnicity: p.ethnicity.clone(),
            birth: p.birth,
            party_join: p.party_join,
            work_start: p.work_start,
            education: p.education.clone(),
            identity: p.identity.clone(),
            positions: p.positions.iter().map(position).collect(),
            grades: p.grades.iter().map(grade).collect(),
            has_spouse: yes(f.has_spouse),
            spouse_emigrated: yes(f.spouse_emigrated),
            children: Some(f.children),
            children_emigrated: Some(f.children_emigrated),
            sanction_until: f.sanction_until,
            canvassing: f.canvassing.clone(),
            other_bar: f.other_bar.clone(),
        }
    }

    /// The profile it describes (text trimmed of white space and invisible characters,
    /// `domain::text`).
    pub fn profile(self) -> CadreProfile {
        let positions = self.positions.into_iter().map(|r| Position {
            unit: clean(&r.pos_unit),
            title: clean(&r.pos_title),
            post: r.pos_post,
            start: r.pos_start,
            end: r.pos_end,
        });
        let grades = self.grades.into_iter().map(|r| {
            let year = i32::try_from(r.grade_year).unwrap_or(i32::MAX);
            (year, r.grade)
        });
        CadreProfile {
            name: clean(&self.name),
            gender: self.gender,
            ethnicity: clean(&self.ethnicity),
            birth: self.birth,
            party_join: self.party_join,
            work_start: self.work_start,
            education: clean(&self.education),
            identity: clean(&self.identity),
            positions: positions.collect(),
            grades: grades.gather_map(),
            flags: CadreFlags {
                has_spouse: self.has_spouse == "yes",
                spouse_emigrated: self.spouse_emigrated == "yes",
                children: self.children.unwrap_or(0),
                children_emigrated: self.children_emigrated.unwrap_or(0),
                sanction_until: self.sanction_until,
                canvassing: clean(&self.canvassing),
                other_bar: clean(&self.other_bar),
            },
        }
    }
}

/// A typed text without what shows nothing at either end.
fn clean(text: &str) -> String {
    crate::domain::text::trimmed(text).to_string()
}

/// The inputs of the cadre form: a profile's (to edit it), or a new cadre's defaults.
pub fn cadre_inputs(profile: Option<&CadreProfile>) -> Inputs {
    match profile {
        Some(p) => inputs_of_object(object_of(&CadreInput::of(p), false)),
        None => [("gender", "男"), ("ethnicity", "汉族"), ("children", "0")]
            .into_iter()
            .chain([("children_emigrated", "0"), ("has_spouse", "no")])
            .chain([("spouse_emigrated", "no")])
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .gather_map(),
    }
}

/// A year graded twice in the form (nothing silently kept of the two).
fn twice(grades: &[GradeRow]) -> Option<RuleViolation> {
    let years = grades.iter().map(|g| g.grade_year);
    let mut seen = std::collections::BTreeSet::new();
    let twice = years.into_iter().find(|y| !seen.insert(*y))?;
    let zh = format!("{twice} 年度考核等次填写了两次");
    let en = format!("The year {twice} is graded twice");
    Some(RuleViolation::new("w4.dates", zh, en).on("grades"))
}

/// Read the cadre form on `today`: the profile, or every field's message at once (a
/// rule's message waits while its field cannot be read).
pub fn read_cadre(
    options: &Options,
    inputs: &Inputs,
    today: NaiveDate,
) -> Result<CadreProfile, Vec<RuleViolation>> {
    let (values, mut unread) = CADRE_FORM.values(options, inputs, today);
    let input: CadreInput = CADRE_FORM.read_as(values, false)?;
    unread.extend(twice(&input.grades));
    let profile = input.profile();
    let problems = CADRE_FORM.settle(unread, cadre_problems(&profile, today));
    if problems.is_empty() {
        Ok(profile)
    } else {
        Err(problems)
    }
}
