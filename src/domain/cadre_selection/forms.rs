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

use chrono::NaiveDate;

use super::state::Case;
use super::{record_problems, Step, StepRecord};
use crate::domain::master::parse_count;
use crate::domain::policy::W4Policy;
use crate::domain::state::State;
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

/// What rules compare a field with: numbers with numbers, dates with dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Counts, votes and scores.
    Number,
    /// Dates.
    Date,
    /// Text and choices.
    Other,
}

impl FieldKind {
    /// The family of values this kind holds.
    pub fn family(self) -> Family {
        match self {
            FieldKind::Count | FieldKind::VotesPerCadre | FieldKind::ScorePerDimension => {
                Family::Number
            }
            FieldKind::Date | FieldKind::Computed(Computed::SameAsOn) => Family::Date,
            _ => Family::Other,
        }
    }
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
    /// The choices of `case`, labelled in Chinese (`zh`) or English.
    pub fn of(state: &State, case: &Case, zh: bool) -> Self {
        let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
        let pool = &state.cadre_selection;
        let mut cadres: Vec<(String, String)> = pool
            .cadre_list()
            .map(|(id, p)| (id.clone(), format!("{}{open}{}{close}", p.name, p.birth)))
            .collect();
        cadres.sort_by(|a, b| a.1.cmp(&b.1));
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

    /// The keys of a per-entry field's entries (cadres, dimensions or posts).
    pub fn entry_keys(&self, kind: FieldKind) -> Vec<String> {
        let ids = |list: &[(String, String)]| list.iter().map(|x| x.0.clone()).collect();
        match kind {
            FieldKind::VotesPerCadre => ids(&self.cadres),
            FieldKind::AppointeePerPost => ids(&self.posts),
            FieldKind::ScorePerDimension => {
                DIMENSIONS.iter().map(|d| d.value.to_string()).collect()
            }
            _ => Vec::new(),
        }
    }
}

impl StepForm {
    /// Read the inputs into a record and check its fields (`record_problems`): the
    /// record, or every field's message at once. A field that cannot be read stands in
    /// as today or 0 for the other fields' rules, and shows only its reading message.
    /// `decide` checks the rest (the case, its gates) when the record is sent.
    pub fn read(
        &self,
        choices: &Choices,
        inputs: &Inputs,
        today: NaiveDate,
        policy: &W4Policy,
    ) -> Result<StepRecord, Vec<RuleViolation>> {
        let mut problems: Vec<RuleViolation> = Vec::new();
        let mut values = Map::new();
        for f in self.fields {
            let value = read_field(f, choices, inputs, today, &mut problems);
            values.insert(f.name.to_string(), value);
        }
        let mut outer = Map::new();
        outer.insert(self.key.to_string(), Value::Object(values));
        let record: StepRecord = serde_json::from_value(Value::Object(outer)).map_err(|e| {
            vec![RuleViolation::new(
                "field.format",
                format!("表单内容有误：{e}"),
                format!("The form is malformed: {e}"),
            )]
        })?;
        let unread: Vec<Option<String>> = problems.iter().map(|p| p.field.clone()).collect();
        // A stand-in (0, today) may make a correct field look wrong next to it ("present
        // exceeds members" under a correct 10 when members is unreadable): while a number
        // or a date is unreadable, rules on numbers or dates wait for it.
        let family = |name: &Option<String>| {
            let field = self.fields.iter().find(|f| Some(f.name) == name.as_deref());
            field.map(|f| f.kind.family())
        };
        let waiting: Vec<Option<Family>> = unread.iter().map(family).collect();
        let rules = record_problems(&record, today, policy);
        problems.extend(
            rules
                .into_iter()
                .filter(|p| !unread.contains(&p.field) && !waiting.contains(&family(&p.field))),
        );
        if problems.is_empty() {
            Ok(record)
        } else {
            Err(problems)
        }
    }
}

/// One field's value; an unreadable one adds its message (once per field) and stands in.
fn read_field(
    f: &Field,
    choices: &Choices,
    inputs: &Inputs,
    today: NaiveDate,
    problems: &mut Vec<RuleViolation>,
) -> Value {
    let mut keep = |r: Result<Value, RuleViolation>, stand_in: Value| {
        r.unwrap_or_else(|e| {
            if !problems.iter().any(|p| p.field == e.field) {
                problems.push(e);
            }
            stand_in
        })
    };
    let day = |raw: &str, name: &str| date_field(raw, name).map(|d| Value::String(d.to_string()));
    let count = |raw: &str| parse_count(raw, f.name).map(Value::from);
    let today_value = Value::String(today.to_string());
    let raw = text(inputs, f.name);
    match f.kind {
        FieldKind::Date => keep(day(raw, f.name), today_value),
        FieldKind::Count => keep(count(raw), Value::from(0)),
        FieldKind::YesNo => Value::Bool(raw == "yes"),
        FieldKind::Computed(Computed::False) => Value::Bool(false),
        // The same date as `on` (whose message, if any, is shown there).
        FieldKind::Computed(Computed::SameAsOn) => {
            day(text(inputs, "on"), "on").unwrap_or(today_value)
        }
        FieldKind::VotesPerCadre | FieldKind::ScorePerDimension | FieldKind::AppointeePerPost => {
            let mut out = Map::new();
            for key in choices.entry_keys(f.kind) {
                let raw = text(inputs, &format!("{}.{key}", f.name));
                let value = match f.kind {
                    FieldKind::AppointeePerPost if raw.trim().is_empty() => continue,
                    FieldKind::AppointeePerPost => Value::String(raw.to_string()),
                    FieldKind::VotesPerCadre if raw.trim().is_empty() => continue,
                    _ => keep(count(raw), Value::from(0)),
                };
                out.insert(key, value);
            }
            Value::Object(out)
        }
        FieldKind::Text
        | FieldKind::LongText
        | FieldKind::Post
        | FieldKind::Cadre
        | FieldKind::Choice(_)
        | FieldKind::Complaint => Value::String(raw.to_string()),
    }
}

/// The typed text of `name` ("" when absent).
fn text<'a>(inputs: &'a Inputs, name: &str) -> &'a str {
    inputs.get(name).map(String::as_str).unwrap_or_default()
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

/// A record as (label, text) lines for reading and printing, in Chinese (`zh`) or English.
pub fn describe(zh: bool, record: &StepRecord, choices: &Choices) -> Vec<(&'static str, String)> {
    let Some(form) = step_form(record.form()) else {
        return Vec::new();
    };
    let values = fields_of(record);
    form.fields
        .iter()
        .filter_map(|f| {
            let text = describe_value(zh, f, values.get(f.name), choices);
            (!text.is_empty()).then_some((f.label(zh), text))
        })
        .collect()
}

fn describe_value(zh: bool, f: &Field, v: Option<&Value>, choices: &Choices) -> String {
    let yes_no = |b: bool| match (zh, b) {
        (true, true) => "是",
        (true, false) => "否",
        (false, true) => "Yes",
        (false, false) => "No",
    };
    match f.kind {
        FieldKind::Computed(Computed::SameAsOn) => input_text(v),
        FieldKind::YesNo | FieldKind::Computed(_) => {
            yes_no(v.and_then(Value::as_bool).unwrap_or(false)).to_string()
        }
        FieldKind::Post => Choices::name(&choices.posts, &input_text(v)),
        FieldKind::Cadre => Choices::name(&choices.cadres, &input_text(v)),
        FieldKind::Complaint => Choices::name(&choices.complaints, &input_text(v)),
        FieldKind::Choice(options) => {
            let value = input_text(v);
            options
                .iter()
                .find(|o| o.value == value)
                .map(|o| if zh { o.zh } else { o.en }.to_string())
                .unwrap_or(value)
        }
        FieldKind::VotesPerCadre | FieldKind::AppointeePerPost | FieldKind::ScorePerDimension => {
            describe_entries(zh, f.kind, v, choices)
        }
        FieldKind::Date | FieldKind::Text | FieldKind::LongText | FieldKind::Count => input_text(v),
    }
}

/// "张三 31，李四 9" for votes; "品德修养 19，…；合计 88" for scores; post → appointee.
fn describe_entries(zh: bool, kind: FieldKind, v: Option<&Value>, choices: &Choices) -> String {
    let mut entries: Vec<(String, Value)> = v
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, x)| (k.clone(), x.clone())).collect())
        .unwrap_or_default();
    if kind == FieldKind::ScorePerDimension {
        entries.sort_by_key(|(k, _)| DIMENSIONS.iter().position(|d| d.value == k));
    }
    let mut total = 0u64;
    let parts: Vec<String> = entries
        .iter()
        .map(|(key, x)| {
            total = total.saturating_add(x.as_u64().unwrap_or(0));
            let (key, value) = match kind {
                FieldKind::VotesPerCadre => {
                    (Choices::name(&choices.cadres, key), input_text(Some(x)))
                }
                FieldKind::AppointeePerPost => (
                    Choices::name(&choices.posts, key),
                    Choices::name(&choices.cadres, &input_text(Some(x))),
                ),
                _ => {
                    let dim = DIMENSIONS.iter().find(|d| d.value == key);
                    let label = dim
                        .map(|d| if zh { d.zh } else { d.en })
                        .unwrap_or_default();
                    (label.to_string(), input_text(Some(x)))
                }
            };
            format!("{key} {value}")
        })
        .collect();
    let mut out = parts.join(if zh { "，" } else { ", " });
    if kind == FieldKind::ScorePerDimension {
        out.push_str(if zh { "；合计 " } else { "; total " });
        out.push_str(&total.to_string());
    }
    out
}
