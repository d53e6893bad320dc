//! The sixteen W4 step-record forms as data: one generic form renders, reads and
//! describes every `StepRecord` kind. Values travel through the record's own serde
//! shape (`{"form": {field: value}}`), so no per-form construction code is needed;
//! every rule stays in the domain.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::{Map, Value};

use super::w4_common::{input, num, select, FormValues};
use crate::domain::cadre_selection::{record_problems, Case, Step, StepRecord};
use crate::domain::policy::W4Policy;
use crate::domain::state::State;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::FieldError;

type Opts = &'static [(&'static str, &'static str, &'static str)];

/// How a field is entered.
#[derive(Clone, Copy)]
pub enum K {
    Date,
    Text,
    Area,
    Num,
    Post,
    Cadre,
    Opt(Opts),
    Yes,
    Votes,
    Proposed,
    Scores,
    Complaint,
    /// Computed by the domain; sent as this JSON value ("@on" = the `on` date).
    Computed(&'static str),
}

/// One field: JSON name, labels, kind.
pub struct Fd(pub &'static str, pub &'static str, pub &'static str, pub K);

/// One form: key (the serde tag, named by `cadre_selection::form_label`), step, fields.
pub struct Form {
    pub key: &'static str,
    pub step: Step,
    pub fields: &'static [Fd],
}

const ON: Fd = Fd("on", "日期", "Date", K::Date);
const POST: Fd = Fd("post", "职位", "Post", K::Post);
const CADRE: Fd = Fd("cadre", "干部", "Cadre", K::Cadre);

const NOMINATORS: Opts = &[
    ("named", "个人署名推荐", "Named recommendation"),
    ("leader", "领导干部提名", "Leader nomination"),
    ("unit_party", "单位党组织提名", "Unit party committee"),
    ("organization", "组织提名", "Organization department"),
];
const RECS: Opts = &[
    ("meeting", "会议推荐", "Meeting"),
    ("talk", "个别谈话推荐", "Individual talks"),
];
const CHECKS: Opts = &[
    ("quota", "凡提必审（职数）", "Quota"),
    ("file", "凡提必查（档案）", "Personnel file"),
    (
        "personal_report",
        "凡提必核（个人有关事项报告）",
        "Personal-matters report",
    ),
    ("integrity", "凡提必听（党风廉政意见）", "Integrity opinion"),
];
const FINDINGS: Opts = &[
    ("dismissed", "不影响任用（查否）", "Dismissed"),
    ("upheld", "属实，影响任用", "Upheld"),
];
/// The five inspection dimensions: (JSON name, zh, en).
pub const DIMS: Opts = &[
    ("character", "品德修养", "Character"),
    ("ability", "能力素质", "Ability"),
    ("performance", "工作实绩", "Performance"),
    ("support", "民意基础", "Support"),
    ("potential", "发展潜力", "Potential"),
];

/// Every form, in step order.
pub const FORMS: [Form; 16] = [
    Form {
        key: "qualification",
        step: Step::Qualification,
        fields: &[
            ON,
            Fd(
                "conditions",
                "任职资格条件审查情况",
                "Conditions checked",
                K::Area,
            ),
        ],
    },
    Form {
        key: "initiation",
        step: Step::Initiation,
        fields: &[
            ON,
            Fd("proposer", "动议提出人（机构）", "Proposed by", K::Text),
            Fd("reason", "动议理由", "Reason", K::Area),
            Fd("scope", "人选范围", "Scope", K::Text),
            Fd("method", "选任方式", "Method", K::Text),
        ],
    },
    Form {
        key: "nomination",
        step: Step::Nomination,
        fields: &[
            ON,
            POST,
            CADRE,
            Fd("kind", "提名方式", "Nominated by", K::Opt(NOMINATORS)),
            Fd("first_nominator", "首提责任人", "First nominator", K::Text),
            Fd("reasons", "推荐理由", "Reasons", K::Area),
            Fd("strengths", "主要优点", "Strengths", K::Area),
            Fd("weaknesses", "主要不足", "Weaknesses", K::Area),
            Fd("kinship", "与被推荐人的亲属关系", "Kinship", K::Text),
            Fd("signature", "推荐人签名", "Signature", K::Text),
        ],
    },
    Form {
        key: "recommendation",
        step: Step::Nomination,
        fields: &[
            ON,
            POST,
            Fd("kind", "推荐方式", "Kind", K::Opt(RECS)),
            Fd("eligible", "应参加人数", "Eligible", K::Num),
            Fd("participants", "实参加人数", "Participants", K::Num),
            Fd("votes", "得票数", "Votes", K::Votes),
        ],
    },
    Form {
        key: "target",
        step: Step::Inspection,
        fields: &[ON, POST, CADRE],
    },
    Form {
        key: "inspection",
        step: Step::Inspection,
        fields: &[
            ON,
            POST,
            CADRE,
            Fd("scores", "考察评分", "Scores", K::Scores),
            Fd("extended", "延伸考察", "Extended", K::Computed("false")),
            Fd("conclusion", "考察结论", "Conclusion", K::Area),
        ],
    },
    Form {
        key: "deliberation",
        step: Step::Deliberation,
        fields: &[
            ON,
            Fd("proposed", "拟任人选", "Proposed", K::Proposed),
            Fd("participants", "参加酝酿人员", "Participants", K::Text),
            Fd("opinion", "酝酿意见", "Opinion", K::Area),
        ],
    },
    Form {
        key: "check",
        step: Step::Deliberation,
        fields: &[
            ON,
            CADRE,
            Fd("check", "审核项目", "Check", K::Opt(CHECKS)),
            Fd("passed", "是否通过", "Passed", K::Yes),
            Fd("note", "审核情况", "Note", K::Text),
        ],
    },
    Form {
        key: "opinion",
        step: Step::Consultation,
        fields: &[
            ON,
            CADRE,
            Fd("body", "征求意见单位", "Body", K::Text),
            Fd("answer", "回复意见", "Answer", K::Area),
        ],
    },
    Form {
        key: "vote",
        step: Step::Decision,
        fields: &[
            ON,
            Fd("meeting", "会议", "Meeting", K::Text),
            POST,
            CADRE,
            Fd("members", "应到成员数", "Members", K::Num),
            Fd("present", "实到人数", "Present", K::Num),
            Fd("votes_for", "同意", "For", K::Num),
            Fd("against", "不同意", "Against", K::Num),
            Fd("abstain", "弃权", "Abstain", K::Num),
            Fd("passed", "表决通过", "Passed", K::Computed("false")),
            Fd(
                "minutes",
                "会议记录／音视频编号",
                "Minutes / recording",
                K::Text,
            ),
        ],
    },
    Form {
        key: "publicity_opened",
        step: Step::Publicity,
        fields: &[
            Fd("on", "公示开始日期", "Starts on", K::Date),
            Fd("end", "公示结束日期", "Ends on", K::Computed("@on")),
            Fd(
                "channel",
                "公示方式及反映渠道",
                "Channel and how to complain",
                K::Area,
            ),
        ],
    },
    Form {
        key: "complaint",
        step: Step::Publicity,
        fields: &[
            ON,
            CADRE,
            Fd("complainant", "举报人", "Complainant", K::Text),
            Fd("content", "举报内容", "Content", K::Area),
        ],
    },
    Form {
        key: "complaint_verified",
        step: Step::Publicity,
        fields: &[
            ON,
            Fd("complaint", "举报", "Complaint", K::Complaint),
            Fd("finding", "核实结论", "Finding", K::Opt(FINDINGS)),
            Fd("note", "核实情况", "Note", K::Area),
        ],
    },
    Form {
        key: "publicity_closed",
        step: Step::Publicity,
        fields: &[ON, Fd("result", "公示结果", "Result", K::Text)],
    },
    Form {
        key: "appointment",
        step: Step::Appointment,
        fields: &[
            ON,
            POST,
            CADRE,
            Fd("document", "任职文号", "Document", K::Text),
        ],
    },
    Form {
        key: "probation_ended",
        step: Step::Probation,
        fields: &[
            ON,
            CADRE,
            Fd("confirmed", "是否转正", "Confirmed", K::Yes),
            Fd("note", "考核情况", "Note", K::Text),
        ],
    },
];

/// The form with this key.
pub fn form(key: &str) -> &'static Form {
    FORMS.iter().find(|f| f.key == key).unwrap_or(&FORMS[0])
}

/// Names and labels a form needs: posts and cadres (id, label), complaints.
#[derive(Clone, Default)]
pub struct Choices {
    pub posts: Vec<(String, String)>,
    pub cadres: Vec<(String, String)>,
    pub complaints: Vec<(String, String)>,
}

impl Choices {
    /// Choices of a case (every cadre, with the birth date in Chinese or English
    /// brackets; the case's posts; its complaints).
    pub fn of(s: &State, c: &Case, zh: bool) -> Self {
        let (open, close) = if zh { ("（", "）") } else { (" (", ")") };
        let mut cadres: Vec<(String, String)> = s
            .cadre_selection
            .cadre_list()
            .map(|(id, p)| (id.clone(), format!("{}{open}{}{close}", p.name, p.birth)))
            .collect();
        cadres.sort_by(|a, b| a.1.cmp(&b.1));
        Choices {
            posts: c
                .posts
                .iter()
                .map(|p| (p.clone(), s.cadre_selection.post_name(p)))
                .collect(),
            cadres,
            complaints: c
                .complaints()
                .into_iter()
                .map(|x| {
                    (
                        x.id.clone(),
                        format!("{} {} {}", x.on, x.complainant, x.content),
                    )
                })
                .collect(),
        }
    }

    /// The label of `id` in `list` (the id itself if absent).
    pub fn name(list: &[(String, String)], id: &str) -> String {
        list.iter()
            .find(|x| x.0 == id)
            .map(|x| x.1.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

fn lbl(zh: bool, f: &Fd) -> &'static str {
    if zh {
        f.1
    } else {
        f.2
    }
}

fn opts(zh: bool, o: Opts) -> Vec<(String, String)> {
    o.iter()
        .map(|(k, z, e)| (k.to_string(), if zh { *z } else { *e }.to_string()))
        .collect()
}

fn val_str(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        _ => String::new(),
    }
}

/// The record's fields as a JSON object (for defaults and descriptions).
pub fn fields_of(rec: &StepRecord) -> Map<String, Value> {
    // Through text: reuses the event codec's serde code instead of adding more.
    let text = serde_json::to_string(rec).unwrap_or_default();
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(m)) => m
            .into_iter()
            .next()
            .and_then(|(_, v)| v.as_object().cloned())
            .unwrap_or_default(),
        _ => Map::new(),
    }
}

/// The inputs of `form`, prefilled from `init` (a correction) or today's date.
pub fn fields_view(
    zh: bool,
    f: &'static Form,
    ch: &Choices,
    init: &Map<String, Value>,
    today: &str,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let with_blank = |v: &Vec<(String, String)>| {
        let mut o = vec![(String::new(), "—".to_string())];
        o.extend(v.iter().cloned());
        o
    };
    f.fields
        .iter()
        .map(|fd| {
            let name = fd.0;
            let v = init.get(name);
            let label = lbl(zh, fd);
            match fd.3 {
                K::Date => {
                    let d = if v.is_some() { val_str(v) } else { today.to_string() };
                    input(label, name, "date", d, err).into_any()
                }
                K::Text => input(label, name, "text", val_str(v), err).into_any(),
                K::Area => input(label, name, "area", val_str(v), err).into_any(),
                K::Num => input(label, name, "number", val_str(v), err).into_any(),
                K::Post => select(label, name, ch.posts.clone(), val_str(v), err).into_any(),
                K::Cadre => select(label, name, with_blank(&ch.cadres), val_str(v), err).into_any(),
                K::Complaint => select(label, name, ch.complaints.clone(), val_str(v), err).into_any(),
                K::Opt(o) => select(label, name, opts(zh, o), val_str(v), err).into_any(),
                K::Yes => {
                    let o = vec![
                        ("yes".to_string(), if zh { "是" } else { "Yes" }.to_string()),
                        ("no".to_string(), if zh { "否" } else { "No" }.to_string()),
                    ];
                    select(label, name, o, val_str(v), err).into_any()
                }
                K::Votes | K::Scores | K::Proposed => {
                    let rows: Vec<(String, String, &'static str)> = match fd.3 {
                        K::Votes => ch.cadres.iter().map(|(id, l)| (id.clone(), l.clone(), "number")).collect(),
                        K::Scores => DIMS.iter().map(|(k, z, e)| (k.to_string(), if zh { *z } else { *e }.to_string(), "number")).collect(),
                        _ => ch.posts.iter().map(|(id, l)| (id.clone(), l.clone(), "cadre")).collect(),
                    };
                    let cadres = with_blank(&ch.cadres);
                    view! {
                        <fieldset data-field=name>
                            <legend>{label}</legend>
                            {rows.into_iter().map(|(key, l, kind)| {
                                let cur = val_str(v.and_then(|m| m.get(&key)));
                                let n = format!("{name}.{key}");
                                if kind == "cadre" {
                                    view! {
                                        <label class="field"><span>{l}</span>
                                            <select name=n>
                                                {cadres.iter().map(|(id, cl)| {
                                                    let sel = *id == cur;
                                                    view! { <option value=id.clone() prop:selected=sel>{cl.clone()}</option> }
                                                }).collect_view()}
                                            </select>
                                        </label>
                                    }.into_any()
                                } else {
                                    view! {
                                        <label class="field inline"><span>{l}</span>
                                            <input type="number" inputmode="numeric" name=n prop:value=cur />
                                        </label>
                                    }.into_any()
                                }
                            }).collect_view()}
                            <FieldError err field=name />
                        </fieldset>
                    }
                    .into_any()
                }
                K::Computed(_) => ().into_any(),
            }
        })
        .collect_view()
}

/// Read `form`'s inputs into a record and check its fields by the domain's
/// `record_problems`: the record, or every field's message at once (a field that could
/// not be read stands in as today or 0 for the other fields' rules, and only its own
/// reading message is shown). The domain decides the rest when the record is sent.
pub fn read(
    f: &'static Form,
    ch: &Choices,
    v: &FormValues,
    today: NaiveDate,
    p4: &W4Policy,
) -> Result<StepRecord, Vec<RuleViolation>> {
    let mut problems: Vec<RuleViolation> = Vec::new();
    let mut keep = |r: Result<Value, RuleViolation>, stand_in: Value| {
        r.unwrap_or_else(|e| {
            if !problems.iter().any(|p| p.field == e.field) {
                problems.push(e);
            }
            stand_in
        })
    };
    let day = |r: Result<NaiveDate, RuleViolation>| r.map(|d| Value::String(d.to_string()));
    let count = |x: &str, name: &str| num(x, name).map(Value::from);
    let mut m = Map::new();
    for fd in f.fields {
        let name = fd.0;
        let raw = v.get(name);
        let today_value = Value::String(today.to_string());
        let value = match fd.3 {
            K::Date => keep(day(v.date(name)), today_value),
            K::Num => keep(count(&raw, name), Value::from(0)),
            K::Yes => Value::Bool(raw == "yes"),
            K::Computed(lit) => {
                if lit == "@on" {
                    // The same date as `on` (whose message, if any, is shown there).
                    day(v.date("on")).unwrap_or(today_value)
                } else {
                    serde_json::from_str(lit).unwrap_or(Value::Null)
                }
            }
            K::Votes | K::Scores | K::Proposed => {
                let keys: Vec<String> = match fd.3 {
                    K::Votes => ch.cadres.iter().map(|c| c.0.clone()).collect(),
                    K::Scores => DIMS.iter().map(|d| d.0.to_string()).collect(),
                    _ => ch.posts.iter().map(|p| p.0.clone()).collect(),
                };
                let mut sub = Map::new();
                for k in keys {
                    let x = v.get(&format!("{name}.{k}"));
                    let blank = x.trim().is_empty();
                    match fd.3 {
                        K::Votes if blank => {}
                        K::Votes | K::Scores => {
                            sub.insert(k, keep(count(&x, name), Value::from(0)));
                        }
                        _ if blank => {}
                        _ => {
                            sub.insert(k, Value::String(x));
                        }
                    }
                }
                Value::Object(sub)
            }
            _ => Value::String(raw),
        };
        m.insert(name.to_string(), value);
    }
    let mut outer = Map::new();
    outer.insert(f.key.to_string(), Value::Object(m));
    let record: StepRecord =
        serde_json::from_str(&Value::Object(outer).to_string()).map_err(|e| {
            vec![RuleViolation::new(
                "field.format",
                format!("表单内容有误：{e}"),
                format!("The form is malformed: {e}"),
            )]
        })?;
    let read_fields: Vec<Option<String>> = problems.iter().map(|p| p.field.clone()).collect();
    problems.extend(
        record_problems(&record, today, p4)
            .into_iter()
            .filter(|p| !read_fields.contains(&p.field)),
    );
    if problems.is_empty() {
        Ok(record)
    } else {
        Err(problems)
    }
}

/// A record as (label, value) lines for reading and printing.
pub fn describe(zh: bool, rec: &StepRecord, ch: &Choices) -> Vec<(&'static str, String)> {
    let f = form(rec.form());
    let m = fields_of(rec);
    f.fields
        .iter()
        .filter_map(|fd| {
            let v = m.get(fd.0);
            let text = match fd.3 {
                K::Computed("@on") => val_str(v),
                K::Yes | K::Computed(_) => {
                    let b = v.and_then(Value::as_bool).unwrap_or(false);
                    match (zh, b) {
                        (true, true) => "是",
                        (true, false) => "否",
                        (false, true) => "Yes",
                        (false, false) => "No",
                    }
                    .to_string()
                }
                K::Post => Choices::name(&ch.posts, &val_str(v)),
                K::Cadre => Choices::name(&ch.cadres, &val_str(v)),
                K::Complaint => Choices::name(&ch.complaints, &val_str(v)),
                K::Opt(o) => {
                    let s = val_str(v);
                    o.iter()
                        .find(|x| x.0 == s)
                        .map(|x| if zh { x.1 } else { x.2 }.to_string())
                        .unwrap_or(s)
                }
                K::Votes | K::Proposed | K::Scores => {
                    let mut obj: Vec<(String, Value)> = v
                        .and_then(Value::as_object)
                        .map(|o| o.iter().map(|(k, x)| (k.clone(), x.clone())).collect())
                        .unwrap_or_default();
                    if matches!(fd.3, K::Scores) {
                        obj.sort_by_key(|(k, _)| DIMS.iter().position(|d| d.0 == k));
                    }
                    let mut total = 0u64;
                    let parts: Vec<String> = obj
                        .iter()
                        .map(|(k, x)| {
                            total = total.saturating_add(x.as_u64().unwrap_or(0));
                            let key = match fd.3 {
                                K::Votes => Choices::name(&ch.cadres, k),
                                K::Proposed => Choices::name(&ch.posts, k),
                                _ => DIMS
                                    .iter()
                                    .find(|d| d.0 == k)
                                    .map(|d| if zh { d.1 } else { d.2 }.to_string())
                                    .unwrap_or_default(),
                            };
                            let val = match fd.3 {
                                K::Proposed => Choices::name(&ch.cadres, &val_str(Some(x))),
                                _ => val_str(Some(x)),
                            };
                            format!("{key} {val}")
                        })
                        .collect();
                    let mut s = parts.join(if zh { "，" } else { ", " });
                    if matches!(fd.3, K::Scores) {
                        s.push_str(if zh { "；合计 " } else { "; total " });
                        s.push_str(&total.to_string());
                    }
                    s
                }
                _ => val_str(v),
            };
            (!text.is_empty()).then_some((lbl(zh, fd), text))
        })
        .collect()
}
