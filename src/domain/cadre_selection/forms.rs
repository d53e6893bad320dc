//! The sixteen step-record forms as data (ODK-style: each field with its type, label in
//! both languages and options), read into a typed [`StepRecord`] through the record's own
//! serde shape, so no per-form construction code exists to drift. The UI renders any of
//! them with one generic form; every rule stays in `decide`.
//!
//! Architecture invariant: a form's field names are exactly the serde fields of its
//! `StepRecord` variant, and `read(form, inputs_of(record)) == record` for every form
//! (tests/w4_forms.rs); a form reports every field's error at once.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Step, StepRecord};
use crate::domain::master::parse_count;
use crate::domain::time::date_field;
use crate::domain::RuleViolation;

/// One option of a choice: its stored value and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value stored in the record (serde name).
    pub value: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A date (`YYYY-MM-DD`); today's date by default.
    Date,
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number ≥ 0.
    Count,
    /// One of the case's posts.
    Post,
    /// A cadre of the pool.
    Cadre,
    /// One of these options.
    Choice(&'static [Choice]),
    /// Yes or no.
    YesNo,
    /// Votes per cadre (blank: none).
    VotesPerCadre,
    /// A score per inspection dimension ([`DIMENSIONS`]).
    ScorePerDimension,
    /// The proposed appointee per post (blank: none).
    AppointeePerPost,
    /// One of the case's complaints.
    Complaint,
    /// Not entered: the domain computes it (`decide`); the form sends a placeholder.
    Computed(Computed),
}

/// The placeholder a computed field is sent with (`decide` replaces it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// `false` (e.g. whether a vote passed).
    False,
    /// The form's `on` date (e.g. a publicity's end, computed from its start).
    SameAsOn,
}

/// One field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Serde name of the field in the record.
    pub name: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// How it is entered.
    pub kind: FieldKind,
}

impl Field {
    /// The label in the chosen language.
    pub fn label(&self, zh: bool) -> &'static str {
        if zh {
            self.zh
        } else {
            self.en
        }
    }
}

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

const fn field(name: &'static str, zh: &'static str, en: &'static str, kind: FieldKind) -> Field {
    Field { name, zh, en, kind }
}

const fn choice(value: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { value, zh, en }
}

const ON: Field = field("on", "日期", "Date", FieldKind::Date);
const POST: Field = field("post", "职位", "Post", FieldKind::Post);
const CADRE: Field = field("cadre", "干部", "Cadre", FieldKind::Cadre);

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
            field("eligible", "应参加人数", "Eligible", FieldKind::Count),
            field(
                "participants",
                "实参加人数",
                "Participants",
                FieldKind::Count,
            ),
            field("votes", "得票数", "Votes", FieldKind::VotesPerCadre),
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
            field("scores", "考察评分", "Scores", FieldKind::ScorePerDimension),
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
            field(
                "proposed",
                "拟任人选",
                "Proposed",
                FieldKind::AppointeePerPost,
            ),
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
            field("passed", "是否通过", "Passed", FieldKind::YesNo),
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
            field("members", "应到成员数", "Members", FieldKind::Count),
            field("present", "实到人数", "Present", FieldKind::Count),
            field("votes_for", "同意", "For", FieldKind::Count),
            field("against", "不同意", "Against", FieldKind::Count),
            field("abstain", "弃权", "Abstain", FieldKind::Count),
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
            field("on", "公示开始日期", "Starts on", FieldKind::Date),
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
            field("complaint", "举报", "Complaint", FieldKind::Complaint),
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
            field("confirmed", "是否转正", "Confirmed", FieldKind::YesNo),
            field("note", "考核情况", "Note", FieldKind::Text),
        ],
    },
];

/// The form with this key.
pub fn step_form(key: &str) -> Option<&'static StepForm> {
    FORMS.iter().find(|f| f.key == key)
}

/// A form's inputs as typed: field name → text (`"<field>.<key>"` for one entry of a
/// per-cadre, per-dimension or per-post field; a yes/no field holds `yes` or `no`).
pub type Inputs = BTreeMap<String, String>;

/// The keys of the per-entry fields: the cadres a vote may name, the case's posts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryKeys {
    /// Cadre ids (votes per cadre).
    pub cadres: Vec<String>,
    /// Post ids (appointee per post).
    pub posts: Vec<String>,
}

impl StepForm {
    /// Read the inputs into a record: every field's error at once, or the record. Only
    /// input parsing: `decide` checks the record against the case and the policy.
    pub fn read(
        &self,
        keys: &EntryKeys,
        inputs: &Inputs,
    ) -> Result<StepRecord, Vec<RuleViolation>> {
        let mut values = Map::new();
        let mut errors = Vec::new();
        for f in self.fields {
            match read_field(f, keys, inputs) {
                Ok(v) => {
                    values.insert(f.name.to_string(), v);
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut outer = Map::new();
        outer.insert(self.key.to_string(), Value::Object(values));
        serde_json::from_value(Value::Object(outer)).map_err(|e| {
            vec![RuleViolation::new(
                "field.format",
                format!("表单内容有误：{e}"),
                format!("The form is malformed: {e}"),
            )]
        })
    }
}

fn read_field(f: &Field, keys: &EntryKeys, inputs: &Inputs) -> Result<Value, RuleViolation> {
    let raw = text(inputs, f.name);
    Ok(match f.kind {
        FieldKind::Date => Value::String(date_field(raw, f.name)?.to_string()),
        FieldKind::Count => Value::from(parse_count(raw, f.name)?),
        FieldKind::YesNo => Value::Bool(raw == "yes"),
        FieldKind::Computed(Computed::False) => Value::Bool(false),
        FieldKind::Computed(Computed::SameAsOn) => {
            Value::String(date_field(text(inputs, "on"), "on")?.to_string())
        }
        FieldKind::VotesPerCadre => entries(f.name, &keys.cadres, inputs, true, |x| {
            parse_count(x, f.name).map(Value::from)
        })?,
        FieldKind::ScorePerDimension => {
            let dims: Vec<String> = DIMENSIONS.iter().map(|d| d.value.to_string()).collect();
            entries(f.name, &dims, inputs, false, |x| {
                parse_count(x, f.name).map(Value::from)
            })?
        }
        FieldKind::AppointeePerPost => entries(f.name, &keys.posts, inputs, true, |x| {
            Ok(Value::String(x.to_string()))
        })?,
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Post
        | FieldKind::Cadre
        | FieldKind::Choice(_)
        | FieldKind::Complaint => Value::String(raw.to_string()),
    })
}

/// The typed text of `name` ("" when absent).
fn text<'a>(inputs: &'a Inputs, name: &str) -> &'a str {
    inputs.get(name).map(String::as_str).unwrap_or_default()
}

/// A per-entry field: `<name>.<key>` for each key; blank entries left out when `skip_blank`.
fn entries(
    name: &str,
    keys: &[String],
    inputs: &Inputs,
    skip_blank: bool,
    parse: impl Fn(&str) -> Result<Value, RuleViolation>,
) -> Result<Value, RuleViolation> {
    let mut out = Map::new();
    for key in keys {
        let raw = text(inputs, &format!("{name}.{key}"));
        if skip_blank && raw.trim().is_empty() {
            continue;
        }
        out.insert(key.clone(), parse(raw)?);
    }
    Ok(Value::Object(out))
}

/// A record's fields as a JSON object (for prefilling a correction and describing it).
pub fn fields_of(record: &StepRecord) -> Map<String, Value> {
    match serde_json::to_value(record) {
        Ok(Value::Object(m)) => m
            .into_iter()
            .next()
            .and_then(|(_, v)| v.as_object().cloned())
            .unwrap_or_default(),
        _ => Map::new(),
    }
}

/// The text of one JSON value as a form holds it.
pub fn input_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        _ => String::new(),
    }
}

/// A record as a form's inputs (the inverse of [`StepForm::read`]; prefills a correction).
pub fn inputs_of(record: &StepRecord) -> Inputs {
    let mut out = Inputs::new();
    for (name, v) in fields_of(record) {
        match v {
            Value::Object(entries) => {
                for (key, x) in entries {
                    out.insert(format!("{name}.{key}"), input_text(Some(&x)));
                }
            }
            other => {
                out.insert(name, input_text(Some(&other)));
            }
        }
    }
    out
}
