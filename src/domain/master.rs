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

/// When a master-data record was made: (recorded_at, event id). The latest stands;
/// the event id breaks ties, so the order records arrive in never matters.
pub type Stamp = (i64, String);

/// All master data, as of the events folded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Master {
    /// Townships by id.
    pub townships: BTreeMap<String, Township>,
    /// Villages by id.
    pub villages: BTreeMap<String, Village>,
    /// Latest stamp of each township's name, each village's record and heads.
    stamps: BTreeMap<(&'static str, String), Stamp>,
}

impl Master {
    /// Whether a record stamped `stamp` for `(what, id)` is the latest seen so far
    /// (and remember it if it is).
    fn newest(&mut self, what: &'static str, id: &str, stamp: Stamp) -> bool {
        let key = (what, id.to_string());
        if self.stamps.get(&key).is_some_and(|s| *s >= stamp) {
            return false;
        }
        self.stamps.insert(key, stamp);
        true
    }

    fn village_mut(&mut self, id: &str) -> &mut Village {
        self.villages
            .entry(id.to_string())
            .or_insert_with(|| Village {
                id: id.to_string(),
                township: String::new(),
                name: String::new(),
                population: 0,
                secretary: String::new(),
                director: String::new(),
            })
    }

    /// A township's name, unless a later record named it already.
    pub fn record_township(&mut self, id: &str, name: &str, stamp: Stamp) {
        if self.newest("township", id, stamp) {
            let t = Township {
                id: id.to_string(),
                name: name.to_string(),
            };
            self.townships.insert(id.to_string(), t);
        }
    }

    /// A village's township, name and population, unless a later record set them.
    pub fn record_village(
        &mut self,
        id: &str,
        township: &str,
        name: &str,
        population: u32,
        stamp: Stamp,
    ) {
        if self.newest("village", id, stamp) {
            let v = self.village_mut(id);
            v.township = township.to_string();
            v.name = name.to_string();
            v.population = population;
        }
    }

    /// A village's two heads, unless a later record named them.
    pub fn record_heads(&mut self, id: &str, secretary: &str, director: &str, stamp: Stamp) {
        if self.newest("heads", id, stamp) {
            let v = self.village_mut(id);
            v.secretary = secretary.to_string();
            v.director = director.to_string();
        }
    }

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
