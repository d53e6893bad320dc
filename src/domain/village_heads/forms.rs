//! The forms of village heads, as data: a tenure, and a year's care list confirmed.
//! Each is read through its input struct's serde shape and then by the domain's rules
//! (`decide::tenure_problems`), every message at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::care::{care_lines, CareStatus};
use super::decide::{tenure_problems, Command};
use super::event::{CareExclusion, EndReason, ExclusionReason, HeadPost, Tenure};
use crate::domain::form::{
    field, inputs_of_object, object_of, Cell, FieldKind, Form, Grid, Inputs, Options, Rows,
};
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
/// The option list of reasons for leaving someone off a care list.
pub const EXCLUSION_REASONS: &str = "exclusion_reasons";

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
    let master = &state.master;
    let people = state.village_heads.people().into_values().map(|p| {
        let first = p.tenures.first().map(|(_, t)| {
            let village = master.villages.get(&t.village);
            let village = village.map_or(t.village.as_str(), |v| v.name.as_str());
            match zh {
                true => format!("（{village} {}起）", t.start),
                false => format!(" ({village} from {})", t.start),
            }
        });
        (p.id, p.name + &first.unwrap_or_default())
    });
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
    let crate::domain::command::Command::VillageHeads(Command::RecordTenure {
        tenure, seen, ..
    }) = &block.template
    else {
        return Err(not_this_form(&block.form));
    };
    let x: TenureInput = block
        .form
        .read(&block.options, inputs, sent.today)
        .map_err(|mut unread| {
            // The name is checked by the rules once the form reads; say it now too.
            let typed = |name: &str| inputs.get(name).is_none_or(|v| v.trim().is_empty());
            if typed("person")
                && typed("name")
                && !unread.iter().any(|p| p.field.as_deref() == Some("name"))
            {
                unread.push(
                    RuleViolation::new("field.required", "请填写姓名", "Name is required")
                        .on("name"),
                );
            }
            unread
        })?;
    let record = tenure_of(x, state, sent, seen.is_empty())?;
    let problems = tenure_problems(state, tenure, &record, sent.today);
    if !problems.is_empty() {
        return Err(problems);
    }
    let tenure = if tenure.is_empty() {
        sent.new_id("ht")
    } else {
        tenure.clone()
    };
    Ok(Command::RecordTenure {
        tenure,
        record,
        seen: seen.clone(),
    }
    .into())
}

fn tenure_of(
    x: TenureInput,
    state: &State,
    sent: &Sent,
    new: bool,
) -> Result<Tenure, Vec<RuleViolation>> {
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
    if new && known.is_none() && same_name(state, &name) {
        let e = RuleViolation::new(
            "heads.same_name",
            "已有同名人员：同一人请在“人员”中选择；确为另一人，请在姓名后注明以区分，如“张伟（东风村）”",
            "Someone of this name is recorded: choose them under Person if it is them; if not, add a note to the name, e.g. “Zhang Wei (Dongfeng)”",
        );
        return Err(vec![e.on("name")]);
    }
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

/// Whether someone of this name has held a post.
fn same_name(state: &State, name: &str) -> bool {
    state
        .village_heads
        .current_tenures()
        .any(|(_, t)| t.name == name)
}

/// Confirm a year's care list, leaving out anyone who qualifies with a reason of their own.
pub const CARE_FORM: Form = Form {
    key: "care",
    fields: &[field(
        "excluded",
        "不列入名单的人员及原因",
        "Anyone left off, and why",
        FieldKind::Grid(Grid {
            rows: Rows::From(QUALIFYING),
            cell: Cell::Pick(EXCLUSION_REASONS),
            total: false,
        }),
    )
    .help(
        "符合条件但不发放的，选择原因；其余留空，列入名单",
        "For anyone who qualifies but is not paid, choose why; leave the rest blank to list them",
    )],
};

/// What the care form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareInput {
    /// Who is left off (person id → reason key).
    #[serde(default)]
    pub excluded: std::collections::BTreeMap<String, String>,
}

/// The care form's options: who qualifies for `year`, and the reasons to leave one off.
pub fn care_options(state: &State, year: i32, zh: bool) -> Options {
    let lines = care_lines(state, year);
    let qualifying = lines
        .into_iter()
        .filter(|l| l.status == CareStatus::Qualifies);
    let reasons = ExclusionReason::ALL
        .iter()
        .map(|r| (r.key().to_string(), r.label(zh).to_string()));
    Options::default()
        .with(QUALIFYING, qualifying.map(|l| (l.person, l.name)).collect())
        .with(EXCLUSION_REASONS, reasons.collect())
}

/// Read the care form into its command (the year and the confirmations seen named by
/// the template).
pub fn read_care(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<crate::domain::command::Command, Vec<RuleViolation>> {
    let crate::domain::command::Command::VillageHeads(Command::ConfirmCareList {
        year,
        seen,
        shown,
        ..
    }) = &block.template
    else {
        return Err(not_this_form(&block.form));
    };
    let x: CareInput = block.form.read(&block.options, inputs, sent.today)?;
    let mut excluded = Vec::new();
    for (person, key) in x.excluded {
        let Some(reason) = ExclusionReason::from_key(&key) else {
            let e = RuleViolation::new(
                "field.required",
                "请选择不列入原因",
                "Choose why they are left off",
            );
            return Err(vec![e.on(format!("excluded.{person}"))]);
        };
        let name = block.options.label(QUALIFYING, &person);
        excluded.push(CareExclusion {
            person,
            name,
            reason,
        });
    }
    Ok(Command::ConfirmCareList {
        year: *year,
        excluded,
        seen: seen.clone(),
        shown: shown.clone(),
    }
    .into())
}
