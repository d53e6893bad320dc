//! Indicator versions and reviews across a township's year: which published set is
//! current (or whether two concurrent publications conflict), which set each score
//! sheet was recorded against, and everything that makes a slot need review (需复核).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::decide::check_scores;
use super::scoring;
use super::slot::Review;
use super::state::{IndicatorSet, ScoreVersion, SetRef, Source, VillagePay};
use super::Period;
use crate::domain::policy::PolicyHistory;
use crate::domain::time::beijing_date;

impl VillagePay {
    /// Every indicator set published for a township's year, by (version, event id).
    pub fn sets(&self, township: &str, year: i32) -> Vec<&IndicatorSet> {
        self.indicator_sets
            .get(&(township.to_string(), year))
            .map(|s| s.values().collect())
            .unwrap_or_default()
    }

    /// Sets no later publication replaced. A set replaces the ids it names; an older
    /// record that names none replaces every lower version.
    pub fn live_sets(&self, township: &str, year: i32) -> Vec<&IndicatorSet> {
        let sets = self.sets(township, year);
        let named: BTreeSet<&str> = sets
            .iter()
            .flat_map(|s| s.supersedes.iter().map(String::as_str))
            .collect();
        let legacy_top = sets
            .iter()
            .filter(|s| s.supersedes.is_empty() && s.version > 1)
            .map(|s| s.version)
            .max()
            .unwrap_or(0);
        let live: Vec<&IndicatorSet> = sets
            .iter()
            .copied()
            .filter(|s| !named.contains(s.event.as_str()) && s.version >= legacy_top)
            .collect();
        // Sets that all name each other (only possible in forged data): show them all.
        if live.is_empty() {
            sets
        } else {
            live
        }
    }

    /// The current indicator set of a township's year: the live sets when they all
    /// agree (the highest version, then id); `None` when none is published or
    /// concurrent publications differ (see [`VillagePay::indicator_conflict`]).
    pub fn indicators(&self, township: &str, year: i32) -> Option<&IndicatorSet> {
        let live = self.live_sets(township, year);
        let top = *live.last()?;
        live.iter()
            .all(|s| s.indicators == top.indicators)
            .then_some(top)
    }

    /// Concurrent publications with different content: the live sets (two or more),
    /// or nothing when there is no such conflict.
    pub fn indicator_conflict(&self, township: &str, year: i32) -> Vec<&IndicatorSet> {
        let live = self.live_sets(township, year);
        let differ = live
            .first()
            .is_some_and(|f| live.iter().any(|s| s.indicators != f.indicators));
        if differ {
            live
        } else {
            Vec::new()
        }
    }

    /// The version number the next publication gets (`None` past `u32::MAX`).
    pub fn next_version(&self, township: &str, year: i32) -> Option<u32> {
        let top = self.sets(township, year).iter().map(|s| s.version).max();
        top.map_or(Some(1), |v| v.checked_add(1))
    }

    /// The set a score version was recorded against, if it is known here.
    pub fn set_of(&self, township: &str, year: i32, v: &ScoreVersion) -> Option<&IndicatorSet> {
        match &v.set {
            SetRef::Event(id) => self
                .sets(township, year)
                .into_iter()
                .find(|s| &s.event == id),
            SetRef::Number(n) => {
                let same: Vec<&IndicatorSet> = self
                    .sets(township, year)
                    .into_iter()
                    .filter(|s| s.version == *n)
                    .collect();
                let first = *same.first()?;
                same.iter()
                    .all(|s| s.indicators == first.indicators)
                    .then_some(first)
            }
            SetRef::Current => self.indicators(township, year),
        }
    }

    /// A version's score normalized against the set it was recorded with; `None` when
    /// the set is unknown here or the sheet does not fit it (a score above its maximum,
    /// an indicator missing or unknown): such a sheet is never scored.
    pub fn normalized_of(&self, township: &str, year: i32, v: &ScoreVersion) -> Option<u32> {
        let set = self.set_of(township, year, v)?;
        scoring::fits(&set.indicators, &v.scores)
            .then(|| scoring::try_normalized(&set.indicators, &v.scores))
            .flatten()
    }

    /// Why a version's scores do not fit the set it was recorded against, under the
    /// policy of the day it was recorded (half points); `None` when they fit or the
    /// set is not known here (that is a review of its own).
    pub fn sheet_problem(
        &self,
        policies: &PolicyHistory,
        township: &str,
        year: i32,
        v: &ScoreVersion,
    ) -> Option<Review> {
        let set = self.set_of(township, year, v)?;
        let policy = policies.at(sheet_date(v));
        let why = check_scores(&set.indicators, &v.scores, &policy).err()?;
        Some(Review::InvalidScores {
            version: v.event.clone(),
            zh: why.zh,
            en: why.en,
        })
    }

    /// Whether two versions are the same sheet: the same scores on the same indicators.
    pub fn same_sheet(
        &self,
        township: &str,
        year: i32,
        a: &ScoreVersion,
        b: &ScoreVersion,
    ) -> bool {
        let content = |v| self.set_of(township, year, v).map(|s| &s.indicators);
        a.scores == b.scores && content(a) == content(b)
    }

    /// Live versions of a slot recorded against a set that is not the current one
    /// (or one not known here).
    pub fn outdated(
        &self,
        township: &str,
        village: &str,
        year: i32,
        period: Period,
    ) -> Vec<&ScoreVersion> {
        let (Some(slot), Some(current)) = (
            self.slot(village, year, period),
            self.indicators(township, year),
        ) else {
            return Vec::new();
        };
        slot.live()
            .into_iter()
            .filter(|v| {
                self.set_of(township, year, v)
                    .is_none_or(|s| s.indicators != current.indicators)
            })
            .collect()
    }

    /// Everything that makes one village's period need review (需复核), in a fixed
    /// order; empty when it can go on.
    pub fn reviews(
        &self,
        policies: &PolicyHistory,
        township: &str,
        village: &str,
        year: i32,
        period: Period,
    ) -> Vec<Review> {
        let Some(slot) = self.slot(village, year, period) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if !slot.live().is_empty() && !self.indicator_conflict(township, year).is_empty() {
            out.push(Review::IndicatorConflict);
        }
        let outdated: Vec<String> = self
            .outdated(township, village, year, period)
            .iter()
            .map(|v| v.event.clone())
            .collect();
        if !outdated.is_empty() {
            out.push(Review::OutdatedIndicators { versions: outdated });
        }
        out.extend(
            slot.live()
                .into_iter()
                .filter_map(|v| self.sheet_problem(policies, township, year, v)),
        );
        out.extend(slot.reviews_by(&|a, b| self.same_sheet(township, year, a, b)));
        out
    }
}

/// The day whose policy a sheet was checked against when recorded: the assessment
/// date of a first submission (as `submit` does), else the day it was recorded.
fn sheet_date(v: &ScoreVersion) -> NaiveDate {
    match &v.source {
        Source::Assessment {
            assessed_on,
            reason,
            ..
        } if reason.is_empty() => *assessed_on,
        _ => beijing_date(v.recorded_at),
    }
}
