//! The forms of village heads, as data: a tenure, and a year's care list confirmed.
//! Each is read through its input struct's serde shape and then by the domain's rules
//! (`decide::tenure_problems`), every message at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::care::{care_lines, CareStatus};
use super::decide::{tenure_problems, Command};
use super::event::{CareExclusion, EndReason, HeadPost, Tenure};
use crate::domain::form::{field, inputs_of_object, object_of, FieldKind, Form, Inputs, Options};
use crate::domain::screen::{not_this_form, FormBlock, Sent};
use crate::domain::{RuleViolation, State};

/// The option list of people who have held a post.
pub const PEOPLE: &str = "people";
/// The option list of villages.
pub const VILLAGES: &str = "villages";
/// The option list of reasons for leaving.
pub const END_REASONS: &str = "end_reasons";
/// The option list of those who qualify for a year's care.
pub const QUALIFYING: &str = "qualifying";

/// A tenure: who, which village and post, from when, until when and why.
pub const TENURE_FORM: Form = Form {
    key: "tenure",
    fields: &[
        field(
            "person",
            "人员",
            "Person",
            FieldKind::Pick {
                from: PEOPLE,
                blank: true,
            },
        )
        .help(
            "已登记过的人再次任职时选择；新人员不选，填写姓名",
            "Choose someone recorded before; for someone new, leave it and type the name",
        ),
        field("name", "姓名", "Name", FieldKind::Text),
        field(
            "village",
            "村（嘎查）",
            "Village",
            FieldKind::Pick {
                from: VILLAGES,
                blank: false,
            },
        )
        .required(),
        field("post", "职务", "Post", FieldKind::Choice(HeadPost::CHOICES)).required(),
        field("start", "任职日期", "First day in office", FieldKind::Date)
            .required()
            .blank(),
        field("end", "离任日期", "Day they left", FieldKind::Date)
            .help("仍在任则不填", "Leave blank while they hold the post"),
        field(
            "end_reason",
            "离任原因",
            "Why they left",
            FieldKind::Pick {
                from: END_REASONS,
                blank: true,
            },
        ),
    ],
};

/// What the tenure form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TenureInput {
    /// A person recorded before ("" for someone new).
    #[serde(default)]
    pub person: String,
    /// The name ("" keeps the chosen person's).
    #[serde(default)]
    pub name: String,
    /// The village.
    pub village: String,
    /// The post.
    pub post: HeadPost,
    /// The first day in office.
    pub start: NaiveDate,
    /// The day they left.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Why they left (an `EndReason` key, "" for none).
    #[serde(default)]
    pub end_reason: String,
}

/// The tenure form's inputs prefilled from a tenure (blank for a new one).
pub fn tenure_inputs(t: Option<&Tenure>) -> Inputs {
    let Some(t) = t else {
        return Inputs::new();
    };
    let input = TenureInput {
        person: t.person.clone(),
        name: t.name.clone(),
        village: t.village.clone(),
        post: t.post,
        start: t.start,
        end: t.end,
        end_reason: t
            .end_reason
            .map(|r| r.key().to_string())
            .unwrap_or_default(),
    };
    inputs_of_object(object_of(&input, false))
}

/// The option lists of the tenure form: people, villages (township · village), reasons.
pub fn tenure_options(state: &State, zh: bool) -> Options {
    let people = state
        .village_heads
        .people()
        .into_values()
        .map(|p| (p.id, p.name));
    let master = &state.master;
    let villages = master.townships_sorted().into_iter().flat_map(|t| {
        master
            .villages_of(&t.id)
            .into_iter()
            .map(move |v| (v.id.clone(), format!("{} · {}", t.name, v.name)))
    });
    let reasons = EndReason::ALL
        .iter()
        .map(|r| (r.key().to_string(), r.label(zh).to_string()));
    Options::default()
        .with(PEOPLE, people.collect())
        .with(VILLAGES, villages.collect())
        .with(END_REASONS, reasons.collect())
}

/// Read the tenure form into its command (the tenure named by the template, or a new
/// one), or every field's message.
pub fn read_tenure(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    state: &State,
) -> Result<crate::domain::command::Command, Vec<RuleViolation>> {
    let crate::domain::command::Command::VillageHeads(Command::RecordTenure { tenure, .. }) =
        &block.template
    else {
        return Err(not_this_form(&block.form));
    };
    let x: TenureInput = block.form.read(&block.options, inputs, sent.today)?;
    let record = tenure_of(x, state, sent)?;
    let problems = tenure_problems(state, &record, sent.today);
    if !problems.is_empty() {
        return Err(problems);
    }
    let tenure = if tenure.is_empty() {
        sent.new_id("ht")
    } else {
        tenure.clone()
    };
    Ok(Command::RecordTenure { tenure, record }.into())
}

fn tenure_of(x: TenureInput, state: &State, sent: &Sent) -> Result<Tenure, Vec<RuleViolation>> {
    let known = state.village_heads.person(&x.person);
    if !x.person.is_empty() && known.is_none() {
        let e = RuleViolation::new(
            "heads.person",
            "请选择已登记的人员",
            "Choose a recorded person",
        );
        return Err(vec![e.on("person")]);
    }
    let name = match (x.name.trim(), &known) {
        ("", Some(p)) => p.name.clone(),
        (typed, _) => typed.to_string(),
    };
    let end_reason = match x.end_reason.as_str() {
        "" => None,
        key => Some(EndReason::from_key(key).ok_or_else(|| {
            vec![
                RuleViolation::new("field.required", "请选择离任原因", "Choose why they left")
                    .on("end_reason"),
            ]
        })?),
    };
    let person = if x.person.is_empty() {
        sent.new_id("hp")
    } else {
        x.person
    };
    Ok(Tenure {
        person,
        name,
        village: x.village,
        post: x.post,
        start: x.start,
        end: x.end,
        end_reason,
    })
}

/// Confirm a year's care list, leaving out anyone who qualifies with a reason.
pub const CARE_FORM: Form = Form {
    key: "care",
    fields: &[
        field(
            "excluded",
            "不列入名单的人员",
            "Left off the list",
            FieldKind::PickMany(QUALIFYING),
        )
        .help(
            "符合条件但不发放的（如已去世），勾选并写明原因",
            "Anyone who qualifies but is not paid (e.g. has died): tick and say why",
        ),
        field(
            "reason",
            "不列入原因",
            "Why they are left off",
            FieldKind::Text,
        ),
    ],
};

/// What the care form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareInput {
    /// Who is left off.
    #[serde(default)]
    pub excluded: Vec<String>,
    /// Why.
    #[serde(default)]
    pub reason: String,
}

/// The care form's options: who qualifies for `year`.
pub fn care_options(state: &State, year: i32) -> Options {
    let lines = care_lines(state, year);
    let qualifying = lines
        .into_iter()
        .filter(|l| l.status == CareStatus::Qualifies);
    Options::default().with(QUALIFYING, qualifying.map(|l| (l.person, l.name)).collect())
}

/// Read the care form into its command (the year named by the template).
pub fn read_care(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<crate::domain::command::Command, Vec<RuleViolation>> {
    let crate::domain::command::Command::VillageHeads(Command::ConfirmCareList { year, .. }) =
        &block.template
    else {
        return Err(not_this_form(&block.form));
    };
    let x: CareInput = block.form.read(&block.options, inputs, sent.today)?;
    let reason = x.reason.trim().to_string();
    if !x.excluded.is_empty() && reason.is_empty() {
        let e = RuleViolation::new(
            "field.required",
            "请填写不列入原因",
            "Say why they are left off",
        );
        return Err(vec![e.on("reason")]);
    }
    let name = |p: &str| block.options.label(QUALIFYING, p);
    let excluded = x.excluded.iter().map(|p| CareExclusion {
        person: p.clone(),
        name: name(p),
        reason: reason.clone(),
    });
    Ok(Command::ConfirmCareList {
        year: *year,
        excluded: excluded.collect(),
    }
    .into())
}
