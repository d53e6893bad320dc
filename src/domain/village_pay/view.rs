//! The W1 projections the UI shows: one township's year, village by village, and
//! one village's period with everything a review needs.

use chrono::NaiveDate;

use super::graded::{grading_changes, GradingChange};
use super::slot::{Objection, ObjectionResolution, Review, Slot, Window};
use super::state::{Grading, IndicatorSet, ScoreVersion};
use super::{scoring, NotCountedNote, Period, VillageResult};
use crate::domain::master::Village;
use crate::domain::policy::Policy;
use crate::domain::state::State;
use crate::domain::time::add_days;

/// Where one period of one village stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodStatus {
    /// Nothing recorded.
    NotScored,
    /// A person must review it first (需复核); the reasons are in the cell.
    NeedsReview,
    /// Scored; publicity not opened yet (quarters) — for the annual score, final.
    Scored,
    /// Under publicity until `end` (inclusive).
    InPublicity {
        /// Last day of the window.
        end: NaiveDate,
    },
    /// Window over; can be finalized unless an objection is open.
    AwaitingFinal,
    /// Finalized on this date.
    Final(NaiveDate),
}

/// One cell of the village × period board.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodCell {
    /// Which period.
    pub period: Period,
    /// Status.
    pub status: PeriodStatus,
    /// Normalized score (hundredths of a point): the finalized one while a later
    /// change awaits review, else the standing one, each against its own indicator set.
    pub score: Option<u32>,
    /// Publicity window (start, end) as announced, if opened (the earliest, when two
    /// 公示 disagree: see `windows`).
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Every live 公示 window as announced, earliest first (two that differ need review).
    pub windows: Vec<Window>,
    /// Unresolved objections.
    pub open_objections: usize,
    /// Why it needs review (empty unless `NeedsReview`).
    pub reviews: Vec<Review>,
    /// An earlier 定稿 was replaced by accepted new scores: a new 公示 is required.
    pub republish: bool,
}

/// A dated obligation (诫勉谈话, 限期整改).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    /// Due date.
    pub due: NaiveDate,
    /// Completion date, if done.
    pub done: Option<NaiveDate>,
    /// Not done and past due.
    pub overdue: bool,
}

/// One village's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VillageRow {
    /// The village (with its heads).
    pub village: Village,
    /// Q1..Q4 and annual.
    pub cells: Vec<PeriodCell>,
    /// Composite from what is standing now (before grading: provisional).
    pub provisional: Option<u32>,
    /// The graded result, once graded.
    pub result: Option<VillageResult>,
    /// 诫勉谈话, if graded 不合格.
    pub talk: Option<Due>,
    /// 限期整改, if graded 不合格.
    pub rectification: Option<Due>,
    /// Numbers of `result` that no longer match what stands (empty: current).
    pub grading_changes: Vec<GradingChange>,
}

/// A township's year, everything the results page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct TownshipYearView {
    /// Township id.
    pub township: String,
    /// Year.
    pub year: i32,
    /// Current indicator set.
    pub indicators: Option<IndicatorSet>,
    /// Concurrent publications of the indicator set that differ (needs review).
    pub indicator_conflict: Vec<IndicatorSet>,
    /// Policy in force today.
    pub policy: Policy,
    /// Rows by village name.
    pub rows: Vec<VillageRow>,
    /// The standing grading.
    pub grading: Option<Grading>,
    /// More than one live grading (concurrent re-gradings): needs review.
    pub grading_conflict: bool,
    /// Records of this year about the township or its villages that do not count:
    /// recorded in another township's database.
    pub not_counted: Vec<NotCountedNote>,
}

impl TownshipYearView {
    /// Number of unresolved objections across the township.
    pub fn open_objections(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .map(|c| c.open_objections)
            .sum()
    }

    /// Whether the standing grading used numbers that no longer stand: it must be
    /// redone, and its pay is not the current result.
    pub fn grading_outdated(&self) -> bool {
        self.rows.iter().any(|r| !r.grading_changes.is_empty())
    }

    /// Number of periods needing review.
    pub fn needs_review(&self) -> usize {
        self.rows
            .iter()
            .flat_map(|r| &r.cells)
            .filter(|c| c.status == PeriodStatus::NeedsReview)
            .count()
    }
}

/// Build the view of one township's year as of `today`.
pub fn township_year(
    state: &State,
    township: &str,
    year: i32,
    today: NaiveDate,
) -> TownshipYearView {
    let policy = state.policies.at(today);
    let grading = state.village_pay.counted.grading(township, year).cloned();
    let changes = grading_changes(state, township, year);
    let rows = state
        .master
        .villages_of(township)
        .into_iter()
        .map(|v| {
            let mut row = village_row(state, v, year, grading.as_ref(), &policy, today);
            row.grading_changes = changes
                .iter()
                .filter(|c| c.village == v.id)
                .cloned()
                .collect();
            row
        })
        .collect();
    TownshipYearView {
        township: township.to_string(),
        year,
        grading_conflict: state.village_pay.counted.gradings(township, year).len() > 1,
        indicators: state
            .village_pay
            .counted
            .indicators(township, year)
            .cloned(),
        indicator_conflict: state
            .village_pay
            .counted
            .indicator_conflict(township, year)
            .into_iter()
            .cloned()
            .collect(),
        policy,
        rows,
        grading,
        not_counted: not_counted_of_year(state, township, year),
    }
}

/// Records of `year` about `township` or its villages that do not count.
fn not_counted_of_year(state: &State, township: &str, year: i32) -> Vec<NotCountedNote> {
    let villages = state.master.villages_of(township);
    let of_villages = villages
        .iter()
        .flat_map(|v| state.village_pay.not_counted(&state.master, &v.id));
    let of_township = state
        .village_pay
        .placement
        .not_counted_of_township(township);
    of_township
        .into_iter()
        .chain(of_villages)
        .filter(|n| n.placed.year == year)
        .map(|n| n.note(&state.master))
        .collect()
}

fn village_row(
    state: &State,
    v: &Village,
    year: i32,
    grading: Option<&Grading>,
    policy: &Policy,
    today: NaiveDate,
) -> VillageRow {
    let cells: Vec<PeriodCell> = Period::ALL
        .into_iter()
        .map(|p| cell(state, v, year, p, today))
        .collect();
    let final_score = |p: Period| {
        cells
            .iter()
            .find(|c| c.period == p)
            .filter(|c| matches!(c.status, PeriodStatus::Final(_)))
            .and_then(|c| c.score)
    };
    let quarters = Period::QUARTERS.map(final_score);
    let provisional = cells
        .iter()
        .find(|c| c.period == Period::Annual && c.status != PeriodStatus::NeedsReview)
        .and_then(|c| c.score)
        .and_then(|a| scoring::composite(&quarters, a, policy));
    let result = grading.and_then(|g| g.results.iter().find(|r| r.village == v.id).cloned());
    let failed = result
        .as_ref()
        .is_some_and(|r| r.head_grade == super::HeadGrade::Fail);
    let (talk, rectification) = match grading {
        Some(g) if failed => fail_items(state, &v.id, year, g, today),
        _ => (None, None),
    };
    VillageRow {
        village: v.clone(),
        cells,
        provisional,
        result,
        talk,
        rectification,
        grading_changes: Vec::new(),
    }
}

fn fail_items(
    state: &State,
    village: &str,
    year: i32,
    g: &Grading,
    today: NaiveDate,
) -> (Option<Due>, Option<Due>) {
    let p = state.policies.at(g.graded_on);
    let key = (village.to_string(), year);
    let talk_done = state
        .village_pay
        .counted
        .talks
        .get(&key)
        .and_then(|t| t.iter().next())
        .map(|t| t.0);
    let rect_done = state
        .village_pay
        .counted
        .rectifications
        .get(&key)
        .and_then(|t| t.iter().next())
        .map(|t| t.0);
    (
        Some(due(
            add_days(g.graded_on, i64::from(p.warning_talk_days)),
            talk_done,
            today,
        )),
        Some(due(
            add_days(g.graded_on, i64::from(p.rectification_days)),
            rect_done,
            today,
        )),
    )
}

fn due(due: NaiveDate, done: Option<NaiveDate>, today: NaiveDate) -> Due {
    Due {
        due,
        done,
        overdue: done.is_none() && today > due,
    }
}

fn cell(state: &State, v: &Village, year: i32, period: Period, today: NaiveDate) -> PeriodCell {
    let Some(slot) = state.village_pay.counted.slot(&v.id, year, period) else {
        return PeriodCell {
            period,
            status: PeriodStatus::NotScored,
            score: None,
            window: None,
            windows: Vec::new(),
            open_objections: 0,
            reviews: Vec::new(),
            republish: false,
        };
    };
    let reviews =
        state
            .village_pay
            .counted
            .reviews(&state.policies, &v.township, &v.id, year, period);
    let windows = slot.windows(&state.policies);
    PeriodCell {
        period,
        status: status_of(slot, &reviews, windows.first(), today),
        score: shown_score(state, v, year, slot, &reviews),
        window: windows.first().map(|w| (w.start, w.end)),
        windows,
        open_objections: slot.open_objections().len(),
        reviews,
        republish: slot.finalized.is_none() && !slot.replaced_finalizations().is_empty(),
    }
}

/// The score a cell shows: the finalized one while a later change awaits review, else
/// the standing one, each against its own indicator set; none for a sheet that does
/// not fit its set.
fn shown_score(
    state: &State,
    v: &Village,
    year: i32,
    slot: &Slot,
    reviews: &[Review],
) -> Option<u32> {
    let changed_after_final = reviews
        .iter()
        .any(|r| matches!(r, Review::ChangedAfterFinal { .. }));
    let shown = if changed_after_final {
        slot.final_version()
    } else {
        slot.standing()
    }?;
    let invalid = reviews
        .iter()
        .any(|r| matches!(r, Review::InvalidScores { version, .. } if *version == shown.event));
    if invalid {
        return None;
    }
    state
        .village_pay
        .counted
        .normalized_of(&v.township, year, shown)
}

fn status_of(
    slot: &Slot,
    reviews: &[Review],
    window: Option<&Window>,
    today: NaiveDate,
) -> PeriodStatus {
    if slot.live().is_empty() {
        PeriodStatus::NotScored
    } else if !reviews.is_empty() {
        PeriodStatus::NeedsReview
    } else if let Some((d, _)) = &slot.finalized {
        PeriodStatus::Final(*d)
    } else if let Some(w) = window {
        if today > w.end {
            PeriodStatus::AwaitingFinal
        } else {
            PeriodStatus::InPublicity { end: w.end }
        }
    } else {
        PeriodStatus::Scored
    }
}

/// A score version with the indicator set it was recorded against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The version.
    pub version: ScoreVersion,
    /// Its indicator set (`None`: not known on this device).
    pub set: Option<IndicatorSet>,
    /// Its score normalized against that set.
    pub normalized: Option<u32>,
    /// Whether its set is the current one (same indicators and maxima).
    pub current: bool,
}

/// Everything the slot page shows while a slot needs review: each reason with the
/// versions it is about, side by side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotReview {
    /// Why (in a fixed order).
    pub reasons: Vec<Review>,
    /// The live versions, each with its set.
    pub live: Vec<Sheet>,
    /// The version the 定稿 (or else the 公示) in force bound, when the standing scores
    /// differ from it: what was finalized (or publicized) and stays so until resolved.
    pub bound: Option<Sheet>,
    /// Whether `bound` is a 定稿's (else a 公示's).
    pub bound_is_final: bool,
    /// Objections resolved two ways, with their live resolutions.
    pub objection_conflicts: Vec<(Objection, Vec<ObjectionResolution>)>,
    /// The concurrent indicator sets, when the year's set is in conflict.
    pub indicator_conflict: Vec<IndicatorSet>,
    /// Objections still open under a 定稿 (they arrived after it), to resolve here.
    pub late_objections: Vec<Objection>,
    /// The windows of two (or more) 公示 that disagree, to keep one of.
    pub publicity_conflict: Vec<Window>,
}

/// One village's period: the page of a slot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotView {
    /// The village.
    pub village: Village,
    /// Year.
    pub year: i32,
    /// Period.
    pub period: Period,
    /// Its board cell.
    pub cell: PeriodCell,
    /// Everything recorded.
    pub slot: Slot,
    /// The current indicator set, if one is current.
    pub indicators: Option<IndicatorSet>,
    /// The standing version with its set.
    pub standing: Option<Sheet>,
    /// Replaced versions with their sets, oldest first.
    pub history: Vec<Sheet>,
    /// The review, when the slot needs one.
    pub review: Option<SlotReview>,
    /// Whether half points may be typed today (policy).
    pub half_points: bool,
    /// How many days a 公示 opened today lasts (policy).
    pub publicity_days: u32,
    /// Records of this village's period that do not count: recorded in another
    /// township's database.
    pub not_counted: Vec<NotCountedNote>,
}

fn sheet(state: &State, township: &str, year: i32, v: &ScoreVersion) -> Sheet {
    let w1 = &state.village_pay.counted;
    let set = w1.set_of(township, year, v).cloned();
    let current = match (&set, w1.indicators(township, year)) {
        (Some(s), Some(c)) => s.indicators == c.indicators,
        _ => false,
    };
    Sheet {
        normalized: w1.normalized_of(township, year, v),
        version: v.clone(),
        set,
        current,
    }
}

/// The page of one village's period as of `today`; `None` for an unknown village.
pub fn slot_view(
    state: &State,
    village: &str,
    year: i32,
    period: Period,
    today: NaiveDate,
) -> Option<SlotView> {
    let v = state.master.villages.get(village)?;
    let t = v.township.as_str();
    let slot = state
        .village_pay
        .counted
        .slot(village, year, period)
        .cloned()
        .unwrap_or_default();
    let cell = cell(state, v, year, period, today);
    let review = (!cell.reviews.is_empty()).then(|| slot_review(state, v, year, &slot, &cell));
    let policy = state.policies.at(today);
    Some(SlotView {
        half_points: policy.half_points,
        publicity_days: policy.publicity_days,
        indicators: state.village_pay.counted.indicators(t, year).cloned(),
        standing: slot.standing().map(|s| sheet(state, t, year, s)),
        history: slot
            .history()
            .into_iter()
            .map(|s| sheet(state, t, year, s))
            .collect(),
        village: v.clone(),
        year,
        period,
        cell,
        slot,
        review,
        not_counted: state
            .village_pay
            .not_counted(&state.master, village)
            .into_iter()
            .filter(|n| n.placed.year == year)
            // Follow-ups (诫勉谈话, 限期整改) name no period: shown with the annual one.
            .filter(|n| n.placed.period.unwrap_or(Period::Annual) == period)
            .map(|n| n.note(&state.master))
            .collect(),
    })
}

fn slot_review(
    state: &State,
    v: &Village,
    year: i32,
    slot: &Slot,
    cell: &PeriodCell,
) -> SlotReview {
    let t = v.township.as_str();
    let bound = bound_of(slot, &cell.reviews);
    SlotReview {
        reasons: cell.reviews.clone(),
        live: slot
            .live()
            .into_iter()
            .map(|s| sheet(state, t, year, s))
            .collect(),
        bound_is_final: bound.is_some_and(|b| b.1),
        bound: bound.map(|(b, _)| sheet(state, t, year, b)),
        objection_conflicts: objection_conflicts(slot, &cell.reviews),
        indicator_conflict: state
            .village_pay
            .counted
            .indicator_conflict(t, year)
            .into_iter()
            .cloned()
            .collect(),
        late_objections: cell
            .reviews
            .iter()
            .filter_map(|r| match r {
                Review::ObjectionAfterFinal { objection } => {
                    slot.objections.get(objection).map(|o| (**o).clone())
                }
                _ => None,
            })
            .collect(),
        publicity_conflict: if slot.publicity_conflict().is_empty() {
            Vec::new()
        } else {
            cell.windows.clone()
        },
    }
}

/// The version the 定稿 (or else the 公示) in force bound, when the standing scores
/// differ from it, and whether it is a 定稿's.
fn bound_of<'a>(slot: &'a Slot, reviews: &[Review]) -> Option<(&'a ScoreVersion, bool)> {
    reviews.iter().find_map(|r| match r {
        Review::ChangedAfterFinal { finalization } => slot
            .finalizations
            .get(finalization)
            .and_then(|f| slot.bound_version(&f.versions))
            .map(|b| (b, true)),
        Review::ChangedAfterPublicity { publicity } => slot
            .publicities
            .get(publicity)
            .and_then(|p| slot.bound_version(&p.versions))
            .map(|b| (b, false)),
        _ => None,
    })
}

/// Objections resolved two ways, each with its live resolutions.
fn objection_conflicts(
    slot: &Slot,
    reviews: &[Review],
) -> Vec<(Objection, Vec<ObjectionResolution>)> {
    reviews
        .iter()
        .filter_map(|r| match r {
            Review::ObjectionConflict { objection } => Some((
                slot.objections.get(objection).map(|o| (**o).clone())?,
                slot.live_resolutions(objection)
                    .into_iter()
                    .cloned()
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}
