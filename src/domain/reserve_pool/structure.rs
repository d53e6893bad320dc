//! The structure of the pools (seeds 001 and 002 库伦旗: 年轻干部 and "女少非"): how many
//! of those in each echelon and each unit are young (at most the policy's age for the
//! echelon), women, of an ethnic minority, and not party members, as shares against the
//! county's targets.

use chrono::NaiveDate;

use super::event::Echelon;
use super::pool::{standing, Member};
use crate::domain::cadre_selection::cadre::{current_position, full_years};
use crate::domain::State;

/// Counts of one group of people.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// How many.
    pub total: u32,
    /// Young (at most the echelon's age).
    pub young: u32,
    /// Women.
    pub women: u32,
    /// Of an ethnic minority (not 汉族).
    pub minority: u32,
    /// Not party members (党外).
    pub non_party: u32,
}

impl Counts {
    fn add(&mut self, state: &State, m: &Member, today: NaiveDate) {
        let Some(p) = state.cadre_selection.cadre(&m.entry.cadre) else {
            return;
        };
        let limit = state
            .policies
            .at(today)
            .reserve_pool
            .young_age(m.entry.echelon);
        self.total += 1;
        self.young += u32::from(full_years(p.birth, today) <= limit);
        self.women += u32::from(p.gender.trim() == "女");
        let ethnicity = p.ethnicity.trim();
        self.minority +=
            u32::from(!ethnicity.is_empty() && ethnicity != "汉族" && ethnicity != "汉");
        self.non_party += u32::from(p.party_join.is_none());
    }
}

/// A share in tenths of a percent, rounded half up (0 when there is nobody).
pub fn permille(part: u32, total: u32) -> u32 {
    match total {
        0 => 0,
        n => ((u64::from(part) * 2000 + u64::from(n)) / (2 * u64::from(n))) as u32,
    }
}

/// A share as people read it: 333 → "33.3%".
pub fn shown(permille: u32) -> String {
    format!("{}.{}%", permille / 10, permille % 10)
}

/// The structure of the pools on a day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Everyone in the pools.
    pub whole: Counts,
    /// Each echelon, in order.
    pub echelons: Vec<(Echelon, Counts)>,
    /// Each unit of a current post ("" when none), by name.
    pub units: Vec<(String, Counts)>,
}

/// The structure on `today`.
pub fn structure(state: &State, today: NaiveDate) -> Structure {
    let members = standing(state, today);
    let mut whole = Counts::default();
    let mut by_echelon: Vec<(Echelon, Counts)> = Echelon::ALL
        .iter()
        .map(|e| (*e, Counts::default()))
        .collect();
    let mut by_unit: std::collections::BTreeMap<String, Counts> = Default::default();
    // A person entered twice (two phones) counts once.
    let mut counted = std::collections::BTreeSet::new();
    for m in members
        .iter()
        .filter(|m| counted.insert(m.entry.cadre.as_str()))
    {
        whole.add(state, m, today);
        if let Some((_, c)) = by_echelon.iter_mut().find(|(e, _)| *e == m.entry.echelon) {
            c.add(state, m, today);
        }
        let unit = state
            .cadre_selection
            .cadre(&m.entry.cadre)
            .and_then(|p| current_position(p, today))
            .map(|p| p.unit.clone())
            .unwrap_or_default();
        by_unit.entry(unit).or_default().add(state, m, today);
    }
    Structure {
        whole,
        echelons: by_echelon,
        units: by_unit.into_iter().collect(),
    }
}
