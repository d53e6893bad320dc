//! Where a round stands, and what it allows: who may apply (the seed's conditions, as
//! the policy sets them, derived from tenures and W1 grades, never retyped), each
//! township's steps in strict order (两审核一公示, then 1:3 and 1:2), and the county's
//! (inspection, 20% 差额, decision, publicity, certificate).

use chrono::{Datelike, NaiveDate};

use super::event::{Chosen, RecommendationStage, ReviewLevel};
use super::policy::CareerPayPolicy;
use super::state::{
    standing, Application, Inspection, Objection, Publicity, Recommendation, Resolution, Review,
    Standing,
};
use crate::domain::village_pay::HeadGrade;
use crate::domain::{RuleViolation, State};

fn why(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// Why `person` may not apply from `village` on `on` (empty: they may): they hold a
/// 正职 post of the village, have served the policy's years, and no W1 grade of the
/// policy's last years is 不合格.
pub fn ineligibility(
    state: &State,
    person: &str,
    village: &str,
    on: NaiveDate,
    policy: &CareerPayPolicy,
) -> Vec<RuleViolation> {
    let mut out = Vec::new();
    let Some(p) = state.village_heads.person(person) else {
        return vec![why(
            "career.person",
            "请选择任职记录中的村两委正职".into(),
            "Choose a village head from the tenures".into(),
        )];
    };
    let sitting_here = p
        .tenures
        .iter()
        .any(|(_, t)| t.village == village && t.start <= on && t.end.is_none_or(|end| end > on));
    if !sitting_here {
        out.push(why(
            "career.not_sitting",
            format!("{}不是该村在任的两委正职", p.name),
            format!("{} does not hold a post of this village now", p.name),
        ));
    }
    if let Some(h) = super::renewal::holding_of(state, person, on) {
        let number = &h.certificate.number;
        out.push(why(
            "career.holder",
            format!("{}已享受事业待遇（证书{number}），不能重复申请", p.name),
            format!("{} already holds the pay (certificate {number})", p.name),
        ));
    }
    let served = p.served(on);
    if !served.at_least_years(policy.min_years) {
        out.push(why(
            "career.years",
            format!("任正职{}，不满{}年", served.words(true), policy.min_years),
            format!(
                "Served {}, less than {} years",
                served.words(false),
                policy.min_years
            ),
        ));
    }
    for (year, village_name) in
        failed_years(state, &p.tenures, on.year(), policy.grade_lookback_years)
    {
        out.push(why(
            "career.failed",
            format!("{year}年{village_name}考评为不合格"),
            format!("{village_name} was graded Fail in {year}"),
        ));
    }
    out
}

/// The years among the `lookback` before `year` in which a village the person held a
/// post in that year was graded 不合格: (year, village name).
pub(super) fn failed_years(
    state: &State,
    tenures: &[(String, crate::domain::village_heads::Tenure)],
    year: i32,
    lookback: u32,
) -> Vec<(i32, String)> {
    let lookback = i32::try_from(lookback).unwrap_or(i32::MAX);
    let mut out = Vec::new();
    for y in year.saturating_sub(lookback)..year {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        ) else {
            continue;
        };
        for (_, t) in tenures {
            let held = t.start <= last && t.end.is_none_or(|end| end > first);
            let township = state.master.township_of(&t.village);
            let grading = state.village_pay.counted.grading(&township, y);
            let result = grading.and_then(|g| g.results.iter().find(|r| r.village == t.village));
            if held && result.is_some_and(|r| r.head_grade == HeadGrade::Fail) {
                let name = state
                    .master
                    .villages
                    .get(&t.village)
                    .map_or_else(|| t.village.clone(), |v| v.name.clone());
                if !out.contains(&(y, name.clone())) {
                    out.push((y, name));
                }
            }
        }
    }
    out
}

/// One application and its steps.
#[derive(Clone, Debug)]
pub struct ApplicationView<'a> {
    /// The application.
    pub app: &'a Application,
    /// Its id was recorded with two different contents, or its person applied twice
    /// this year: it never counts (a person settles which stands).
    pub unsettled: bool,
    /// 初审.
    pub township_review: Standing<'a, Review>,
    /// 复审.
    pub county_review: Standing<'a, Review>,
    /// Its objections, each with its resolution.
    pub objections: Vec<(&'a Objection, Standing<'a, Resolution>)>,
    /// The county's inspection.
    pub inspection: Standing<'a, Inspection>,
}

impl ApplicationView<'_> {
    /// Passed both reviews, and settled: on the eligible list.
    pub fn eligible(&self) -> bool {
        let passed = |s: &Standing<Review>| matches!(s, Standing::One(r) if r.passed);
        !self.unsettled && passed(&self.township_review) && passed(&self.county_review)
    }

    /// An objection to it was upheld.
    pub fn struck(&self) -> bool {
        self.objections
            .iter()
            .any(|(_, r)| matches!(r, Standing::One(r) if r.upheld))
    }

    /// An objection waits for its resolution (or two resolutions differ).
    pub fn objection_open(&self) -> bool {
        self.objections
            .iter()
            .any(|(_, r)| !matches!(r, Standing::One(_)))
    }
}

/// A township's part of a year's round. Each list it keeps counts only those still
/// allowed by every step before it as the records stand now (a review corrected, an
/// objection upheld, a list replaced on another phone), never merely those it named.
#[derive(Clone, Debug)]
pub struct TownshipRound<'a> {
    /// The year.
    pub year: i32,
    /// The township.
    pub township: String,
    /// Its slots (0: none, or no round).
    pub slots: u32,
    /// The round's policy (in force on the round's opening).
    pub policy: CareerPayPolicy,
    /// Its applications.
    pub apps: Vec<ApplicationView<'a>>,
    /// The eligible list's publicity: (first, last day, who is on it).
    pub publicity: Standing<'a, Publicity>,
    /// The 1:3 recommendation.
    pub initial: Standing<'a, Recommendation>,
    /// The 1:2 recommendation.
    pub reserve: Standing<'a, Recommendation>,
}

/// The round of `year` as `township` stands in it.
pub fn township_round<'a>(state: &'a State, year: i32, township: &str) -> TownshipRound<'a> {
    let career = &state.career_pay;
    let (slots, policy) = match standing(career.rounds.get(&year)) {
        Standing::One((slots, opened)) => {
            let mine = slots
                .iter()
                .find(|s| s.township == township)
                .map_or(0, |s| s.slots);
            (mine, state.policies.at(*opened).career_pay)
        }
        _ => (0, CareerPayPolicy::default()),
    };
    let apps = career
        .applications_of(year, township)
        .into_iter()
        .map(|app| application_view(state, app));
    let key = (year, township.to_string());
    let recommendation = |stage| {
        standing(
            career
                .recommendations
                .get(&(year, township.to_string(), stage)),
        )
    };
    TownshipRound {
        year,
        township: township.to_string(),
        slots,
        policy,
        apps: apps.collect(),
        publicity: standing(career.publicity.get(&key)),
        initial: recommendation(RecommendationStage::Initial),
        reserve: recommendation(RecommendationStage::Reserve),
    }
}

/// An application with what is recorded about it — only records its own township's
/// database holds count (a record in another township's names it in vain).
fn application_view<'a>(state: &'a State, app: &'a Application) -> ApplicationView<'a> {
    let career = &state.career_pay;
    let ours = |township: &str| township == app.township;
    let review = |level| {
        standing(
            career
                .reviews
                .get(&(app.id.clone(), level, app.township.clone())),
        )
    };
    let resolution = |id: &str| {
        standing(
            career
                .resolutions
                .get(&(app.township.clone(), id.to_string())),
        )
    };
    let objections = career.objections.values().map(|(_, o)| o);
    let objections = objections.filter(|o| o.application == app.id && ours(&o.township));
    // Another live application of the person this year (one failed at a review, or
    // recorded twice differently, no longer counts: failing the duplicate settles it).
    let live = |other: &Application| {
        let failed = [ReviewLevel::Township, ReviewLevel::County]
            .into_iter()
            .any(|level| {
                let key = (other.id.clone(), level, other.township.clone());
                matches!(standing(career.reviews.get(&key)), Standing::One(r) if !r.passed)
            });
        !failed && !career.application_conflicts.contains(&other.id)
    };
    let twice = career.applications.values().any(|(_, other)| {
        other.year == app.year && other.person == app.person && other.id != app.id && live(other)
    });
    ApplicationView {
        app,
        unsettled: twice || career.application_conflicts.contains(&app.id),
        township_review: review(ReviewLevel::Township),
        county_review: review(ReviewLevel::County),
        objections: objections.map(|o| (o, resolution(&o.id))).collect(),
        inspection: standing(career.inspections.get(&app.id)),
    }
}

impl TownshipRound<'_> {
    /// The applications on the eligible list.
    pub fn eligible(&self) -> Vec<&ApplicationView<'_>> {
        self.apps.iter().filter(|a| a.eligible()).collect()
    }

    /// Those who may be recommended once the publicity ended: eligible, on the list
    /// publicized, no objection upheld.
    pub fn clear(&self) -> Vec<&ApplicationView<'_>> {
        let publicized: &[String] = match self.publicity {
            Standing::One((_, _, list)) => list,
            _ => &[],
        };
        let on_list = |a: &&ApplicationView<'_>| publicized.contains(&a.app.id);
        self.apps
            .iter()
            .filter(|a| a.eligible() && !a.struck())
            .filter(on_list)
            .collect()
    }

    /// The 1:3 recommendation's people who are still clear.
    pub fn initial_ids(&self) -> Vec<&str> {
        let clear: Vec<&str> = self.clear().iter().map(|a| a.app.id.as_str()).collect();
        match self.initial {
            Standing::One(r) => r
                .applications
                .iter()
                .map(String::as_str)
                .filter(|a| clear.contains(a))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The reserve candidates (预备人选) still allowed: on the 1:2 list, and on the 1:3 list
    /// as it stands.
    pub fn reserve_ids(&self) -> Vec<&str> {
        let initial = self.initial_ids();
        match self.reserve {
            Standing::One(r) => r
                .applications
                .iter()
                .map(String::as_str)
                .filter(|a| initial.contains(a))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// How many the 1:3 recommendation names: per slot, or all who are clear if fewer.
    pub fn initial_count(&self) -> usize {
        let per = u64::from(self.policy.initial_per_slot).saturating_mul(u64::from(self.slots));
        usize::try_from(per)
            .unwrap_or(usize::MAX)
            .min(self.clear().len())
    }

    /// How many the 1:2 recommendation names.
    pub fn reserve_count(&self) -> usize {
        let per = u64::from(self.policy.reserve_per_slot).saturating_mul(u64::from(self.slots));
        usize::try_from(per)
            .unwrap_or(usize::MAX)
            .min(self.initial_ids().len())
    }

    /// The last day of the eligible list's publicity, if it stands.
    pub fn publicity_end(&self) -> Option<NaiveDate> {
        match self.publicity {
            Standing::One((_, end, _)) => Some(*end),
            _ => None,
        }
    }

    /// Why the publicity cannot begin yet (None: it may).
    pub fn before_publicity(&self) -> Option<RuleViolation> {
        if self.slots == 0 {
            return Some(why(
                "career.no_slots",
                format!("{}年本乡镇没有选聘名额", self.year),
                format!("This township has no slots in {}", self.year),
            ));
        }
        let pending = self.apps.iter().any(|a| {
            !matches!(a.county_review, Standing::One(_))
                && !matches!(a.township_review, Standing::One(r) if !r.passed)
        });
        if pending {
            return Some(why(
                "career.reviews_pending",
                "还有申请未完成初审和复审".into(),
                "Some applications wait for their reviews".into(),
            ));
        }
        if self.eligible().is_empty() {
            return Some(why(
                "career.none_eligible",
                "没有通过初审和复审的人员，无需公示".into(),
                "Nobody passed both reviews: there is nothing to publicize".into(),
            ));
        }
        None
    }

    /// Why a recommendation cannot be recorded for a meeting on `on` (None: it may).
    pub fn before_initial(&self, on: NaiveDate) -> Option<RuleViolation> {
        let Some(end) = self.publicity_end() else {
            return Some(why(
                "career.publicity",
                "须先公示资格审查通过人员名单".into(),
                "Publicize the eligible list first".into(),
            ));
        };
        if on <= end {
            return Some(why(
                "career.publicity_open",
                format!("公示至{end}，期满后才能推荐"),
                format!("The publicity runs until {end}: recommend after it"),
            ));
        }
        if self.apps.iter().any(|a| a.objection_open()) {
            return Some(why(
                "career.objection_open",
                "还有异议未处理".into(),
                "An objection waits for its resolution".into(),
            ));
        }
        None
    }
}

/// The county's part of a year's round.
#[derive(Clone, Debug)]
pub struct CountyRound<'a> {
    /// The year.
    pub year: i32,
    /// Slots of every township, in all.
    pub slots: u64,
    /// The round's policy (in force on its opening).
    pub policy: CareerPayPolicy,
    /// Each township's part, by the round's townships.
    pub townships: Vec<TownshipRound<'a>>,
    /// The formal candidates: (who, day).
    pub candidates: Standing<'a, (Vec<Chosen>, NaiveDate)>,
    /// The decision: (who, day).
    pub decision: Standing<'a, (Vec<Chosen>, NaiveDate)>,
    /// The result's publicity: (first, last day, who is on it).
    pub publicity: Standing<'a, Publicity>,
}

/// The round of `year` as the county sees it.
pub fn county_round(state: &State, year: i32) -> Option<CountyRound<'_>> {
    let career = &state.career_pay;
    let Standing::One((slots, opened)) = standing(career.rounds.get(&year)) else {
        return None;
    };
    let townships = slots
        .iter()
        .map(|s| township_round(state, year, &s.township));
    Some(CountyRound {
        year,
        slots: slots.iter().map(|s| u64::from(s.slots)).sum(),
        policy: state.policies.at(*opened).career_pay,
        townships: townships.collect(),
        candidates: standing(career.candidates.get(&year)),
        decision: standing(career.decisions.get(&year)),
        publicity: standing(career.result_publicity.get(&year)),
    })
}

impl CountyRound<'_> {
    /// Reserve candidates the county inspected (once, with no conflict), still allowed.
    pub fn inspected(&self) -> Vec<Chosen> {
        let mut out = Vec::new();
        for t in &self.townships {
            for id in t.reserve_ids() {
                let app = t.apps.iter().find(|a| a.app.id == id);
                if let Some(a) = app.filter(|a| matches!(a.inspection, Standing::One(_))) {
                    out.push(chosen(a.app));
                }
            }
        }
        out
    }

    /// The formal candidates still allowed (inspected reserve candidates as they stand).
    pub fn valid_candidates(&self) -> Vec<Chosen> {
        let inspected = self.inspected();
        let allowed = |c: &&Chosen| inspected.iter().any(|i| i.application == c.application);
        match self.candidates {
            Standing::One((list, _)) => list.iter().filter(allowed).cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// The people the decision selects who are still allowed formal candidates.
    pub fn valid_selected(&self) -> Vec<Chosen> {
        let candidates = self.valid_candidates();
        let allowed = |c: &&Chosen| candidates.iter().any(|x| x.application == c.application);
        match self.decision {
            Standing::One((list, _)) => list.iter().filter(allowed).cloned().collect(),
            _ => Vec::new(),
        }
    }

    /// The least number of formal candidates (slots plus the 差额).
    pub fn candidates_needed(&self) -> u64 {
        self.policy.formal_candidates(self.slots)
    }
}

/// An application's person as the county's records name them.
pub fn chosen(app: &Application) -> Chosen {
    Chosen {
        application: app.id.clone(),
        person: app.person.clone(),
        name: app.name.clone(),
        village: app.village.clone(),
        township: app.township.clone(),
    }
}
