//! W1 state, folded from events. Every accumulator is keyed by event id, so the
//! result does not depend on the order events arrive in.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Indicator, Outcome, Period, VillageResult};
use crate::domain::event::{Event, EventBody};

/// One village's scores for one period of one year.
pub type SlotKey = (String, i32, Period);

/// Where a version of a slot's scores came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A field assessment (first submission or a recorded correction).
    Assessment {
        /// Assessor name(s).
        assessor: String,
        /// Date of the on-site check.
        assessed_on: NaiveDate,
        /// On-site note.
        note: String,
        /// Indicator-set version scored against.
        indicator_version: u32,
        /// Non-empty for a correction.
        reason: String,
    },
    /// A reviewer's resolution of conflicting entries.
    ConflictResolution {
        /// Why these scores stand.
        reason: String,
    },
    /// An upheld objection's corrected scores.
    ObjectionUpheld {
        /// The objection event id.
        objection: String,
        /// Resolution note.
        note: String,
    },
}

/// One version of a slot's scores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreVersion {
    /// The event that recorded it.
    pub event: String,
    /// Indicator id → half points.
    pub scores: BTreeMap<String, u32>,
    /// Where it came from.
    pub source: Source,
    /// Who recorded it.
    pub author: String,
    /// Device that recorded it.
    pub device: String,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
}

/// An objection (异议) and its resolution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Objection {
    /// Event id of the objection.
    pub id: String,
    /// Who objected.
    pub objector: String,
    /// What they said.
    pub content: String,
    /// Date raised.
    pub raised_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: String,
    /// The resolution, once recorded: (outcome, date, who).
    pub resolution: Option<(Outcome, NaiveDate, String)>,
}

/// Everything recorded for one village, year and period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    /// Every version of the scores, by event id.
    pub versions: BTreeMap<String, ScoreVersion>,
    /// Ids of versions replaced by a later correction or resolution.
    pub superseded: BTreeSet<String>,
    /// Publicity start dates recorded (normally one; the earliest counts).
    pub publicity: BTreeSet<NaiveDate>,
    /// Objections by event id.
    pub objections: BTreeMap<String, Objection>,
    /// Finalization: (date, who), earliest recorded.
    pub finalized: Option<(NaiveDate, String)>,
}

impl Slot {
    /// Versions not replaced by any other: one means the scores stand; more than
    /// one means concurrent conflicting entries that need review.
    pub fn live(&self) -> Vec<&ScoreVersion> {
        self.versions
            .values()
            .filter(|v| !self.superseded.contains(&v.event))
            .collect()
    }

    /// The standing scores, if exactly one live version exists (or all live
    /// versions agree on every score).
    pub fn standing(&self) -> Option<&ScoreVersion> {
        let live = self.live();
        let first = *live.first()?;
        live.iter()
            .all(|v| v.scores == first.scores)
            .then_some(first)
    }

    /// Whether concurrent entries disagree and a reviewer must decide.
    pub fn needs_review(&self) -> bool {
        !self.live().is_empty() && self.standing().is_none()
    }

    /// Start of the publicity window, if opened.
    pub fn publicity_start(&self) -> Option<NaiveDate> {
        self.publicity.iter().next().copied()
    }

    /// Objections not yet resolved.
    pub fn open_objections(&self) -> Vec<&Objection> {
        self.objections
            .values()
            .filter(|o| o.resolution.is_none())
            .collect()
    }
}

/// A published indicator set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndicatorSet {
    /// Event id.
    pub event: String,
    /// Version number (1, 2, …).
    pub version: u32,
    /// The indicators.
    pub indicators: Vec<Indicator>,
    /// When published (UTC ms).
    pub recorded_at: i64,
}

/// A recorded grading of a township's year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grading {
    /// Event id.
    pub event: String,
    /// Date graded.
    pub graded_on: NaiveDate,
    /// Results per village.
    pub results: Vec<VillageResult>,
    /// Who graded.
    pub author: String,
    /// Reason, for a re-grading.
    pub reason: String,
}

/// Warning talks held, per village-year: (date, held by, note).
pub type Talks = BTreeMap<(String, i32), BTreeSet<(NaiveDate, String, String)>>;

/// All W1 facts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct W1 {
    /// (township, year) → published indicator sets by (version, event id).
    pub indicator_sets: BTreeMap<(String, i32), BTreeMap<(u32, String), IndicatorSet>>,
    /// Slots by key.
    pub slots: BTreeMap<SlotKey, Slot>,
    /// (township, year) → gradings by event id.
    pub gradings: BTreeMap<(String, i32), BTreeMap<String, Grading>>,
    /// (township, year) → ids of gradings replaced by a re-grading.
    pub superseded_gradings: BTreeSet<String>,
    /// (village, year) → warning talks held: (date, by, note).
    pub talks: Talks,
    /// (village, year) → rectification completions: (date, note).
    pub rectifications: BTreeMap<(String, i32), BTreeSet<(NaiveDate, String)>>,
}

impl W1 {
    /// The current indicator set (highest version) of a township's year.
    pub fn indicators(&self, township: &str, year: i32) -> Option<&IndicatorSet> {
        self.indicator_sets
            .get(&(township.to_string(), year))?
            .values()
            .next_back()
    }

    /// Every year with an indicator set or a score recorded, ascending.
    pub fn years(&self) -> BTreeSet<i32> {
        self.indicator_sets
            .keys()
            .map(|k| k.1)
            .chain(self.slots.keys().map(|k| k.1))
            .collect()
    }

    /// A slot, if anything was recorded in it.
    pub fn slot(&self, village: &str, year: i32, period: Period) -> Option<&Slot> {
        self.slots.get(&(village.to_string(), year, period))
    }

    /// The live gradings of a township's year (more than one = needs review).
    pub fn gradings(&self, township: &str, year: i32) -> Vec<&Grading> {
        self.gradings
            .get(&(township.to_string(), year))
            .map(|g| {
                g.values()
                    .filter(|g| !self.superseded_gradings.contains(&g.event))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The standing grading: the latest live one (by date, then id).
    pub fn grading(&self, township: &str, year: i32) -> Option<&Grading> {
        self.gradings(township, year)
            .into_iter()
            .max_by(|a, b| a.graded_on.cmp(&b.graded_on).then(a.event.cmp(&b.event)))
    }

    /// Fold one event in. Order-independent: it only adds to keyed collections.
    pub fn evolve(&mut self, e: &Event) {
        match &e.body {
            EventBody::IndicatorsPublished {
                township,
                year,
                version,
                indicators,
            } => {
                self.indicator_sets
                    .entry((township.clone(), *year))
                    .or_default()
                    .insert(
                        (*version, e.id.clone()),
                        IndicatorSet {
                            event: e.id.clone(),
                            version: *version,
                            indicators: indicators.clone(),
                            recorded_at: e.recorded_at,
                        },
                    );
            }
            EventBody::ScoresSubmitted {
                village,
                year,
                period,
                indicator_version,
                scores,
                assessor,
                assessed_on,
                note,
                supersedes,
                reason,
            } => {
                let slot = self.slot_mut(village, *year, *period);
                slot.superseded.extend(supersedes.iter().cloned());
                slot.versions.insert(
                    e.id.clone(),
                    version(
                        e,
                        scores,
                        Source::Assessment {
                            assessor: assessor.clone(),
                            assessed_on: *assessed_on,
                            note: note.clone(),
                            indicator_version: *indicator_version,
                            reason: reason.clone(),
                        },
                    ),
                );
            }
            EventBody::ConflictResolved {
                village,
                year,
                period,
                scores,
                supersedes,
                reason,
            } => {
                let slot = self.slot_mut(village, *year, *period);
                slot.superseded.extend(supersedes.iter().cloned());
                slot.versions.insert(
                    e.id.clone(),
                    version(
                        e,
                        scores,
                        Source::ConflictResolution {
                            reason: reason.clone(),
                        },
                    ),
                );
            }
            EventBody::PublicityOpened {
                village,
                year,
                period,
                start,
            } => {
                self.slot_mut(village, *year, *period)
                    .publicity
                    .insert(*start);
            }
            EventBody::ObjectionRaised {
                village,
                year,
                period,
                objector,
                content,
                raised_on,
            } => {
                let slot = self.slot_mut(village, *year, *period);
                let resolution = slot
                    .objections
                    .get(&e.id)
                    .and_then(|o| o.resolution.clone());
                slot.objections.insert(
                    e.id.clone(),
                    Objection {
                        id: e.id.clone(),
                        objector: objector.clone(),
                        content: content.clone(),
                        raised_on: *raised_on,
                        recorded_by: e.author.clone(),
                        resolution,
                    },
                );
            }
            EventBody::ObjectionResolved {
                village,
                year,
                period,
                objection,
                outcome,
                resolved_on,
            } => {
                let slot = self.slot_mut(village, *year, *period);
                if let Outcome::Upheld {
                    scores,
                    supersedes,
                    note,
                } = outcome
                {
                    slot.superseded.extend(supersedes.iter().cloned());
                    slot.versions.insert(
                        e.id.clone(),
                        version(
                            e,
                            scores,
                            Source::ObjectionUpheld {
                                objection: objection.clone(),
                                note: note.clone(),
                            },
                        ),
                    );
                }
                // If the objection itself has not arrived yet, keep a placeholder
                // that the objection event fills in.
                let entry = slot
                    .objections
                    .entry(objection.clone())
                    .or_insert_with(|| Objection {
                        id: objection.clone(),
                        objector: String::new(),
                        content: String::new(),
                        raised_on: *resolved_on,
                        recorded_by: String::new(),
                        resolution: None,
                    });
                let candidate = (outcome.clone(), *resolved_on, e.author.clone());
                // Two concurrent resolutions: keep the earliest deterministically.
                if entry
                    .resolution
                    .as_ref()
                    .is_none_or(|r| (r.1, &r.2) > (candidate.1, &candidate.2))
                {
                    entry.resolution = Some(candidate);
                }
            }
            EventBody::ResultFinalized {
                village,
                year,
                period,
                finalized_on,
            } => {
                let slot = self.slot_mut(village, *year, *period);
                let candidate = (*finalized_on, e.author.clone());
                if slot.finalized.as_ref().is_none_or(|f| *f > candidate) {
                    slot.finalized = Some(candidate);
                }
            }
            EventBody::TownshipGraded {
                township,
                year,
                graded_on,
                results,
                supersedes,
                reason,
            } => {
                self.superseded_gradings.extend(supersedes.iter().cloned());
                self.gradings
                    .entry((township.clone(), *year))
                    .or_default()
                    .insert(
                        e.id.clone(),
                        Grading {
                            event: e.id.clone(),
                            graded_on: *graded_on,
                            results: results.clone(),
                            author: e.author.clone(),
                            reason: reason.clone(),
                        },
                    );
            }
            EventBody::WarningTalkHeld {
                village,
                year,
                held_by,
                held_on,
                note,
            } => {
                self.talks
                    .entry((village.clone(), *year))
                    .or_default()
                    .insert((*held_on, held_by.clone(), note.clone()));
            }
            EventBody::RectificationCompleted {
                village,
                year,
                completed_on,
                note,
            } => {
                self.rectifications
                    .entry((village.clone(), *year))
                    .or_default()
                    .insert((*completed_on, note.clone()));
            }
            EventBody::TownshipRecorded { .. }
            | EventBody::VillageRecorded { .. }
            | EventBody::HeadsRecorded { .. }
            | EventBody::PolicyChanged { .. }
            | EventBody::CadreRecorded { .. }
            | EventBody::PostRecorded { .. }
            | EventBody::W4CaseOpened { .. }
            | EventBody::W4StepRecorded { .. }
            | EventBody::W4Disclosed { .. }
            | EventBody::W4Signed { .. }
            | EventBody::W4Submitted { .. }
            | EventBody::W4CaseEnded { .. } => {}
        }
    }

    fn slot_mut(&mut self, village: &str, year: i32, period: Period) -> &mut Slot {
        self.slots
            .entry((village.to_string(), year, period))
            .or_default()
    }
}

fn version(e: &Event, scores: &BTreeMap<String, u32>, source: Source) -> ScoreVersion {
    ScoreVersion {
        event: e.id.clone(),
        scores: scores.clone(),
        source,
        author: e.author.clone(),
        device: e.device.clone(),
        recorded_at: e.recorded_at,
    }
}
