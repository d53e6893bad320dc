//! Which township database a W1 record was recorded in, and whether it counts there.
//!
//! A township's village-pay records live in that township's database (`access`), and
//! its members may write only there; so a record about a village counts only if the
//! database it names (its envelope `scope`, `township:<id>`) is the village's township.
//! A record naming another township's database (written by a member of that other
//! township, which its server accepted because it names its own database) is kept
//! but not counted, and shown as such. Older records naming no database count as
//! before.
//!
//! Order independence: the village's township comes from the master data, which may
//! arrive after the record, or change. So the facts of every village record are kept
//! by the database they name ([`Placement`]), and the counted facts (`State::village_pay`) of
//! a village are rebuilt from those whenever its township changes: the counted facts
//! are always those of the records naming no database or the village's current
//! township, whatever the arrival order. A record naming a database but about a
//! township (indicator set, grading) counts only if it names that township's own
//! database, which needs no master data.

use std::collections::BTreeMap;

use super::state::VillagePay;
use super::{Period, VillagePayEvent};
use crate::domain::access::Scope;
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;

pub use crate::domain::access::About;

/// What a W1 event is about; `None` for other kinds.
pub fn about(body: &EventBody) -> Option<About> {
    body.about()
}

/// The township whose database a record names (its envelope `scope`), if any.
pub fn named_township(e: &Event) -> Option<String> {
    match Scope::from_key(&e.scope)? {
        Scope::Township(t) => Some(t),
        _ => None,
    }
}

/// Whether a record naming `named` counts for something of `township` (empty: not
/// known here yet, so nothing to disagree with).
pub fn counts(named: Option<&str>, township: &str) -> bool {
    named.is_none_or(|n| township.is_empty() || n == township)
}

/// A W1 record that names a township database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placed {
    /// Event id.
    pub event: String,
    /// Event kind.
    pub kind: String,
    /// The township whose database it names.
    pub named: String,
    /// What it is about.
    pub about: About,
    /// Year.
    pub year: i32,
    /// Period, for a record about one village's period.
    pub period: Option<Period>,
    /// Who recorded it.
    pub author: String,
    /// When (UTC ms).
    pub recorded_at: i64,
}

/// A record not counted: recorded in the database of a township other than the one
/// it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotCounted {
    /// The record.
    pub placed: Placed,
    /// The township it is about (the village's township, from the master data).
    pub belongs_to: String,
}

impl NotCounted {
    /// Why it is not counted, in words (township names from `master` where known).
    pub fn describe(&self, master: &Master, zh: bool) -> String {
        let name = |t: &str| {
            master
                .townships
                .get(t)
                .map_or_else(|| t.to_string(), |x| x.name.clone())
        };
        let what = kind_label(&self.placed.kind, zh);
        let (named, belongs) = (name(&self.placed.named), name(&self.belongs_to));
        let author = &self.placed.author;
        let about = match &self.placed.about {
            About::Village(v) => master
                .villages
                .get(v)
                .map_or_else(|| v.clone(), |x| x.name.clone()),
            About::Township(_) => belongs.clone(),
        };
        if zh {
            format!(
                "未计入：{author} 的一条“{what}”记录在“{named}”的数据库中，而{about}属于“{belongs}”；只有记在本乡镇数据库中的记录才计入"
            )
        } else {
            format!(
                "Not counted: a “{what}” record by {author} was recorded in the database of {named}, but {about} belongs to {belongs}; only records in the township's own database count"
            )
        }
    }
}

/// A record not counted, as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotCountedNote {
    /// The record's event id.
    pub event: String,
    /// Why, in Chinese.
    pub zh: String,
    /// Why, in English.
    pub en: String,
}

impl NotCounted {
    /// As a page shows it.
    pub fn note(&self, master: &Master) -> NotCountedNote {
        NotCountedNote {
            event: self.placed.event.clone(),
            zh: self.describe(master, true),
            en: self.describe(master, false),
        }
    }
}

/// A W1 kind in words.
pub fn kind_label(kind: &str, zh: bool) -> &str {
    let (z, e) = match kind {
        "indicators_published" => ("考评指标", "indicator set"),
        "scores_submitted" => ("评分", "scores"),
        "publicity_opened" => ("公示", "publicity"),
        "objection_raised" => ("异议", "objection"),
        "objection_resolved" => ("异议处理", "objection resolution"),
        "conflict_resolved" => ("复核", "review resolution"),
        "result_finalized" => ("定稿", "finalization"),
        "township_graded" => ("评定等次", "grading"),
        "warning_talk_held" => ("诫勉谈话", "warning talk"),
        "rectification_completed" => ("限期整改", "rectification"),
        _ => return kind,
    };
    if zh {
        z
    } else {
        e
    }
}

/// Village records' facts by the database they name, and every record naming one.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Placement {
    /// The facts of village records by the township database they name (`None`:
    /// records naming none).
    parts: BTreeMap<Option<String>, VillagePay>,
    /// Village id → records about it naming a township database, by event id.
    by_village: BTreeMap<String, BTreeMap<String, Placed>>,
    /// Records about a township that name another township's database, by event id.
    misplaced_township: BTreeMap<String, Placed>,
}

impl Placement {
    /// Fold a W1 event into `counted` if it counts (`master`: the master data now),
    /// keeping its facts by the database it names.
    pub fn evolve(&mut self, counted: &mut VillagePay, master: &Master, e: &Event) {
        let named = named_township(e);
        let placed = |about: About| Placed {
            event: e.id.clone(),
            kind: e.kind.clone(),
            named: named.clone().unwrap_or_default(),
            about,
            year: year_of(&e.body),
            period: period_of(&e.body),
            author: e.author.clone(),
            recorded_at: e.recorded_at,
        };
        match about(&e.body) {
            Some(About::Township(t)) => {
                if counts(named.as_deref(), &t) {
                    counted.evolve(e);
                } else {
                    self.misplaced_township
                        .insert(e.id.clone(), placed(About::Township(t)));
                }
            }
            Some(About::Village(v)) => {
                self.parts.entry(named.clone()).or_default().evolve(e);
                if counts(named.as_deref(), &township_of(master, &v)) {
                    counted.evolve(e);
                }
                if named.is_some() {
                    self.by_village
                        .entry(v.clone())
                        .or_default()
                        .insert(e.id.clone(), placed(About::Village(v)));
                }
            }
            None => counted.evolve(e),
        }
    }

    /// The village's township changed (from `before`): rebuild its counted facts
    /// from the records that count now.
    pub fn village_moved(
        &self,
        counted: &mut VillagePay,
        master: &Master,
        village: &str,
        before: &str,
    ) {
        let now = township_of(master, village);
        if now == before {
            return;
        }
        counted.remove_village(village);
        for (named, part) in &self.parts {
            if counts(named.as_deref(), &now) {
                counted.absorb_village(part, village);
            }
        }
    }

    /// Records about `village` not counted (named another township's database).
    pub fn not_counted(&self, master: &Master, village: &str) -> Vec<NotCounted> {
        let belongs_to = township_of(master, village);
        self.by_village
            .get(village)
            .into_iter()
            .flat_map(BTreeMap::values)
            .filter(|p| !counts(Some(&p.named), &belongs_to))
            .map(|p| NotCounted {
                placed: p.clone(),
                belongs_to: belongs_to.clone(),
            })
            .collect()
    }

    /// Records about `township` itself (indicator sets, gradings) recorded in another
    /// township's database.
    pub fn not_counted_of_township(&self, township: &str) -> Vec<NotCounted> {
        self.misplaced_township
            .values()
            .filter(|p| p.about == About::Township(township.to_string()))
            .map(|p| NotCounted {
                placed: p.clone(),
                belongs_to: township.to_string(),
            })
            .collect()
    }
}

/// A village's township from the master data (empty while unknown).
pub fn township_of(master: &Master, village: &str) -> String {
    master.township_of(village)
}

fn year_of(body: &EventBody) -> i32 {
    let EventBody::VillagePay(body) = body else {
        return 0;
    };
    use VillagePayEvent::*;
    match body {
        IndicatorsPublished { year, .. }
        | TownshipGraded { year, .. }
        | ScoresSubmitted { year, .. }
        | PublicityOpened { year, .. }
        | ObjectionRaised { year, .. }
        | ObjectionResolved { year, .. }
        | ConflictResolved { year, .. }
        | ResultFinalized { year, .. }
        | WarningTalkHeld { year, .. }
        | RectificationCompleted { year, .. } => *year,
    }
}

fn period_of(body: &EventBody) -> Option<Period> {
    let EventBody::VillagePay(body) = body else {
        return None;
    };
    use VillagePayEvent::*;
    match body {
        ScoresSubmitted { period, .. }
        | PublicityOpened { period, .. }
        | ObjectionRaised { period, .. }
        | ObjectionResolved { period, .. }
        | ConflictResolved { period, .. }
        | ResultFinalized { period, .. } => Some(*period),
        _ => None,
    }
}

/// W1's part of the state (`State::village_pay`): the records that count, and every
/// record's facts by the township database it names, to rebuild what counts when a
/// village's township changes and to show what does not count.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VillagePayPart {
    /// The records that count (a record about a village counts only if recorded in its
    /// township's database).
    pub counted: VillagePay,
    /// Every record's facts by the database it names.
    pub placement: Placement,
}

impl crate::domain::state::WorkflowState for VillagePayPart {
    fn evolve(&mut self, master: &Master, e: &Event) {
        self.placement.evolve(&mut self.counted, master, e);
    }

    fn village_moved(&mut self, master: &Master, village: &str, before: &str) {
        self.placement
            .village_moved(&mut self.counted, master, village, before);
    }
}

impl VillagePayPart {
    /// W1 records about `village` that do not count: recorded in the database of a
    /// township it does not belong to.
    pub fn not_counted(&self, master: &Master, village: &str) -> Vec<NotCounted> {
        self.placement.not_counted(master, village)
    }
}
