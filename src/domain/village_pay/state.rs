//! W1 state, folded from events. `evolve` only inserts facts into collections keyed
//! by event id, then recomputes the few derived fields from those collections alone,
//! so the result is the same whatever order the events arrive in: no tie is ever
//! broken by arrival.

use super::VillagePayEvent;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{Indicator, Outcome, Period, VillageResult};
use crate::domain::event::{Event, EventBody};

pub use super::slot::{Finalization, Objection, ObjectionResolution, Publicity, Slot};

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
    /// An organizer's resolution of a review (复核).
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

/// Which indicator set a version was scored against, as its record says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetRef {
    /// The set published by this event.
    Event(String),
    /// An older record naming only the version number.
    Number(u32),
    /// An older resolution naming nothing: the current set.
    Current,
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
    /// The indicator set it was scored against.
    pub set: SetRef,
    /// Ids of the records it replaces.
    pub supersedes: Vec<String>,
    /// Who recorded it.
    pub author: String,
    /// Device that recorded it.
    pub device: String,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
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
    /// Ids of the sets it replaces (empty in older records: every lower version).
    pub supersedes: Vec<String>,
    /// Why, when it settled concurrent publications.
    pub reason: String,
    /// Who published it.
    pub author: String,
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
pub struct VillagePay {
    /// (township, year) → published indicator sets by (version, event id).
    pub indicator_sets: BTreeMap<(String, i32), BTreeMap<(u32, String), IndicatorSet>>,
    /// Slots by key.
    pub slots: BTreeMap<SlotKey, Slot>,
    /// (township, year) → gradings by event id.
    pub gradings: BTreeMap<(String, i32), BTreeMap<String, Grading>>,
    /// Ids of gradings replaced by a re-grading.
    pub superseded_gradings: BTreeSet<String>,
    /// (village, year) → warning talks held: (date, by, note).
    pub talks: Talks,
    /// (village, year) → rectification completions: (date, note).
    pub rectifications: BTreeMap<(String, i32), BTreeSet<(NaiveDate, String)>>,
}

impl VillagePay {
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

    /// Fold one event in. Order-independent: it only adds to keyed collections and
    /// recomputes what derives from them.
    pub fn evolve(&mut self, e: &Event) {
        match &e.body {
            EventBody::VillagePay(VillagePayEvent::IndicatorsPublished { .. }) => self.add_set(e),
            EventBody::VillagePay(VillagePayEvent::ScoresSubmitted { .. }) => self.add_sheet(e),
            EventBody::VillagePay(VillagePayEvent::ConflictResolved { .. }) => {
                self.add_review_resolution(e)
            }
            EventBody::VillagePay(VillagePayEvent::PublicityOpened { .. }) => self.add_publicity(e),
            EventBody::VillagePay(VillagePayEvent::ObjectionRaised { .. }) => self.add_objection(e),
            EventBody::VillagePay(VillagePayEvent::ObjectionResolved { .. }) => {
                self.resolve_objection(e)
            }
            EventBody::VillagePay(VillagePayEvent::ResultFinalized { .. }) => {
                self.add_finalization(e)
            }
            EventBody::VillagePay(VillagePayEvent::TownshipGraded { .. }) => self.add_grading(e),
            EventBody::VillagePay(VillagePayEvent::WarningTalkHeld { .. })
            | EventBody::VillagePay(VillagePayEvent::RectificationCompleted { .. }) => {
                self.add_follow_up(e)
            }
            _ => {}
        }
    }

    /// Forget every fact about `village` (its slots, talks and rectifications).
    pub(crate) fn remove_village(&mut self, village: &str) {
        self.slots.retain(|(v, _, _), _| v != village);
        self.talks.retain(|(v, _), _| v != village);
        self.rectifications.retain(|(v, _), _| v != village);
    }

    /// Add the facts `other` holds about `village` (as if its events were folded in).
    pub(crate) fn absorb_village(&mut self, other: &VillagePay, village: &str) {
        for ((v, year, period), slot) in &other.slots {
            if v == village {
                self.slot_mut(v, *year, *period).absorb(slot);
            }
        }
        for (key, talks) in other.talks.iter().filter(|(k, _)| k.0 == village) {
            let mine = self.talks.entry(key.clone()).or_default();
            mine.extend(talks.iter().cloned());
        }
        for (key, done) in other.rectifications.iter().filter(|(k, _)| k.0 == village) {
            let mine = self.rectifications.entry(key.clone()).or_default();
            mine.extend(done.iter().cloned());
        }
    }

    fn add_set(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::IndicatorsPublished {
            township,
            year,
            version,
            indicators,
            supersedes,
            reason,
        }) = &e.body
        else {
            return;
        };
        let set = IndicatorSet {
            event: e.id.clone(),
            version: *version,
            indicators: indicators.clone(),
            recorded_at: e.recorded_at,
            supersedes: supersedes.clone(),
            reason: reason.clone(),
            author: e.author.clone(),
        };
        self.indicator_sets
            .entry((township.clone(), *year))
            .or_default()
            .insert((*version, e.id.clone()), set);
    }

    fn add_sheet(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::ScoresSubmitted {
            village,
            year,
            period,
            indicator_version,
            indicator_set,
            scores,
            assessor,
            assessed_on,
            note,
            supersedes,
            reason,
        }) = &e.body
        else {
            return;
        };
        let set = if indicator_set.is_empty() {
            SetRef::Number(*indicator_version)
        } else {
            SetRef::Event(indicator_set.clone())
        };
        let source = Source::Assessment {
            assessor: assessor.clone(),
            assessed_on: *assessed_on,
            note: note.clone(),
            indicator_version: *indicator_version,
            reason: reason.clone(),
        };
        let v = version(e, scores, source, set, supersedes);
        self.slot_mut(village, *year, *period).add_version(v);
    }

    fn add_review_resolution(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::ConflictResolved {
            village,
            year,
            period,
            scores,
            supersedes,
            reason,
            indicator_set,
        }) = &e.body
        else {
            return;
        };
        let source = Source::ConflictResolution {
            reason: reason.clone(),
        };
        let v = version(e, scores, source, set_ref(indicator_set), supersedes);
        self.slot_mut(village, *year, *period).add_version(v);
    }

    fn add_publicity(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::PublicityOpened {
            village,
            year,
            period,
            start,
            versions,
            end,
        }) = &e.body
        else {
            return;
        };
        let p = Publicity {
            event: e.id.clone(),
            start: *start,
            versions: versions.clone(),
            end: *end,
            author: e.author.clone(),
            recorded_at: e.recorded_at,
        };
        self.slot_mut(village, *year, *period).add_publicity(p);
    }

    fn add_objection(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::ObjectionRaised {
            village,
            year,
            period,
            objector,
            content,
            raised_on,
        }) = &e.body
        else {
            return;
        };
        let o = Objection {
            id: e.id.clone(),
            objector: objector.clone(),
            content: content.clone(),
            raised_on: *raised_on,
            recorded_by: e.author.clone(),
            resolution: None,
        };
        self.slot_mut(village, *year, *period).add_objection(o);
    }

    fn add_finalization(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::ResultFinalized {
            village,
            year,
            period,
            finalized_on,
            versions,
        }) = &e.body
        else {
            return;
        };
        let f = Finalization {
            event: e.id.clone(),
            on: *finalized_on,
            versions: versions.clone(),
            author: e.author.clone(),
        };
        self.slot_mut(village, *year, *period).add_finalization(f);
    }

    fn add_grading(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::TownshipGraded {
            township,
            year,
            graded_on,
            results,
            supersedes,
            reason,
        }) = &e.body
        else {
            return;
        };
        self.superseded_gradings.extend(supersedes.iter().cloned());
        let grading = Grading {
            event: e.id.clone(),
            graded_on: *graded_on,
            results: results.clone(),
            author: e.author.clone(),
            reason: reason.clone(),
        };
        self.gradings
            .entry((township.clone(), *year))
            .or_default()
            .insert(e.id.clone(), grading);
    }

    /// 诫勉谈话 held, or 限期整改 completed.
    fn add_follow_up(&mut self, e: &Event) {
        match &e.body {
            EventBody::VillagePay(VillagePayEvent::WarningTalkHeld {
                village,
                year,
                held_by,
                held_on,
                note,
            }) => {
                self.talks
                    .entry((village.clone(), *year))
                    .or_default()
                    .insert((*held_on, held_by.clone(), note.clone()));
            }
            EventBody::VillagePay(VillagePayEvent::RectificationCompleted {
                village,
                year,
                completed_on,
                note,
            }) => {
                self.rectifications
                    .entry((village.clone(), *year))
                    .or_default()
                    .insert((*completed_on, note.clone()));
            }
            _ => {}
        }
    }

    fn resolve_objection(&mut self, e: &Event) {
        let EventBody::VillagePay(VillagePayEvent::ObjectionResolved {
            village,
            year,
            period,
            objection,
            outcome,
            resolved_on,
        }) = &e.body
        else {
            return;
        };
        let slot = self.slot_mut(village, *year, *period);
        if let Outcome::Upheld {
            scores,
            supersedes,
            note,
            indicator_set,
        } = outcome
        {
            let source = Source::ObjectionUpheld {
                objection: objection.to_string(),
                note: note.clone(),
            };
            slot.add_version(version(
                e,
                scores,
                source,
                set_ref(indicator_set),
                supersedes,
            ));
        }
        slot.add_resolution(ObjectionResolution {
            event: e.id.clone(),
            objection: objection.to_string(),
            outcome: outcome.clone(),
            on: *resolved_on,
            author: e.author.clone(),
        });
    }

    fn slot_mut(&mut self, village: &str, year: i32, period: Period) -> &mut Slot {
        self.slots
            .entry((village.to_string(), year, period))
            .or_default()
    }
}

fn set_ref(indicator_set: &str) -> SetRef {
    if indicator_set.is_empty() {
        SetRef::Current
    } else {
        SetRef::Event(indicator_set.to_string())
    }
}

fn version(
    e: &Event,
    scores: &BTreeMap<String, u32>,
    source: Source,
    set: SetRef,
    supersedes: &[String],
) -> ScoreVersion {
    ScoreVersion {
        event: e.id.clone(),
        scores: scores.clone(),
        source,
        set,
        supersedes: supersedes.to_vec(),
        author: e.author.clone(),
        device: e.device.clone(),
        recorded_at: e.recorded_at,
    }
}
