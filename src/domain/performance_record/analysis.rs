//! 季分析 and 年总评 (seed 004 淮安清河): a cadre's quarter as the organization department
//! reads it — 测 (the record's tally and the monthly evaluations' score), 谈 and 访 (the
//! talks and visits recorded), 析 (the written analysis) —, compared by line: the place
//! by score among the cadres of the same unit (同一条线比排名) and the weekly reports
//! against the schedule (序时进度: of the quarter's weeks whose report was due by then,
//! how many were submitted); and the year's review with its figures, the evidence the
//! annual assessment shows beside its rating (it does not replace it).

use chrono::NaiveDate;

use super::evaluation::{score_roll, Mean};
use super::policy::PerformancePolicy;
use super::rollup::{monday_of, report_due, tally, thursday_of, unit_of, week, Tally};
use super::roster::listed_on;
use super::state::{QuarterNote, YearReview};
use crate::domain::State;

/// The first and last day of `quarter` (1 to 4) of `year`.
pub fn quarter_span(year: i32, quarter: u32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1..=4).contains(&quarter) {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?;
    let next = first.checked_add_months(chrono::Months::new(3))?;
    Some((first, next.pred_opt()?))
}

/// A cadre's quarter as analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarterView<'a> {
    /// 测: the record's days and weeks.
    pub tally: Tally,
    /// 测: the monthly evaluations, pooled.
    pub score: Mean,
    /// 谈、访、析: each record standing (id, content, whether it differs).
    pub notes: Vec<(&'a str, &'a QuarterNote, bool)>,
    /// Place by score among the unit's cadres rated that quarter, of how many.
    pub place: Option<(usize, usize)>,
    /// 序时进度: weeks submitted of those whose report was due by then.
    pub schedule: (u32, u32),
}

/// `cadre`'s `quarter` of `year` as of `today`.
pub fn quarter_view<'a>(
    state: &'a State,
    cadre: &str,
    (year, quarter): (i32, u32),
    today: NaiveDate,
) -> QuarterView<'a> {
    let Some((from, to)) = quarter_span(year, quarter) else {
        return QuarterView {
            tally: Tally::default(),
            score: Mean::default(),
            notes: Vec::new(),
            place: None,
            schedule: (0, 0),
        };
    };
    let index = usize::try_from(quarter.saturating_sub(1)).unwrap_or_default();
    let score_of = |c: &str| {
        score_roll(state, c, year)
            .quarters
            .get(index)
            .copied()
            .unwrap_or_default()
    };
    let score = score_of(cadre);
    let key = (cadre.to_string(), year, quarter);
    let notes = state
        .performance_record
        .quarters
        .get(&key)
        .map(|r| r.standing())
        .unwrap_or_default();
    let place = (score.count > 0)
        .then(|| unit_of(state, cadre, to.min(today)))
        .flatten()
        .map(|unit| {
            let others: Vec<Mean> = listed_on(state, to.min(today))
                .into_iter()
                .filter(|(_, l)| l.unit == unit)
                .map(|(id, _)| score_of(&id))
                .filter(|m| m.count > 0)
                .collect();
            let better = others
                .iter()
                .filter(|m| Mean::rank(**m, score).is_lt())
                .count();
            (better + 1, others.len())
        });
    let policy = state.policies.at(to.min(today)).performance_record;
    QuarterView {
        tally: tally(state, cadre, from, to),
        score,
        notes,
        place,
        schedule: schedule(state, cadre, (from, to), today, &policy),
    }
}

/// 序时进度 of the weeks counted in `from`..`to` (by their Thursday): (submitted, due).
fn schedule(
    state: &State,
    cadre: &str,
    (from, to): (NaiveDate, NaiveDate),
    today: NaiveDate,
    policy: &PerformancePolicy,
) -> (u32, u32) {
    let (mut submitted, mut due) = (0_u32, 0_u32);
    let mut monday = monday_of(from);
    // At most 14 weeks hold a Thursday in a quarter.
    for _ in 0..15 {
        let thursday = thursday_of(monday);
        if thursday > to {
            break;
        }
        if thursday >= from && report_due(monday, policy) < today {
            due = due.saturating_add(1);
            if week(state, cadre, monday).submitted.is_some() {
                submitted = submitted.saturating_add(1);
            }
        }
        match monday.checked_add_days(chrono::Days::new(7)) {
            Some(m) => monday = m,
            None => break,
        }
    }
    (submitted, due)
}

/// A cadre's year as evidence: the record's tally, the evaluations' score, how many
/// quarterly records there are, and the review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearEvidence<'a> {
    /// The year's days and weeks.
    pub tally: Tally,
    /// The year's monthly evaluations, pooled.
    pub score: Mean,
    /// Talks, visits and analyses recorded.
    pub notes: usize,
    /// The review, and whether two phones recorded it differently.
    pub review: Option<(&'a YearReview, bool)>,
}

impl YearEvidence<'_> {
    /// Whether the year holds nothing.
    pub fn is_empty(&self) -> bool {
        self.tally == Tally::default()
            && self.score.count == 0
            && self.notes == 0
            && self.review.is_none()
    }
}

/// `cadre`'s `year` as evidence.
pub fn year_evidence<'a>(state: &'a State, cadre: &str, year: i32) -> YearEvidence<'a> {
    let roll = super::rollup::year_roll(state, cadre, year);
    let notes = (1..=4)
        .filter_map(|q| {
            let key = (cadre.to_string(), year, q);
            state.performance_record.quarters.get(&key)
        })
        .map(|r| r.standing().len())
        .sum();
    let review = state
        .performance_record
        .reviews
        .get(&(cadre.to_string(), year))
        .and_then(|v| Some((v.current()?, v.conflicted())));
    YearEvidence {
        tally: roll.year,
        score: score_roll(state, cadre, year).year,
        notes,
        review,
    }
}

/// The cadres of `unit` in `year` (their position at its end, or on `today` while it
/// runs), by name.
pub fn unit_cadres(
    state: &State,
    unit: &str,
    year: i32,
    today: NaiveDate,
) -> Vec<(String, String)> {
    let end = NaiveDate::from_ymd_opt(year, 12, 31).map_or(today, |e| e.min(today));
    let mut out: Vec<(String, String)> = listed_on(state, end)
        .into_iter()
        .filter(|(_, l)| l.unit == unit)
        .map(|(id, l)| (id, l.name))
        .collect();
    crate::domain::sorting::sort_by(&mut out, |a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    out
}
