//! The sixteen step-record forms as data (ODK-style: each field with its type, label in
//! both languages and options), read into a typed [`StepRecord`] through the record's own
//! serde shape, so no per-form construction code exists to drift. The UI renders any of
//! them with one generic form; every rule stays in `decide`.
//!
//! Architecture invariant: a form's field names are exactly the serde fields of its
//! `StepRecord` variant, and `read(form, inputs_of(record)) == record` for every form
//! (tests/w4_forms.rs); a form reports every field's error at once.

use crate::domain::sorting;
use serde_json::{Map, Value};

use chrono::NaiveDate;

use super::state::Case;
use super::{record_problems, Step, StepRecord};
use crate::domain::form::{
    choice, field, inputs_of_object, object_of, Cell, Choice, Computed, Field, FieldKind, Form,
    Grid, Options, Rows,
};
pub use crate::domain::form::{input_text, Inputs};
use crate::domain::policy::CadreSelectionPolicy;
use crate::domain::state::State;
use crate::domain::RuleViolation;

/// The option lists the step forms pick from ([`Options`] names).
pub const POSTS: &str = "post";
/// The pool's cadres.
pub const CADRES: &str = "cadre";
/// The case's complaints.
pub const COMPLAINTS: &str = "complaint";

const PICK_POST: FieldKind = FieldKind::Pick {
    from: POSTS,
    blank: false,
};
const PICK_CADRE: FieldKind = FieldKind::Pick {
    from: CADRES,
    blank: true,
};
const PICK_COMPLAINT: FieldKind = FieldKind::Pick {
    from: COMPLAINTS,
    blank: false,
};
const VOTES_PER_CADRE: FieldKind = FieldKind::Grid(Grid {
    rows: Rows::From(CADRES),
    cell: Cell::Count { optional: true },
    total: false,
});
const SCORE_PER_DIMENSION: FieldKind = FieldKind::Grid(Grid {
    rows: Rows::Listed(DIMENSIONS),
    cell: Cell::Count { optional: false },
    total: true,
});
const APPOINTEE_PER_POST: FieldKind = FieldKind::Grid(Grid {
    rows: Rows::From(POSTS),
    cell: Cell::Pick(CADRES),
    total: false,
});

/// One form: its key (the record's serde tag), the step it records, its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepForm {
    /// The record's serde tag (`StepRecord::form`).
    pub key: &'static str,
    /// The step it belongs to.
    pub step: Step,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

const ON: Field = field("on", "日期", "Date", FieldKind::Date).required();
const POST: Field = field("post", "职位", "Post", PICK_POST);
const CADRE: Field = field("cadre", "干部", "Cadre", PICK_CADRE);

const NOMINATORS: &[Choice] = &[
    choice("named", "个人署名推荐", "Named recommendation"),
    choice("leader", "领导干部提名", "Leader nomination"),
    choice("unit_party", "单位党组织提名", "Unit party committee"),
    choice("organization", "组织提名", "Organization department"),
];
const RECOMMENDATIONS: &[Choice] = &[
    choice("meeting", "会议推荐", "Meeting"),
    choice("talk", "个别谈话推荐", "Individual talks"),
];
const CHECKS: &[Choice] = &[
    choice("quota", "凡提必审（职数）", "Quota"),
    choice("file", "凡提必查（档案）", "Personnel file"),
    choice(
        "personal_report",
        "凡提必核（个人有关事项报告）",
        "Personal-matters report",
    ),
    choice("integrity", "凡提必听（党风廉政意见）", "Integrity opinion"),
];
const FINDINGS: &[Choice] = &[
    choice("dismissed", "不影响任用（查否）", "Dismissed"),
    choice("upheld", "属实，影响任用", "Upheld"),
];

/// The five inspection dimensions (`Dimensions`), in order.
pub const DIMENSIONS: &[Choice] = &[
    choice("character", "品德修养", "Character"),
    choice("ability", "能力素质", "Ability"),
    choice("performance", "工作实绩", "Performance"),
    choice("support", "民意基础", "Support"),
    choice("potential", "发展潜力", "Potential"),
];

/// Every form, in step order.
pub const FORMS: [StepForm; 16] = [
    StepForm {
        key: "qualification",
        step: Step::Qualification,
        fields: &[
            ON,
            field(
                "conditions",
                "任职资格条件审查情况",
                "Conditions checked",
                FieldKind::LongText,
            ),
        ],
    },
    StepForm {
        key: "initiation",
        step: Step::Initiation,
        fields: &[
            ON,
            field(
                "proposer",
                "动议提出人（机构）",
                "Proposed by",
                FieldKind::Text,
            ),
            field("reason", "动议理由", "Reason", FieldKind::LongText),
            field("scope", "人选范围", "Scope", FieldKind::Text),
            field("method", "选任方式", "Method", FieldKind::Text),
        ],
    },
    StepForm {
        key: "nomination",
        step: Step::Nomination,
        fields: &[
            ON,
            POST,
            CADRE,
            field(
                "kind",
                "提名方式",
                "Nominated by",
                FieldKind::Choice(NOMINATORS),
            ),
            field(
                "first_nominator",
                "首提责任人",
                "First nominator",
                FieldKind::Text,
            ),
            field("reasons", "推荐理由", "Reasons", FieldKind::LongText),
            field("strengths", "主要优点", "Strengths", FieldKind::LongText),
            field("weaknesses", "主要不足", "Weaknesses", FieldKind::LongText),
            field(
                "kinship",
                "与被推荐人的亲属关系",
                "Kinship",
                FieldKind::Text,
            ),
            field("signature", "推荐人签名", "Signature", FieldKind::Text),
        ],
    },
    StepForm {
        key: "recommendation",
        step: Step::Nomination,
        fields: &[
            ON,
            POST,
            field(
                "kind",
                "推荐方式",
                "Kind",
                FieldKind::Choice(RECOMMENDATIONS),
            ),
            field("eligible", "应参加人数", "Eligible", FieldKind::Count).required(),
            field(
                "participants",
                "实参加人数",
                "Participants",
                FieldKind::Count,
            )
            .required(),
            field("votes", "得票数", "Votes", VOTES_PER_CADRE),
        ],
    },
    StepForm {
        key: "target",
        step: Step::Inspection,
        fields: &[ON, POST, CADRE],
    },
    StepForm {
        key: "inspection",
        step: Step::Inspection,
        fields: &[
            ON,
            POST,
            CADRE,
            field("scores", "考察评分", "Scores", SCORE_PER_DIMENSION),
            field(
                "extended",
                "延伸考察",
                "Extended",
                FieldKind::Computed(Computed::False),
            ),
            field("conclusion", "考察结论", "Conclusion", FieldKind::LongText),
        ],
    },
    StepForm {
        key: "deliberation",
        step: Step::Deliberation,
        fields: &[
            ON,
            field("proposed", "拟任人选", "Proposed", APPOINTEE_PER_POST),
            field(
                "participants",
                "参加酝酿人员",
                "Participants",
                FieldKind::Text,
            ),
            field("opinion", "酝酿意见", "Opinion", FieldKind::LongText),
        ],
    },
    StepForm {
        key: "check",
        step: Step::Deliberation,
        fields: &[
            ON,
            CADRE,
            field("check", "审核项目", "Check", FieldKind::Choice(CHECKS)),
            field("passed", "是否通过", "Passed", FieldKind::YesNo).required(),
            field("note", "审核情况", "Note", FieldKind::Text),
        ],
    },
    StepForm {
        key: "opinion",
        step: Step::Consultation,
        fields: &[
            ON,
            CADRE,
            field("body", "征求意见单位", "Body", FieldKind::Text),
            field("answer", "回复意见", "Answer", FieldKind::LongText),
        ],
    },
    StepForm {
        key: "vote",
        step: Step::Decision,
        fields: &[
            ON,
            field("meeting", "会议", "Meeting", FieldKind::Text),
            POST,
            CADRE,
            field("members", "应到成员数", "Members", FieldKind::Count).required(),
            field("present", "实到人数", "Present", FieldKind::Count).required(),
            field("votes_for", "同意", "For", FieldKind::Count).required(),
            field("against", "不同意", "Against", FieldKind::Count).required(),
            field("abstain", "弃权", "Abstain", FieldKind::Count).required(),
            field(
                "passed",
                "表决通过",
                "Passed",
                FieldKind::Computed(Computed::False),
            ),
            field(
                "minutes",
                "会议记录／音视频编号",
                "Minutes / recording",
                FieldKind::Text,
            ),
        ],
    },
    StepForm {
        key: "publicity_opened",
        step: Step::Publicity,
        fields: &[
            field("on", "公示开始日期", "Starts on", FieldKind::Date).required(),
            field(
                "end",
                "公示结束日期",
                "Ends on",
                FieldKind::Computed(Computed::SameAsOn),
            ),
            field(
                "channel",
                "公示方式及反映渠道",
                "Channel and how to complain",
                FieldKind::LongText,
            ),
        ],
    },
    StepForm {
        key: "complaint",
        step: Step::Publicity,
        fields: &[
            ON,
            CADRE,
            field("complainant", "举报人", "Complainant", FieldKind::Text),
            field("content", "举报内容", "Content", FieldKind::LongText),
        ],
    },
    StepForm {
        key: "complaint_verified",
        step: Step::Publicity,
        fields: &[
            ON,
            field("complaint", "举报", "Complaint", PICK_COMPLAINT),
            field(
                "finding",
                "核实结论",
                "Finding",
                FieldKind::Choice(FINDINGS),
            ),
            field("note", "核实情况", "Note", FieldKind::LongText),
        ],
    },
    StepForm {
        key: "publicity_closed",
        step: Step::Publicity,
        fields: &[ON, field("result", "公示结果", "Result", FieldKind::Text)],
    },
    StepForm {
        key: "appointment",
        step: Step::Appointment,
        fields: &[
            ON,
            POST,
            CADRE,
            field("document", "任职文号", "Document", FieldKind::Text),
        ],
    },
    StepForm {
        key: "probation_ended",
        step: Step::Probation,
        fields: &[
            ON,
            CADRE,
            field("confirmed", "是否转正", "Confirmed", FieldKind::YesNo).required(),
            field("note", "考核情况", "Note", FieldKind::Text),
        ],
    },
];

/// The form with this key.
pub fn step_form(key: &str) -> Option<&'static StepForm> {
    FORMS.iter().find(|f| f.key == key)
}

/// What a case's forms offer to choose from: its posts, the cadres of the pool, its
/// complaints, each as (id, label as people read it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// The case's posts.
    pub posts: Vec<(String, String)>,
    /// Every cadre, with the birth date in brackets (two of one name told apart).
    pub cadres: Vec<(String, String)>,
    /// The case's complaints.
    pub complaints: Vec<(String, String)>,
}

impl Choices {
    /// The choices of `case` for its forms, labelled in Chinese (`zh`) or English:
    /// every cadre of the pool (a form picks from them, and reads a pick against them).
    pub fn of(state: &State, case: &Case, zh: bool) -> Self {
        let pool = &state.cadre_selection;
        Choices::labelled(
            state,
            case,
            pool.cadre_list().map(|(id, _)| id.as_str()),
            zh,
        )
    }

    /// The choices `case` names in its records and disclosures, to show them: only
    /// those cadres (a case names tens; the pool of a county holds thousands, and
    /// labelling every one for each record shown made a case page slow).
    pub fn named(state: &State, case: &Case, zh: bool) -> Self {
        let records = case
            .entries
            .values()
            .flat_map(|e| e.record.ids().into_iter().map(|(id, _)| id));
        let disclosed = case.disclosures.values().map(|d| d.cadre.as_str());
        let named: std::collections::BTreeSet<&str> = records.chain(disclosed).collect();
        Choices::labelled(state, case, named.into_iter(), zh)
    }

    /// The choices of `case` with the cadres `ids` (those without a profile in force
    /// are left out), sorted by label.
    fn labelled<'a>(
        state: &State,
        case: &Case,
        ids: impl Iterator<Item = &'a str>,
        zh: bool,
    ) -> Self {
        let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
        let pool = &state.cadre_selection;
        let mut cadres: Vec<(String, String)> = ids
            .filter_map(|id| pool.cadre(id).map(|p| (id, p)))
            .map(|(id, p)| {
                (
                    id.to_string(),
                    format!("{}{open}{}{close}", p.name, p.birth),
                )
            })
            .collect();
        sorting::sort_by(&mut cadres, |a, b| a.1.cmp(&b.1));
        let posts = case
            .posts
            .iter()
            .map(|p| (p.clone(), pool.post_name(p)))
            .collect();
        let complaints = case
            .complaints()
            .into_iter()
            .map(|x| {
                (
                    x.id.clone(),
                    format!("{} {} {}", x.on, x.complainant, x.content),
                )
            })
            .collect();
        Choices {
            posts,
            cadres,
            complaints,
        }
    }

    /// The label of `id` in `list` (the id itself if absent).
    pub fn name(list: &[(String, String)], id: &str) -> String {
        list.iter()
            .find(|x| x.0 == id)
            .map(|x| x.1.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The same lists as the option lists the generic forms pick from.
    pub fn options(&self) -> Options {
        Options::default()
            .with(POSTS, self.posts.clone())
            .with(CADRES, self.cadres.clone())
            .with(COMPLAINTS, self.complaints.clone())
    }
}

impl StepForm {
    /// The form as the generic engine sees it.
    pub fn form(&self) -> Form {
        Form {
            key: self.key,
            fields: self.fields,
        }
    }

    /// Read the inputs into a record and check its fields (`record_problems`): the
    /// record, or every field's message at once. A field that cannot be read stands in
    /// as today or 0 for the other fields' rules, and shows only its reading message.
    /// `decide` checks the rest (the case, its gates) when the record is sent.
    pub fn read(
        &self,
        choices: &Choices,
        inputs: &Inputs,
        today: NaiveDate,
        policy: &CadreSelectionPolicy,
    ) -> Result<StepRecord, Vec<RuleViolation>> {
        let form = self.form();
        let (values, unread) = form.values(&choices.options(), inputs, today);
        let record: StepRecord = form.read_as(values, true)?;
        let problems = form.settle(unread, record_problems(&record, today, policy));
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

/// A record's fields as a JSON object (for prefilling a correction and describing it).
pub fn fields_of(record: &StepRecord) -> Map<String, Value> {
    object_of(record, true)
}

/// A record as a form's inputs (the inverse of [`StepForm::read`]; prefills a correction).
pub fn inputs_of(record: &StepRecord) -> Inputs {
    inputs_of_object(fields_of(record))
}

/// A record as (label, text) lines for reading and printing, in Chinese (`zh`) or English.
pub fn describe(zh: bool, record: &StepRecord, choices: &Choices) -> Vec<(&'static str, String)> {
    match step_form(record.form()) {
        Some(form) => form
            .form()
            .describe(zh, &fields_of(record), &choices.options()),
        None => Vec::new(),
    }
}

/// The label of the choice stored as `value` in `list` ("" for none).
fn chosen(list: &'static [Choice], value: &str, zh: bool) -> &'static str {
    let found = list.iter().find(|c| c.value == value);
    found.map_or("", |c| if zh { c.zh } else { c.en })
}

/// How a nomination's kind reads (the nomination form's choice).
pub fn nominator_label(kind: super::NominatorKind, zh: bool) -> &'static str {
    use super::NominatorKind::*;
    let value = match kind {
        Named => "named",
        Leader => "leader",
        UnitParty => "unit_party",
        Organization => "organization",
    };
    chosen(NOMINATORS, value, zh)
}

/// How a complaint's finding reads (the verification form's choice).
pub fn finding_label(finding: super::Finding, zh: bool) -> &'static str {
    let value = match finding {
        super::Finding::Dismissed => "dismissed",
        super::Finding::Upheld => "upheld",
    };
    chosen(FINDINGS, value, zh)
}
