//! The quantitative standards computed from the annual assessment (W5): a cadre at the
//! bottom of their unit's ranking the policy's number of years in a row, or failing the
//! 党风廉政建设责任制 check that many times in a row, is a candidate case with the
//! evidence, until a case on that standard is opened.

use chrono::NaiveDate;

use std::collections::BTreeMap;

use super::progress::Phase;
use crate::domain::annual_assessment::results::{rankings, rating, Ranked};
use crate::domain::versions::Standing;
use crate::domain::State;

/// A case the records call for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The cadre.
    pub cadre: String,
    /// Their name.
    pub name: String,
    /// The standard, as the catalogue says it (Chinese: stored in the case).
    pub standard: String,
    /// The evidence, a line per year.
    pub evidence: Vec<String>,
    /// The last year of the evidence.
    pub last_year: i32,
}

/// One assessed year of a cadre: (year, at the bottom of their unit, evidence line,
/// failed the 党风廉政 check).
type Year = (i32, bool, String, bool);

/// Every unit's ranking of every assessed year.
type Rankings = BTreeMap<i32, BTreeMap<String, Vec<Ranked>>>;

/// One cadre's assessed years, oldest first.
fn years_of(state: &State, all: &Rankings, cadre: &str, bottom_places: u32) -> Vec<Year> {
    all.iter()
        .filter_map(|(year, units)| {
            let year = *year;
            let Standing::One(r) = rating(state, year, cadre) else {
                return None;
            };
            let ranked = units.get(&r.unit)?;
            let me = ranked.iter().find(|x| x.cadre == cadre)?;
            let n = ranked.len();
            let places = usize::try_from(bottom_places).unwrap_or(usize::MAX);
            // Someone ranks above (a unit all tied has no bottom).
            let bottom = n > places && me.place > 1 && me.below < places;
            let line = format!(
                "{year}年度 {} 第{}名（共{n}人），综合得分 {}{}",
                r.unit,
                me.place,
                me.composite.shown(),
                if r.integrity_passed {
                    ""
                } else {
                    "，党风廉政建设责任制考核未达标"
                }
            );
            Some((year, bottom, line, !r.integrity_passed))
        })
        .collect()
}

/// The latest run of `n` consecutive years for which `hit` holds, as its lines.
fn run(years: &[Year], n: u32, hit: impl Fn(&Year) -> bool) -> Option<(i32, Vec<String>)> {
    let n = usize::try_from(n.max(1)).ok()?;
    let mut best = None;
    for end in n.saturating_sub(1)..years.len() {
        let window = &years[end + 1 - n..=end];
        let consecutive = window
            .windows(2)
            .all(|w| w[0].0.checked_add(1) == Some(w[1].0));
        if consecutive && window.iter().all(&hit) {
            best = Some((years[end].0, window.iter().map(|y| y.2.clone()).collect()));
        }
    }
    best
}

/// Every candidate case on `today`, by name.
pub fn candidates(state: &State, today: NaiveDate) -> Vec<Candidate> {
    let policy = state.policies.at(today).demotion_chain;
    let cadres = &state.cadre_selection;
    let rated: std::collections::BTreeSet<&String> = state
        .annual_assessment
        .ratings
        .keys()
        .map(|(_, c)| c)
        .collect();
    let years: std::collections::BTreeSet<i32> = state
        .annual_assessment
        .ratings
        .keys()
        .map(|(y, _)| *y)
        .collect();
    let all: Rankings = years.into_iter().map(|y| (y, rankings(state, y))).collect();
    let mut out = Vec::new();
    for cadre in rated {
        let years = years_of(state, &all, cadre, policy.bottom_places);
        let found = [
            (
                policy.bottom_standard(true),
                run(&years, policy.bottom_years, |y| y.1),
            ),
            (
                policy.integrity_standard(true),
                run(&years, policy.integrity_fail_times, |y| y.3),
            ),
        ];
        for (standard, hit) in found {
            let Some((last_year, evidence)) = hit else {
                continue;
            };
            if opened(state, cadre, &standard, last_year) {
                continue;
            }
            out.push(Candidate {
                cadre: cadre.clone(),
                name: cadres.cadre_name(cadre),
                standard,
                evidence,
                last_year,
            });
        }
    }
    crate::domain::sorting::sort_by(&mut out, |a, b| {
        (&a.name, &a.cadre, &a.standard).cmp(&(&b.name, &b.cadre, &b.standard))
    });
    out
}

/// Whether a case on `standard` was opened for `cadre` once the evidence's last year was
/// over (its ratings are recorded after it ends): a case opened earlier rests on earlier
/// evidence.
/// A case's standard counts as the candidate's when it is the same text, or the same
/// computed standard written with other numbers (the county changed them since).
fn opened(state: &State, cadre: &str, standard: &str, last_year: i32) -> bool {
    let next = last_year.saturating_add(1);
    let from = NaiveDate::from_ymd_opt(next, 1, 1).unwrap_or(NaiveDate::MAX);
    let family = computed_family(standard);
    let same = |s: &str| s == standard || (family.is_some() && computed_family(s) == family);
    let cases = state.demotion_chain.cases.values();
    let mine = cases.filter(|(_, h)| h.cadre == cadre && same(&h.standard));
    let mut mine = mine.filter_map(|(_, h)| super::progress::progress(state, &h.id));
    mine.any(|p| {
        let taken_up =
            p.head.opened_on >= from && !matches!(p.phase, Phase::Closed(ref c) if c.withdrawn);
        // A case on the standard still open (its follow-up running) takes it up too.
        let open = !matches!(p.phase, Phase::Ended(_) | Phase::Closed(_));
        taken_up || open
    })
}

/// Which computed standard `standard` is, whatever numbers it is written with (`None`:
/// not a computed one): 0 the bottom of the ranking, 1 the 党风廉政 check.
pub fn computed_family(standard: &str) -> Option<u8> {
    let mut p = super::policy::DemotionPolicy::default();
    for n in crate::domain::policy_fields::IN_A_ROW {
        (p.bottom_years, p.integrity_fail_times) = (n, n);
        if standard == p.bottom_standard(true) {
            return Some(0);
        }
        if standard == p.integrity_standard(true) {
            return Some(1);
        }
    }
    None
}
