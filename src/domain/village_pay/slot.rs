//! One village's period (a slot): every version of its scores, its 公示, 异议 and
//! 定稿, and what follows from them — which scores stand, and what a person must
//! review before anything else can happen.

use crate::domain::sorting;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::decide::window_end;
use super::state::{ScoreVersion, Source};
use super::Outcome;
use crate::domain::policy::PolicyHistory;
use crate::domain::time::add_days;

/// A 公示 opened, bound to the score versions it publicized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Publicity {
    /// Event id.
    pub event: String,
    /// First day of the window.
    pub start: NaiveDate,
    /// Score versions publicized (empty in older records: whatever stands).
    pub versions: Vec<String>,
    /// Last day of the window as announced (`None` in older records).
    pub end: Option<NaiveDate>,
    /// Who opened it.
    pub author: String,
    /// When it was recorded (UTC ms).
    pub recorded_at: i64,
}

/// A 公示 window as announced, and what follows from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    /// The 公示 event.
    pub publicity: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub end: NaiveDate,
    /// Its length in days.
    pub days: u32,
    /// The first day the result may be finalized (the day after `end`).
    pub finalize_from: NaiveDate,
}

impl Window {
    /// Whether `date` falls inside the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

impl Publicity {
    /// The window as announced: the recorded end, or for older records that name none,
    /// the end the policy in force on `start` gives.
    pub fn window(&self, policies: &PolicyHistory) -> Window {
        let end = self
            .end
            .unwrap_or_else(|| window_end(self.start, &policies.at(self.start)));
        let days = end
            .signed_duration_since(self.start)
            .num_days()
            .saturating_add(1);
        Window {
            publicity: self.event.clone(),
            start: self.start,
            end,
            days: u32::try_from(days).unwrap_or(0),
            finalize_from: add_days(end, 1),
        }
    }

    /// Whether two 公示 announced different windows (an older record's unrecorded end
    /// follows from its start, so only recorded ends are compared).
    fn differs_from(&self, other: &Publicity) -> bool {
        self.start != other.start || matches!((self.end, other.end), (Some(a), Some(b)) if a != b)
    }
}

/// A 定稿, bound to the score versions it finalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finalization {
    /// Event id.
    pub event: String,
    /// Date finalized.
    pub on: NaiveDate,
    /// Score versions finalized (empty in older records: whatever stands).
    pub versions: Vec<String>,
    /// Who finalized.
    pub author: String,
}

/// An objection (异议) and, once it is settled, its resolution.
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
    /// The resolution (outcome, date, who): the earliest (by date, then event id) of
    /// its resolutions when they agree; `None` while unresolved or resolved two ways.
    pub resolution: Option<Resolved>,
}

/// One recorded resolution of an objection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectionResolution {
    /// Event id.
    pub event: String,
    /// The objection's event id.
    pub objection: String,
    /// Upheld (with scores) or dismissed.
    pub outcome: Outcome,
    /// Date resolved.
    pub on: NaiveDate,
    /// Who resolved it.
    pub author: String,
}

/// A resolution as an objection shows it: (outcome, date, who).
pub type Resolved = (Outcome, NaiveDate, String);

/// Why a slot needs a person's review (需复核) before it can go on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Review {
    /// The township's indicator set for the year was published twice concurrently
    /// with different content: the organizer settles it first.
    IndicatorConflict,
    /// Live entries disagree (two phones scored differently).
    Conflict,
    /// These live versions were scored against an indicator set that is not the
    /// current one (or is unknown here).
    OutdatedIndicators {
        /// Their event ids.
        versions: Vec<String>,
    },
    /// The scores standing now differ from what this 公示 publicized.
    ChangedAfterPublicity {
        /// The publicity event.
        publicity: String,
    },
    /// The scores standing now differ from what this 定稿 finalized.
    ChangedAfterFinal {
        /// The finalization event.
        finalization: String,
    },
    /// An objection was resolved in two different ways.
    ObjectionConflict {
        /// The objection event.
        objection: String,
    },
    /// An objection still open although the result was finalized: raised inside the
    /// 公示 window on a phone that had not seen the 定稿. It is resolved like any
    /// objection; the 定稿 stands only if it is dismissed.
    ObjectionAfterFinal {
        /// The objection event.
        objection: String,
    },
    /// Two 公示 of one result announced different windows (two phones offline): the
    /// organizer keeps one.
    PublicityConflict {
        /// The live 公示 events, earliest start first.
        publicities: Vec<String>,
    },
    /// A live sheet whose scores do not fit the indicator set it was recorded against
    /// (above a maximum, an indicator missing or unknown, half points where the policy
    /// allows whole points only): it is never scored.
    InvalidScores {
        /// The version's event id.
        version: String,
        /// Why, in Chinese.
        zh: String,
        /// Why, in English.
        en: String,
    },
}

/// Everything recorded for one village, year and period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Slot {
    /// Every version of the scores, by event id.
    pub versions: BTreeMap<String, Box<ScoreVersion>>,
    /// Ids of records (versions, 公示, 定稿, objection resolutions) replaced by a later
    /// correction or resolution that named them.
    pub superseded: BTreeSet<String>,
    /// Every 公示 recorded, by event id.
    pub publicities: BTreeMap<String, Box<Publicity>>,
    /// Objections by event id.
    pub objections: BTreeMap<String, Box<Objection>>,
    /// Every objection resolution, by event id.
    pub resolutions: BTreeMap<String, Box<ObjectionResolution>>,
    /// Every 定稿 recorded, by event id.
    pub finalizations: BTreeMap<String, Box<Finalization>>,
    /// The 定稿 in force: (date, who) of the earliest live one (by date, then id).
    pub finalized: Option<(NaiveDate, String)>,
}

/// Whether two resolutions decide the same thing (notes may differ).
fn same_decision(a: &Outcome, b: &Outcome) -> bool {
    match (a, b) {
        (Outcome::Dismissed { .. }, Outcome::Dismissed { .. }) => true,
        (
            Outcome::Upheld {
                scores: x,
                indicator_set: i,
                ..
            },
            Outcome::Upheld {
                scores: y,
                indicator_set: j,
                ..
            },
        ) => x == y && i == j,
        _ => false,
    }
}

impl Slot {
    pub(super) fn add_version(&mut self, v: ScoreVersion) {
        self.superseded.extend(v.supersedes.iter().cloned());
        self.versions.insert(v.event.clone(), Box::new(v));
        self.refresh();
    }

    pub(super) fn add_publicity(&mut self, p: Publicity) {
        self.publicities.insert(p.event.clone(), Box::new(p));
    }

    pub(super) fn add_objection(&mut self, o: Objection) {
        self.objections.insert(o.id.clone(), Box::new(o));
        self.refresh();
    }

    pub(super) fn add_resolution(&mut self, r: ObjectionResolution) {
        self.resolutions.insert(r.event.clone(), Box::new(r));
        self.refresh();
    }

    pub(super) fn add_finalization(&mut self, f: Finalization) {
        self.finalizations.insert(f.event.clone(), Box::new(f));
        self.refresh();
    }

    /// Add every entry of `other` (as if its events were folded in here).
    pub(super) fn absorb(&mut self, other: &Slot) {
        self.versions
            .extend(other.versions.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.superseded.extend(other.superseded.iter().cloned());
        self.publicities.extend(
            other
                .publicities
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        self.objections
            .extend(other.objections.iter().map(|(k, v)| (k.clone(), v.clone())));
        self.resolutions.extend(
            other
                .resolutions
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        self.finalizations.extend(
            other
                .finalizations
                .iter()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        self.refresh();
    }

    /// Recompute the derived fields from the collections (never from arrival order).
    fn refresh(&mut self) {
        self.finalized = self.finalization().map(|f| (f.on, f.author.clone()));
        let resolved: Vec<(String, Option<Resolved>)> = self
            .objections
            .keys()
            .map(|id| (id.clone(), self.agreed_resolution(id)))
            .collect();
        for (id, resolution) in resolved {
            if let Some(o) = self.objections.get_mut(&id) {
                o.resolution = resolution;
            }
        }
    }

    fn is_live(&self, id: &str) -> bool {
        !self.superseded.contains(id)
    }

    /// Versions not replaced by any other: one means the scores stand; more than
    /// one that differ means concurrent conflicting entries that need review.
    pub fn live(&self) -> Vec<&ScoreVersion> {
        self.versions
            .values()
            .map(Box::as_ref)
            .filter(|v| self.is_live(&v.event))
            .collect()
    }

    /// The standing scores, if exactly one live version exists (or all live
    /// versions agree on every score): the first of them by event id.
    pub fn standing(&self) -> Option<&ScoreVersion> {
        let live = self.live();
        let first = *live.first()?;
        live.iter()
            .all(|v| v.scores == first.scores)
            .then_some(first)
    }

    /// Versions replaced by a later one (the trail), oldest first.
    pub fn history(&self) -> Vec<&ScoreVersion> {
        let mut h: Vec<&ScoreVersion> = self
            .versions
            .values()
            .map(Box::as_ref)
            .filter(|v| !self.is_live(&v.event))
            .collect();
        sorting::sort_by(&mut h, |a, b| {
            (a.recorded_at, &a.event).cmp(&(b.recorded_at, &b.event))
        });
        h
    }

    /// 公示 records still in force, earliest start first.
    pub fn live_publicities(&self) -> Vec<&Publicity> {
        let mut p: Vec<&Publicity> = self
            .publicities
            .values()
            .map(Box::as_ref)
            .filter(|p| self.is_live(&p.event))
            .collect();
        sorting::sort_by(&mut p, |a, b| (a.start, &a.event).cmp(&(b.start, &b.event)));
        p
    }

    /// The 公示 in force: the live one that started first (then by event id).
    pub fn publicity(&self) -> Option<&Publicity> {
        self.live_publicities().into_iter().next()
    }

    /// The windows of the live 公示, earliest start first (two or more that differ
    /// are a [`Review::PublicityConflict`]).
    pub fn windows(&self, policies: &PolicyHistory) -> Vec<Window> {
        self.live_publicities()
            .iter()
            .map(|p| p.window(policies))
            .collect()
    }

    /// Start of the publicity window in force, if opened.
    pub fn publicity_start(&self) -> Option<NaiveDate> {
        self.publicity().map(|p| p.start)
    }

    /// 定稿 records still in force, earliest first.
    pub fn live_finalizations(&self) -> Vec<&Finalization> {
        let mut f: Vec<&Finalization> = self
            .finalizations
            .values()
            .map(Box::as_ref)
            .filter(|f| self.is_live(&f.event))
            .collect();
        sorting::sort_by(&mut f, |a, b| (a.on, &a.event).cmp(&(b.on, &b.event)));
        f
    }

    /// The 定稿 in force: the earliest live one (by date, then event id).
    pub fn finalization(&self) -> Option<&Finalization> {
        self.live_finalizations().into_iter().next()
    }

    /// 定稿 records replaced by a resolution that accepted new scores.
    pub fn replaced_finalizations(&self) -> Vec<&Finalization> {
        self.finalizations
            .values()
            .map(Box::as_ref)
            .filter(|f| !self.is_live(&f.event))
            .collect()
    }

    /// The version a 公示 or 定稿 bound: the first of its named versions held here.
    /// `None` for older records that name none, or while none of them has arrived.
    pub fn bound_version(&self, versions: &[String]) -> Option<&ScoreVersion> {
        versions
            .iter()
            .find_map(|id| self.versions.get(id).map(Box::as_ref))
    }

    /// The version finalized by the 定稿 in force, if it names one held here.
    pub fn final_version(&self) -> Option<&ScoreVersion> {
        self.finalization()
            .and_then(|f| self.bound_version(&f.versions))
    }

    /// Live resolutions of one objection, earliest (by date, then id) first.
    pub fn live_resolutions(&self, objection: &str) -> Vec<&ObjectionResolution> {
        let mut r: Vec<&ObjectionResolution> = self
            .resolutions
            .values()
            .map(Box::as_ref)
            .filter(|r| r.objection == objection && self.is_live(&r.event))
            .collect();
        sorting::sort_by(&mut r, |a, b| (a.on, &a.event).cmp(&(b.on, &b.event)));
        r
    }

    /// Every resolution of one objection, live or replaced, earliest first.
    pub fn all_resolutions(&self, objection: &str) -> Vec<&ObjectionResolution> {
        let mut r: Vec<&ObjectionResolution> = self
            .resolutions
            .values()
            .map(Box::as_ref)
            .filter(|r| r.objection == objection)
            .collect();
        sorting::sort_by(&mut r, |a, b| (a.on, &a.event).cmp(&(b.on, &b.event)));
        r
    }

    /// Whether an objection's live resolutions decide different things.
    pub fn objection_in_conflict(&self, objection: &str) -> bool {
        let live = self.live_resolutions(objection);
        live.first().is_some_and(|first| {
            live.iter()
                .any(|r| !same_decision(&first.outcome, &r.outcome))
        })
    }

    fn agreed_resolution(&self, objection: &str) -> Option<Resolved> {
        if self.objection_in_conflict(objection) {
            return None;
        }
        // Live ones first; when a review replaced them all, the trail's earliest.
        let live = self.live_resolutions(objection);
        let chosen = match live.first() {
            Some(r) => Some(*r),
            None => self.all_resolutions(objection).into_iter().next(),
        };
        chosen.map(|r| (r.outcome.clone(), r.on, r.author.clone()))
    }

    /// Objections not yet resolved at all.
    pub fn open_objections(&self) -> Vec<&Objection> {
        self.objections
            .values()
            .map(Box::as_ref)
            .filter(|o| !self.resolutions.values().any(|r| r.objection == o.id))
            .collect()
    }

    /// Why this slot needs review, judging versions by their scores alone (the
    /// township-year view adds what needs the indicator sets: see `VillagePay::reviews`).
    pub fn reviews_by(&self, same: &dyn Fn(&ScoreVersion, &ScoreVersion) -> bool) -> Vec<Review> {
        let mut out = Vec::new();
        if !self.live().is_empty() && self.standing().is_none() {
            out.push(Review::Conflict);
        }
        out.extend(self.changed_after(same));
        out.extend(self.objection_reviews());
        let conflict = self.publicity_conflict();
        if !conflict.is_empty() {
            out.push(Review::PublicityConflict {
                publicities: conflict.iter().map(|p| p.event.clone()).collect(),
            });
        }
        out
    }

    /// A live 定稿 (or, with none, 公示) whose bound version is not the standing sheet.
    fn changed_after(&self, same: &dyn Fn(&ScoreVersion, &ScoreVersion) -> bool) -> Vec<Review> {
        let standing = self.standing();
        let agrees = |versions: &[String]| match (self.bound_version(versions), standing) {
            (Some(b), Some(s)) => same(b, s),
            _ => false,
        };
        let mut out = Vec::new();
        let finals = self.live_finalizations();
        for f in finals.iter().filter(|f| !f.versions.is_empty()) {
            if !agrees(&f.versions) {
                out.push(Review::ChangedAfterFinal {
                    finalization: f.event.clone(),
                });
            }
        }
        // Scores changed by an objection upheld during the 公示 are its own outcome.
        let upheld = standing.is_some_and(|s| matches!(s.source, Source::ObjectionUpheld { .. }));
        if finals.is_empty() && !upheld {
            for p in self.live_publicities() {
                if !p.versions.is_empty() && !agrees(&p.versions) {
                    out.push(Review::ChangedAfterPublicity {
                        publicity: p.event.clone(),
                    });
                }
            }
        }
        out
    }

    /// Objections resolved two ways, and objections still open under a live 定稿.
    fn objection_reviews(&self) -> Vec<Review> {
        let mut out: Vec<Review> = self
            .objection_ids()
            .into_iter()
            .filter(|id| self.objection_in_conflict(id))
            .map(|id| Review::ObjectionConflict {
                objection: id.clone(),
            })
            .collect();
        if self.finalization().is_some() {
            out.extend(
                self.open_objections()
                    .iter()
                    .map(|o| Review::ObjectionAfterFinal {
                        objection: o.id.clone(),
                    }),
            );
        }
        out
    }

    /// Live 公示 that announced different windows (two or more), earliest start first;
    /// empty when there is no such conflict.
    pub fn publicity_conflict(&self) -> Vec<&Publicity> {
        let live = self.live_publicities();
        let differ = live
            .first()
            .is_some_and(|f| live.iter().any(|p| p.differs_from(f)));
        if differ {
            live
        } else {
            Vec::new()
        }
    }

    /// Whether the slot needs review, judging versions by their scores (concurrent
    /// entries, a change after 公示 or 定稿, an objection resolved two ways).
    pub fn needs_review(&self) -> bool {
        !self.reviews_by(&|a, b| a.scores == b.scores).is_empty()
    }

    /// Every objection id this slot mentions (raised here, or named by a resolution).
    fn objection_ids(&self) -> BTreeSet<&String> {
        self.objections
            .keys()
            .chain(self.resolutions.values().map(|r| &r.objection))
            .collect()
    }

    /// Ids a resolution recorded now must name as replaced: every live version,
    /// every live resolution of an objection resolved two ways, and each live 定稿
    /// (or, with none and unless `during_publicity`, 公示) whose bound version `keeps`
    /// does not accept. When every 定稿 goes, the 公示 goes with it: new scores need a
    /// new 公示 window. `during_publicity`: an upheld objection, which changes the
    /// scores inside the 公示 it was raised in.
    pub fn to_supersede(
        &self,
        keeps: &dyn Fn(&ScoreVersion) -> bool,
        during_publicity: bool,
    ) -> Vec<String> {
        let mut ids: Vec<String> = self.live().iter().map(|v| v.event.clone()).collect();
        for id in self.objection_ids() {
            if self.objection_in_conflict(id) {
                ids.extend(self.live_resolutions(id).iter().map(|r| r.event.clone()));
            }
        }
        let kept = |versions: &[String]| {
            versions.is_empty() || self.bound_version(versions).is_some_and(keeps)
        };
        let finals = self.live_finalizations();
        let gone: Vec<String> = finals
            .iter()
            .filter(|f| !kept(&f.versions))
            .map(|f| f.event.clone())
            .collect();
        let all_finals_go = !finals.is_empty() && gone.len() == finals.len();
        ids.extend(gone);
        if all_finals_go || (finals.is_empty() && !during_publicity) {
            ids.extend(
                self.live_publicities()
                    .iter()
                    .filter(|p| all_finals_go || !kept(&p.versions))
                    .map(|p| p.event.clone()),
            );
        }
        sorting::sort(&mut ids);
        ids.dedup();
        ids
    }
}

impl Review {
    /// What a person is asked to check, in words.
    pub fn label(&self, zh: bool) -> &'static str {
        match (self, zh) {
            (Review::IndicatorConflict, true) => "本年度考评指标有两个不同版本同时发布，须先确定指标",
            (Review::IndicatorConflict, false) => {
                "Two different indicator sets were published concurrently; settle the indicators first"
            }
            (Review::Conflict, true) => "两份评分不一致",
            (Review::Conflict, false) => "Two entries disagree",
            (Review::OutdatedIndicators { .. }, true) => "评分所用的考评指标版本已不是现行版本",
            (Review::OutdatedIndicators { .. }, false) => {
                "Scored against an indicator set that is no longer current"
            }
            (Review::ChangedAfterPublicity { .. }, true) => "公示后收到了与公示内容不同的评分",
            (Review::ChangedAfterPublicity { .. }, false) => {
                "Scores different from those publicized arrived after publicity opened"
            }
            (Review::ChangedAfterFinal { .. }, true) => "定稿后收到了与定稿结果不同的评分",
            (Review::ChangedAfterFinal { .. }, false) => {
                "Scores different from the finalized result arrived after finalization"
            }
            (Review::ObjectionConflict { .. }, true) => "同一异议有两种不同的处理结果",
            (Review::ObjectionConflict { .. }, false) => "One objection was resolved two different ways",
            (Review::ObjectionAfterFinal { .. }, true) => "定稿后收到了公示期内提出、尚未处理的异议",
            (Review::ObjectionAfterFinal { .. }, false) => {
                "An objection raised during publicity arrived after finalization and is unresolved"
            }
            (Review::PublicityConflict { .. }, true) => "同一结果有两个不同的公示期",
            (Review::PublicityConflict { .. }, false) => {
                "The result was publicized twice with different windows"
            }
            (Review::InvalidScores { .. }, true) => "评分与其所用指标版本不符（超出满分、缺项、多项或不允许的半分），不能计分",
            (Review::InvalidScores { .. }, false) => {
                "The scores do not fit their indicator set (above a maximum, missing or unknown indicators, or half points not allowed) and are not counted"
            }
        }
    }

    /// Whether the organizer settles this review by recording the scores that stand
    /// (an open objection is settled by resolving it, two 公示 windows by keeping one).
    pub fn settled_by_scores(&self) -> bool {
        !matches!(
            self,
            Review::ObjectionAfterFinal { .. } | Review::PublicityConflict { .. }
        )
    }

    /// What a person is asked to check, with the particulars (which score is wrong).
    pub fn describe(&self, zh: bool) -> String {
        match self {
            Review::InvalidScores { zh: why, en, .. } => {
                let why = if zh { why } else { en };
                let sep = if zh { "：" } else { ": " };
                format!("{}{sep}{why}", self.label(zh))
            }
            _ => self.label(zh).to_string(),
        }
    }
}
