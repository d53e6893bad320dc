//! Master data (基础信息): townships, villages with population, and their two heads.

use std::collections::BTreeMap;

use super::RuleViolation;

/// A township (乡镇/苏木镇).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Township {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A village (村/嘎查) and its two heads (两委正职).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Village {
    /// Stable id.
    pub id: String,
    /// The township it belongs to.
    pub township: String,
    /// Name.
    pub name: String,
    /// Registered population (人口), which sets the base-pay band.
    pub population: u32,
    /// 村党组织书记 (empty until recorded).
    pub secretary: String,
    /// 村委会主任 (empty until recorded).
    pub director: String,
}

/// All master data, as of the events folded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Master {
    /// Townships by id.
    pub townships: BTreeMap<String, Township>,
    /// Villages by id.
    pub villages: BTreeMap<String, Village>,
}

impl Master {
    /// Villages of a township, by name.
    pub fn villages_of(&self, township: &str) -> Vec<&Village> {
        let mut v: Vec<&Village> = self
            .villages
            .values()
            .filter(|v| v.township == township)
            .collect();
        v.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        v
    }

    /// Townships, by name.
    pub fn townships_sorted(&self) -> Vec<&Township> {
        let mut t: Vec<&Township> = self.townships.values().collect();
        t.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        t
    }

    /// The village, or a violation naming it.
    pub fn village(&self, id: &str) -> Result<&Village, RuleViolation> {
        self.villages.get(id).ok_or_else(|| {
            RuleViolation::new(
                "master.no_village",
                "找不到该村",
                format!("Unknown village {id}"),
            )
        })
    }

    /// The township, or a violation naming it.
    pub fn township(&self, id: &str) -> Result<&Township, RuleViolation> {
        self.townships.get(id).ok_or_else(|| {
            RuleViolation::new(
                "master.no_township",
                "找不到该乡镇",
                format!("Unknown township {id}"),
            )
        })
    }
}

/// Parse a population typed by a user.
pub fn parse_population(input: &str) -> Result<u32, RuleViolation> {
    let s = input.trim();
    if s.is_empty() {
        return Err(RuleViolation::new(
            "master.population_missing",
            "请填写人口数",
            "Enter the population",
        )
        .on("population"));
    }
    s.parse::<u32>().map_err(|_| {
        RuleViolation::new(
            "master.population_format",
            "人口数必须是非负整数",
            "Population must be a whole number",
        )
        .on("population")
    })
}

/// Parse a whole number typed in a form field (a count, a quota, a year).
pub fn parse_count(input: &str, field: &str) -> Result<u32, RuleViolation> {
    input.trim().parse::<u32>().map_err(|_| {
        RuleViolation::new("field.number", "请填写非负整数", "Enter a whole number").on(field)
    })
}

/// A required, trimmed text field.
pub fn required(
    value: &str,
    field: &str,
    zh_name: &str,
    en_name: &str,
) -> Result<String, RuleViolation> {
    let v = value.trim();
    if v.is_empty() {
        Err(RuleViolation::new(
            "field.required",
            format!("请填写{zh_name}"),
            format!("{en_name} is required"),
        )
        .on(field))
    } else {
        Ok(v.to_string())
    }
}
