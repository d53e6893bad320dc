//! The master-data forms as data (基础信息: a township, a village and its two heads),
//! drawn by the one form renderer and read here.
//!
//! Architecture invariant: each form's field names are the serde names of what it reads
//! into ([`TownshipInput`], [`VillageInput`]), and `read(inputs_of(x)) == x`
//! (tests/forms.rs).

use serde::{Deserialize, Serialize};

use super::form::{field, inputs_of_object, object_of, text, Field, FieldKind, Form, Inputs};
use super::master::{check_village_form, required, Village};
use super::RuleViolation;

/// 村党组织书记, in the village and heads forms.
const SECRETARY: Field = field(
    "secretary",
    "党组织书记",
    "Party secretary",
    FieldKind::Text,
);
/// 村委会主任, in the village and heads forms.
const DIRECTOR: Field = field(
    "director",
    "村委会主任",
    "Village director",
    FieldKind::Text,
);

/// The add-township form.
pub const TOWNSHIP_FORM: Form = Form {
    key: "township",
    fields: &[field("name", "新乡镇名称", "New township", FieldKind::Text).required()],
};

/// The village form: its name, population and two heads (one atomic record).
pub const VILLAGE_FORM: Form = Form {
    key: "village",
    fields: &[
        field("name", "村名", "Village", FieldKind::Text).required(),
        field("population", "户籍人口", "Population", FieldKind::Count)
            .required()
            .help(
                "只填数字，如 1500 或 1,500",
                "Digits only, e.g. 1500 or 1,500",
            ),
        SECRETARY,
        DIRECTOR,
    ],
};

/// A village's two heads (an organizer records them; the administrator uses the
/// village form).
pub const HEADS_FORM: Form = Form {
    key: "heads",
    fields: &[SECRETARY, DIRECTOR],
};

/// The heads as their form holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadsInput {
    /// 村党组织书记.
    pub secretary: String,
    /// 村委会主任.
    pub director: String,
}

/// A township as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TownshipInput {
    /// Its name, trimmed.
    pub name: String,
}

/// A village as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VillageInput {
    /// Its name, as typed.
    pub name: String,
    /// Registered population.
    pub population: u32,
    /// 村党组织书记 (blank with the director: not yet recorded).
    pub secretary: String,
    /// 村委会主任.
    pub director: String,
}

/// Read the township form: the name, or why not.
pub fn read_township(inputs: &Inputs) -> Result<TownshipInput, Vec<RuleViolation>> {
    let name = required(text(inputs, "name"), "name", "乡镇名称", "Township name");
    Ok(TownshipInput {
        name: name.map_err(|e| vec![e])?,
    })
}

/// Read the village form: the village, or every field's message at once.
pub fn read_village(inputs: &Inputs) -> Result<VillageInput, Vec<RuleViolation>> {
    let [name, population, secretary, director] =
        ["name", "population", "secretary", "director"].map(|n| text(inputs, n));
    let population = check_village_form(name, population, secretary, director)?;
    Ok(VillageInput {
        name: name.to_string(),
        population,
        secretary: secretary.to_string(),
        director: director.to_string(),
    })
}

/// The village form's inputs for `village` (editing it), or empty (a new one).
pub fn village_inputs(village: Option<&Village>) -> Inputs {
    village.map_or_else(Inputs::new, |v| {
        inputs_of(&VillageInput {
            name: v.name.clone(),
            population: v.population,
            secretary: v.secretary.clone(),
            director: v.director.clone(),
        })
    })
}

/// What a form reads into, as that form's inputs.
pub fn inputs_of(value: &impl Serialize) -> Inputs {
    inputs_of_object(object_of(value, false))
}
