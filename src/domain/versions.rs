//! Versions of one record edited over time, maybe on two phones at once: every
//! version is kept; a new version names the ones it replaces (`supersedes`); two live
//! versions that differ are a conflict a person resolves, never a silent pick.
//!
//! Architecture invariant: the live versions depend only on the set of versions, not on
//! the order they arrived in; records of earlier versions of the app, which name
//! nothing (`None`), replace every version recorded before them by (recorded_at, id).

use crate::domain::sorting;
use std::collections::{BTreeMap, BTreeSet};

/// One version of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version<T> {
    /// The event that recorded it.
    pub id: String,
    /// When (UTC ms).
    pub recorded_at: i64,
    /// Who.
    pub author: String,
    /// The device it was recorded on.
    pub device: String,
    /// The versions it replaces; `None` in records of earlier app versions.
    pub supersedes: Option<Vec<String>>,
    /// The content.
    pub value: T,
}

impl<T> Version<T> {
    /// The version `e` recorded: `value`, replacing `supersedes`.
    pub fn of_event(
        e: &crate::domain::event::Event,
        value: T,
        supersedes: Option<Vec<String>>,
    ) -> Version<T> {
        Version {
            id: e.id.clone(),
            recorded_at: e.recorded_at,
            author: e.author.clone(),
            device: e.device.clone(),
            supersedes,
            value,
        }
    }
}

/// Every version of one record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions<T> {
    /// Boxed: most records have one version, and a map's first node has room for
    /// eleven (a county's cadres and villages would carry ten empty slots each).
    all: BTreeMap<String, Box<Version<T>>>,
}

impl<T> Default for Versions<T> {
    fn default() -> Self {
        Versions {
            all: BTreeMap::new(),
        }
    }
}

impl<T> Versions<T> {
    /// Every version, by event id.
    pub fn all(&self) -> impl Iterator<Item = &Version<T>> {
        self.all.values().map(Box::as_ref)
    }

    /// Whether the event `id` recorded a version of this record.
    pub fn contains(&self, id: &str) -> bool {
        self.all.contains_key(id)
    }

    /// How many versions were recorded.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// Whether none was recorded.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Add a version (again: no effect).
    pub fn add(&mut self, version: Version<T>) {
        self.all
            .entry(version.id.clone())
            .or_insert_with(|| Box::new(version));
    }

    /// Versions no other replaces, oldest first by (recorded_at, id).
    pub fn live(&self) -> Vec<&Version<T>> {
        let named: BTreeSet<&str> = self
            .all
            .values()
            .filter_map(|v| v.supersedes.as_ref())
            .flatten()
            .map(String::as_str)
            .collect();
        let legacy = self
            .all
            .values()
            .filter(|v| v.supersedes.is_none())
            .map(|v| (v.recorded_at, v.id.as_str()))
            .max();
        let mut out: Vec<&Version<T>> = self
            .all
            .values()
            .map(Box::as_ref)
            .filter(|v| {
                !named.contains(v.id.as_str())
                    && legacy.is_none_or(|l| (v.recorded_at, v.id.as_str()) >= l)
            })
            .collect();
        sorting::sort_by(&mut out, |a, b| {
            (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id))
        });
        out
    }

    /// Ids of the live versions (what a new version replaces).
    pub fn live_ids(&self) -> Vec<String> {
        self.live().into_iter().map(|v| v.id.clone()).collect()
    }

    /// The latest live version's content (shown while a conflict waits).
    pub fn current(&self) -> Option<&T> {
        // One version (most records): live unless it names itself as replaced. Asked
        // for every cadre on a case page, the general way cost 0.1 s at county scale.
        if let (1, Some(v)) = (self.all.len(), self.all.values().next()) {
            let replaces_itself = v.supersedes.as_ref().is_some_and(|s| s.contains(&v.id));
            return (!replaces_itself).then_some(&v.value);
        }
        self.live().last().map(|v| &v.value)
    }
}

impl<T: PartialEq> Versions<T> {
    /// Whether two live versions differ: recorded without seeing each other.
    pub fn conflicted(&self) -> bool {
        let live = self.live();
        live.iter().any(|v| v.value != live[0].value)
    }
}

/// Records of one kind, any number of them, each of which may be corrected or withdrawn
/// later (a talk held, a training): by record id — the id of the event that first
/// recorded it —, every version, a withdrawal being a version with no content.
#[derive(Clone, Debug, PartialEq)]
pub struct Records<T> {
    /// Every record's versions, by record id.
    pub by_id: BTreeMap<String, Versions<Option<T>>>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            by_id: BTreeMap::new(),
        }
    }
}

impl<T: PartialEq> Records<T> {
    /// Fold the version `e` records: a new record when `corrects` is empty, else a version
    /// of the record `corrects` (`None`: withdrawn) replacing `supersedes`.
    pub fn add(
        &mut self,
        e: &crate::domain::event::Event,
        corrects: &str,
        value: Option<T>,
        supersedes: &[String],
    ) {
        let id = match corrects.is_empty() {
            true => e.id.clone(),
            false => corrects.to_string(),
        };
        let v = Version::of_event(e, value, Some(supersedes.to_vec()));
        self.by_id.entry(id).or_default().add(v);
    }

    /// The records that stand, each its latest live version with content, with its id and
    /// whether two live versions differ. A record stands while any live version has
    /// content: one phone correcting it while another withdraws it keeps it, shown as
    /// differing, for a person to settle.
    pub fn standing(&self) -> Vec<(&str, &T, bool)> {
        self.by_id
            .iter()
            .filter_map(|(id, v)| Some((id.as_str(), Self::content(v)?, v.conflicted())))
            .collect()
    }

    /// The latest live version of `versions` that has content, if any.
    pub fn content(versions: &Versions<Option<T>>) -> Option<&T> {
        let live = versions.live();
        live.into_iter().rev().find_map(|v| v.value.as_ref())
    }
}

/// One step's record as it stands: the one live version, `Conflict` while two that
/// differ wait for a person, or `None`.
#[derive(Debug, PartialEq, Eq)]
pub enum Standing<'a, T> {
    /// Not recorded.
    None,
    /// Recorded, one version.
    One(&'a T),
    /// Two versions made without seeing each other.
    Conflict,
}

impl<T> Clone for Standing<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Standing<'_, T> {}

/// How a step's versions stand.
pub fn standing<T: PartialEq>(versions: Option<&Versions<T>>) -> Standing<'_, T> {
    match versions {
        None => Standing::None,
        Some(v) if v.conflicted() => Standing::Conflict,
        Some(v) => v.current().map_or(Standing::None, Standing::One),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(id: &str, at: i64, supersedes: Option<&[&str]>, value: u32) -> Version<u32> {
        Version {
            id: id.into(),
            recorded_at: at,
            author: "管理员".into(),
            device: "d-1".into(),
            supersedes: supersedes.map(|s| s.iter().map(|x| x.to_string()).collect()),
            value,
        }
    }

    #[test]
    fn concurrent_versions_conflict_until_one_replaces_both_in_any_order() {
        let all = [
            v("a", 1, Some(&[]), 800),
            v("b", 2, Some(&["a"]), 810),
            v("c", 3, Some(&["a"]), 820),
            v("d", 4, Some(&["b", "c"]), 815),
        ];
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let mut vs = Versions::default();
            for i in order {
                vs.add(all[i].clone());
            }
            assert!(
                vs.conflicted(),
                "b and c were made without seeing each other"
            );
            vs.add(all[3].clone());
            assert!(!vs.conflicted());
            assert_eq!(vs.current(), Some(&815));
        }
        let mut same = Versions::default();
        same.add(v("x", 1, Some(&[]), 5));
        same.add(v("y", 2, Some(&[]), 5));
        assert!(
            !same.conflicted(),
            "two versions saying the same are no conflict"
        );
        let mut legacy = Versions::default();
        legacy.add(v("old1", 1, None, 1));
        legacy.add(v("old2", 2, None, 2));
        assert_eq!((legacy.current(), legacy.conflicted()), (Some(&2), false));
    }

    /// A record of one version takes a shortcut to its current content: the same as
    /// the latest live version, also for a version that names itself as replaced.
    #[test]
    fn one_version_is_current_unless_it_replaces_itself() {
        for (version, expected) in [
            (v("a", 1, None, 7), Some(&7)),
            (v("a", 1, Some(&[]), 7), Some(&7)),
            (v("a", 1, Some(&["z"]), 7), Some(&7)),
            (v("a", 1, Some(&["a"]), 7), None),
            (v("a", 1, Some(&["z", "a"]), 7), None),
        ] {
            let mut one = Versions::default();
            one.add(version);
            assert_eq!(one.current(), expected);
            assert_eq!(one.current(), one.live().last().map(|v| &v.value));
        }
    }
}
