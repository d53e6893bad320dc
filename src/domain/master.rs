//! Master data (基础信息): townships, villages with population, and their two heads.

use crate::domain::sorting;
use std::collections::BTreeMap;

use super::versions::{Version, Versions};
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

/// Who recorded a master-data version, and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// The event id.
    pub id: String,
    /// UTC ms.
    pub recorded_at: i64,
    /// Who.
    pub author: String,
    /// The device it was recorded on.
    pub device: String,
    /// The versions it replaces (`None`: a record of an earlier app version).
    pub supersedes: Option<Vec<String>>,
}

/// Which master record: a township's name, a village's record, or its heads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// A township's name.
    Township,
    /// A village's township, name and population.
    Village,
    /// A village's two heads.
    Heads,
}

/// One master record edited on two phones without either seeing the other: both
/// versions are shown, and the administrator records the one that stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MasterConflict {
    /// Which record.
    pub part: Part,
    /// The township or village id.
    pub id: String,
    /// The live versions: (who, when UTC ms, what they say, in words).
    pub versions: Vec<(String, i64, String)>,
}

/// A village's own record: township, name, population.
type VillageRecord = (String, String, u32);

/// All master data, as of the events folded so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Master {
    /// Townships by id (the latest live name).
    pub townships: BTreeMap<String, Township>,
    /// Villages by id (the latest live record and heads).
    pub villages: BTreeMap<String, Village>,
    township_versions: BTreeMap<String, Versions<String>>,
    village_versions: BTreeMap<String, Versions<VillageRecord>>,
    heads_versions: BTreeMap<String, Versions<(String, String)>>,
}

fn version<T>(r: Recorded, value: T) -> Version<T> {
    Version {
        id: r.id,
        recorded_at: r.recorded_at,
        author: r.author,
        device: r.device,
        supersedes: r.supersedes,
        value,
    }
}

impl Master {
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

    /// A version of a township's name.
    pub fn record_township(&mut self, id: &str, name: &str, r: Recorded) {
        let vs = self.township_versions.entry(id.to_string()).or_default();
        vs.add(version(r, name.to_string()));
        if let Some(name) = vs.current().cloned() {
            let t = Township {
                id: id.to_string(),
                name,
            };
            self.townships.insert(id.to_string(), t);
        }
    }

    /// A version of a village's township, name and population.
    pub fn record_village(&mut self, id: &str, record: VillageRecord, r: Recorded) {
        let vs = self.village_versions.entry(id.to_string()).or_default();
        vs.add(version(r, record));
        if let Some((township, name, population)) = vs.current().cloned() {
            let v = self.village_mut(id);
            v.township = township;
            v.name = name;
            v.population = population;
        }
    }

    /// A version of a village's two heads.
    pub fn record_heads(&mut self, id: &str, secretary: &str, director: &str, r: Recorded) {
        let vs = self.heads_versions.entry(id.to_string()).or_default();
        vs.add(version(r, (secretary.to_string(), director.to_string())));
        if let Some((secretary, director)) = vs.current().cloned() {
            let v = self.village_mut(id);
            v.secretary = secretary;
            v.director = director;
        }
    }

    /// The live versions of a record: what a new version of it replaces.
    pub fn live_ids(&self, part: Part, id: &str) -> Vec<String> {
        match part {
            Part::Township => self.township_versions.get(id).map(Versions::live_ids),
            Part::Village => self.village_versions.get(id).map(Versions::live_ids),
            Part::Heads => self.heads_versions.get(id).map(Versions::live_ids),
        }
        .unwrap_or_default()
    }

    /// Records edited on two phones without either seeing the other.
    pub fn conflicts(&self) -> Vec<MasterConflict> {
        let mut out = Vec::new();
        let mut add = |part, id: &String, versions: Vec<(String, i64, String)>| {
            out.push(MasterConflict {
                part,
                id: id.clone(),
                versions,
            })
        };
        for (id, vs) in self
            .township_versions
            .iter()
            .filter(|(_, v)| v.conflicted())
        {
            let live = vs.live().into_iter();
            add(
                Part::Township,
                id,
                live.map(|v| (v.author.clone(), v.recorded_at, v.value.clone()))
                    .collect(),
            );
        }
        for (id, vs) in self.village_versions.iter().filter(|(_, v)| v.conflicted()) {
            let live = vs.live().into_iter();
            let said = |v: &Version<VillageRecord>| format!("{} · {}", v.value.1, v.value.2);
            add(
                Part::Village,
                id,
                live.map(|v| (v.author.clone(), v.recorded_at, said(v)))
                    .collect(),
            );
        }
        for (id, vs) in self.heads_versions.iter().filter(|(_, v)| v.conflicted()) {
            let live = vs.live().into_iter();
            let said = |v: &Version<(String, String)>| format!("{} · {}", v.value.0, v.value.1);
            add(
                Part::Heads,
                id,
                live.map(|v| (v.author.clone(), v.recorded_at, said(v)))
                    .collect(),
            );
        }
        out
    }

    /// Whether any record of a township or its villages waits for a person's review.
    pub fn township_conflicted(&self, township: &str) -> bool {
        self.conflicts().iter().any(|c| match c.part {
            Part::Township => c.id == township,
            _ => self
                .villages
                .get(&c.id)
                .is_some_and(|v| v.township == township),
        })
    }

    /// What a township is called on its pages: its name (its id if it was recorded
    /// without one); empty if the master data has no such township.
    pub fn township_label(&self, id: &str) -> String {
        match self.townships.get(id) {
            Some(t) if t.name.is_empty() => t.id.clone(),
            Some(t) => t.name.clone(),
            None => String::new(),
        }
    }

    /// A village's township (empty while unknown).
    pub fn township_of(&self, village: &str) -> String {
        self.villages
            .get(village)
            .map(|v| v.township.clone())
            .unwrap_or_default()
    }

    /// Villages of a township, by name.
    pub fn villages_of(&self, township: &str) -> Vec<&Village> {
        let mut v: Vec<&Village> = self
            .villages
            .values()
            .filter(|v| v.township == township)
            .collect();
        sorting::sort_by(&mut v, |a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
        v
    }

    /// Townships, by name.
    pub fn townships_sorted(&self) -> Vec<&Township> {
        let mut t: Vec<&Township> = self.townships.values().collect();
        sorting::sort_by(&mut t, |a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
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

/// A whole number as people type it: digits, optionally in groups of three separated by
/// commas (`1,500`, `1，500`) or spaces (`1 500`), full-width digits (`１５００`) read as
/// digits, spaces around it ignored. `None` for anything else (`1.5`, `1,50`, `一千`)
/// and for numbers beyond `u32`.
pub fn whole_number(input: &str) -> Option<u32> {
    digits_of(input)?.parse().ok()
}

/// The digits of a whole number as people type it ([`whole_number`]), of any size.
fn digits_of(input: &str) -> Option<String> {
    let text: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            c => c,
        })
        .collect();
    let groups: Vec<&str> = text
        .split(',')
        .flat_map(|part| {
            let part = part.trim();
            // "1,500" has one empty-free part per comma; "1 500" splits on spaces.
            let pieces: Vec<&str> = part.split_whitespace().collect();
            if pieces.is_empty() {
                vec![""]
            } else {
                pieces
            }
        })
        .collect();
    let digits = |g: &&str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !groups.iter().all(digits) || !grouped {
        return None;
    }
    Some(groups.concat())
}

/// Whether `input` is written as a whole number (as [`whole_number`] reads them) too
/// large to be one: more than 4,294,967,295.
pub fn too_large(input: &str) -> bool {
    digits_of(input).is_some() && whole_number(input).is_none()
}

/// Parse a population typed by a user: digits, with or without thousands separators
/// (`1500`, `1,500`, `1，500`, `1 500`); anything else is refused with a message saying
/// to type digits only.
pub fn parse_population(input: &str) -> Result<u32, RuleViolation> {
    if input.trim().is_empty() {
        return Err(RuleViolation::new(
            "master.population_missing",
            "请填写人口数",
            "Enter the population",
        )
        .on("population"));
    }
    whole_number(input).ok_or_else(|| {
        let (zh, en) = if too_large(input) {
            (
                "人口数过大，请核对",
                "The population is too large: check it",
            )
        } else {
            (
                "人口数必须是非负整数：请只填写数字，如 1500 或 1,500",
                "Population must be a whole number: type digits only, e.g. 1500 or 1,500",
            )
        };
        RuleViolation::new("master.population_format", zh, en).on("population")
    })
}

/// Parse a whole number typed in a form field (a count, a quota, a year); thousands
/// separators are read as [`whole_number`] reads them.
pub fn parse_count(input: &str, field: &str) -> Result<u32, RuleViolation> {
    whole_number(input).ok_or_else(|| {
        let (zh, en) = if too_large(input) {
            ("数字过大，请核对", "The number is too large: check it")
        } else {
            ("请填写非负整数", "Enter a whole number")
        };
        RuleViolation::new("field.number", zh, en).on(field)
    })
}

/// A village's two heads as typed: both or neither (`None`), every missing name's
/// message at once.
pub fn heads(
    secretary: &str,
    director: &str,
) -> Result<Option<(String, String)>, Vec<RuleViolation>> {
    if crate::domain::text::blank(secretary) && crate::domain::text::blank(director) {
        return Ok(None);
    }
    let s = required(secretary, "secretary", "书记姓名", "Party secretary's name");
    let d = required(director, "director", "主任姓名", "Director's name");
    match (s, d) {
        (Ok(s), Ok(d)) => Ok(Some((s, d))),
        (s, d) => Err(s.err().into_iter().chain(d.err()).collect()),
    }
}

/// The village form as typed (name, population, heads), each field checked on its own:
/// the population read, or every field's message at once. Rules that need the other
/// villages (a duplicate name) are the decider's.
pub fn check_village_form(
    name: &str,
    population: &str,
    secretary: &str,
    director: &str,
) -> Result<u32, Vec<RuleViolation>> {
    let name = required(name, "name", "村名", "Village name");
    let population = parse_population(population);
    let heads = heads(secretary, director);
    let mut problems: Vec<RuleViolation> = name.err().into_iter().collect();
    problems.extend(population.clone().err());
    problems.extend(heads.err().unwrap_or_default());
    match population {
        Ok(p) if problems.is_empty() => Ok(p),
        _ => Err(problems),
    }
}

/// A required, trimmed text field.
pub fn required(
    value: &str,
    field: &str,
    zh_name: &str,
    en_name: &str,
) -> Result<String, RuleViolation> {
    let v = crate::domain::text::trimmed(value);
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
