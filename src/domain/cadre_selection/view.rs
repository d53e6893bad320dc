//! W4 projections: a case's steps and windows, the inspection ranking, fill rate and
//! completeness, overdue submissions, and disclosures by role.

use crate::domain::sorting;
use chrono::NaiveDate;

use super::cadre::{sanling, Sanling};
use super::gates::Names;
use super::state::{Case, Disclosure, Ended, Missing, Signature, StepEntry};
use super::{Dimensions, PersonalMatters, Round, SignOff, Step, StepRecord, Submission};
use crate::domain::event::Role;
use crate::domain::policy::Policy;
use crate::domain::state::State;
use crate::domain::time::add_days;

/// Fill rate (填写率) and completeness (完整度), as counts (no floats).
///
/// - 填写率 = required fields filled / required fields of the records of every step
///   reached (each form's required fields are `StepRecord::required_fields`; a step
///   reached with no record counts one empty required field).
/// - 完整度 = complete steps / all ten steps.
///
/// Seed 003 reports both at 100% once every 纪实表 is filled in full; over all cases
/// the counts are summed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rates {
    /// Required fields filled.
    pub filled: u32,
    /// Required fields due.
    pub required: u32,
    /// Steps complete.
    pub complete_steps: u32,
    /// Steps in all.
    pub steps: u32,
}

impl Rates {
    /// 填写率 in hundredths of a percent (10000 = 100%). With nothing due yet (a case
    /// with no records) it is 0%, not 100%: only a case whose every step is complete
    /// counts as filled in full.
    pub fn fill_bp(&self) -> u32 {
        let done = self.steps > 0 && self.complete_steps == self.steps;
        bp(self.filled, self.required).unwrap_or(if done { 10_000 } else { 0 })
    }

    /// 完整度 in hundredths of a percent.
    pub fn completeness_bp(&self) -> u32 {
        bp(self.complete_steps, self.steps).unwrap_or(0)
    }

    /// Add another case's counts (rates over several cases).
    pub fn add(&mut self, o: Rates) {
        self.filled = self.filled.saturating_add(o.filled);
        self.required = self.required.saturating_add(o.required);
        self.complete_steps = self.complete_steps.saturating_add(o.complete_steps);
        self.steps = self.steps.saturating_add(o.steps);
    }
}

/// `part / whole` in hundredths of a percent (None when `whole` is 0).
fn bp(part: u32, whole: u32) -> Option<u32> {
    (u64::from(part) * 10_000)
        .checked_div(u64::from(whole))
        .map(|v| u32::try_from(v).unwrap_or(u32::MAX))
}

/// Fill rate and completeness of one case.
pub fn rates(case: &Case, policy: &Policy) -> Rates {
    rates_given(case, &own_complete(case, policy))
}

/// Whether each step of the case is complete by its own records (a post over its
/// quota aside), in [`Step::ALL`]'s order.
fn own_complete(case: &Case, policy: &Policy) -> Vec<bool> {
    let conflicts = case.conflicts();
    Step::ALL
        .into_iter()
        .map(|step| {
            case.missing_given(step, &policy.cadre_selection, Names(None), &conflicts)
                .is_empty()
        })
        .collect()
}

/// [`rates`], each step's completeness by its own records already known.
fn rates_given(case: &Case, complete: &[bool]) -> Rates {
    let mut r = Rates {
        steps: Step::ALL.len() as u32,
        ..Rates::default()
    };
    let reached = case.reached();
    for step in Step::ALL {
        if complete.get(step.index()).copied().unwrap_or(false) {
            r.complete_steps = r.complete_steps.saturating_add(1);
        }
        if reached.is_none_or(|x| step > x) {
            continue;
        }
        let records = case.records(step);
        if records.is_empty() {
            r.required = r.required.saturating_add(1);
        }
        for e in records {
            let (f, q) = e.record.required_fields();
            r.filled = r.filled.saturating_add(f);
            r.required = r.required.saturating_add(q);
        }
    }
    r
}

/// Fill rate and completeness summed over every case.
pub fn overall_rates(state: &State, policy: &Policy) -> Rates {
    let mut total = Rates::default();
    for c in state
        .cadre_selection
        .cases
        .values()
        .filter(|c| c.opened_on.is_some())
    {
        total.add(rates(c, policy));
    }
    total
}

/// A step of a case as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepStatus {
    /// The step.
    pub step: Step,
    /// Whether it is complete.
    pub complete: bool,
    /// Why not, in Chinese (the `zh` of `reasons`).
    pub missing: Vec<String>,
    /// Why not, with code and both languages.
    pub reasons: Vec<Missing>,
    /// Its live records.
    pub entries: Vec<StepEntry>,
    /// Live records that cannot be used, by event id, with the reason.
    pub unusable: Vec<(String, Missing)>,
}

/// A case as shown: steps, the current one, windows and deadlines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseView {
    /// Case id.
    pub case: String,
    /// The ten steps.
    pub steps: Vec<StepStatus>,
    /// The step to record next (None once every step is complete).
    pub current: Option<Step>,
    /// 任前公示 window.
    pub publicity: Option<(NaiveDate, NaiveDate)>,
    /// 初次提交 due date (decision + policy days).
    pub initial_due: Option<NaiveDate>,
    /// Whether 初次提交 is overdue on the view's date.
    pub initial_overdue: bool,
    /// Fill rate and completeness.
    pub rates: Rates,
    /// How the case ended without appointment, if it did (then `current` is None).
    pub ended: Option<Ended>,
    /// Groups of live records of one slot recorded without seeing each other: each
    /// must be resolved by a correction naming every record of the group.
    pub conflicts: Vec<Vec<StepEntry>>,
    /// Groups of live disclosures recorded without seeing each other (one round of
    /// one cadre twice, or two corrections of one): each corrected into one.
    pub disclosure_conflicts: Vec<Vec<Disclosure>>,
    /// Lines signed by two people: (node, line, the competing signatures).
    pub signature_conflicts: Vec<(Submission, SignOff, Vec<Signature>)>,
    /// What needs a person's review besides the steps: two versions of a disclosure,
    /// two people on a signature line, an ending in conflict with later records, a
    /// post of the case over its quota. Each with code and both languages.
    pub reviews: Vec<Missing>,
}

/// One step as shown, reasons naming people and posts.
fn step_status(
    state: &State,
    c: &Case,
    step: Step,
    policy: &Policy,
    conflicts: &[Vec<&StepEntry>],
) -> StepStatus {
    let names = Names(Some(&state.cadre_selection));
    let reasons = c.missing_given(step, &policy.cadre_selection, names, conflicts);
    let entries: Vec<StepEntry> = c.records(step).into_iter().cloned().collect();
    let unusable = entries
        .iter()
        .filter_map(|e| {
            e.record
                .unusable(&policy.cadre_selection)
                .map(|m| (e.id.clone(), m))
        })
        .collect();
    StepStatus {
        step,
        complete: reasons.is_empty(),
        missing: reasons.iter().map(|m| m.zh.clone()).collect(),
        reasons,
        entries,
        unusable,
    }
}

/// An appointment of this case to a post over its quota (after phones synced) keeps
/// its step open for review.
fn flag_over_quota(c: &Case, over_quota: OverQuota<'_>, steps: &mut [StepStatus]) {
    let Some(step) = steps.get_mut(Step::Appointment.index()) else {
        return;
    };
    for m in over_quota_posts(c, over_quota) {
        step.complete = false;
        step.missing.push(m.zh.clone());
        step.reasons.push(m);
    }
}

/// The review of each post this case appoints to that is over its quota.
fn over_quota_posts(c: &Case, over_quota: OverQuota<'_>) -> Vec<Missing> {
    let appointed: std::collections::BTreeSet<String> =
        c.appointed().into_values().map(|(post, _)| post).collect();
    appointed.iter().filter_map(|p| over_quota(p)).collect()
}

/// What the list of cases shows of a case: the parts of [`CaseView`] it needs,
/// without the names, records and reviews that make a case page (a county's list
/// built whole case views: 2.5 s with the CPU 4× slower).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSummary {
    /// As [`CaseView::current`].
    pub current: Option<Step>,
    /// As [`CaseView::initial_due`].
    pub initial_due: Option<NaiveDate>,
    /// As [`CaseView::initial_overdue`].
    pub initial_overdue: bool,
    /// As [`CaseView::rates`].
    pub rates: Rates,
    /// As [`CaseView::ended`].
    pub ended: Option<Ended>,
}

/// The [`CaseSummary`] of `case` on `today`, posts over their quota known.
pub fn case_summary(
    state: &State,
    case: &str,
    today: NaiveDate,
    over_quota: OverQuota<'_>,
) -> Option<CaseSummary> {
    let c = state.cadre_selection.cases.get(case)?;
    let policy = state.policies.at(today);
    let own = own_complete(c, &policy);
    let mut complete = own.clone();
    if !over_quota_posts(c, over_quota).is_empty() {
        if let Some(appointment) = complete.get_mut(Step::Appointment.index()) {
            *appointment = false;
        }
    }
    Some(summarize(c, &policy, today, &complete, &own))
}

/// A case's summary, each step's completeness known: `complete` as shown (a post over
/// its quota keeps the appointment open), `own` by the step's own records.
fn summarize(
    c: &Case,
    policy: &Policy,
    today: NaiveDate,
    complete: &[bool],
    own: &[bool],
) -> CaseSummary {
    let ended = c.ended().cloned();
    let current = Step::ALL
        .into_iter()
        .find(|s| !complete.get(s.index()).copied().unwrap_or(false))
        .filter(|_| ended.is_none());
    let initial_due = initial_due(c, policy);
    CaseSummary {
        current,
        initial_overdue: initial_due.is_some_and(|d| {
            c.submitted(Submission::Initial)
                .map_or(today > d, |s| s > d)
        }),
        initial_due,
        rates: rates_given(c, own),
        ended,
    }
}

/// What needs a person's review in a case besides its steps (see `CaseView::reviews`).
pub fn case_reviews(state: &State, c: &Case, over_quota: OverQuota<'_>) -> Vec<Missing> {
    case_reviews_seen(state, c, over_quota, super::Sight::Full)
}

/// [`case_view`]'s reviews on `today` as a phone with `sight` draws them (two people on
/// one line as its chain shows them: `Case::signature_conflicts_seen`).
pub fn reviews_seen(
    state: &State,
    c: &Case,
    today: NaiveDate,
    sight: super::Sight,
) -> Vec<Missing> {
    let quota = |post: &str| state.cadre_selection.over_quota_review(post, today);
    case_reviews_seen(state, c, &quota, sight)
}

/// As [`case_reviews`] on a phone with `sight`.
fn case_reviews_seen(
    state: &State,
    c: &Case,
    over_quota: OverQuota<'_>,
    sight: super::Sight,
) -> Vec<Missing> {
    let names = Names(Some(&state.cadre_selection));
    let mut out: Vec<Missing> = c
        .disclosure_conflicts()
        .iter()
        .map(|g| super::disclosure::conflict_missing(g, names))
        .collect();
    for node in [Submission::Initial, Submission::Second] {
        out.extend(
            c.signature_conflicts_seen(node, sight)
                .into_iter()
                .map(|(line, _)| {
                    let m = super::signoff::competing(line);
                    Missing {
                        zh: format!("{}：{}", node.label_in(true), m.zh),
                        en: format!("{}: {}", node.label_in(false), m.en),
                        ..m
                    }
                }),
        );
    }
    out.extend(c.ending_conflict());
    out.extend(c.posts.iter().filter_map(|p| over_quota(p)));
    out
}

/// The review a post over its quota needs, if it is (`CadreSelection::over_quota_review`).
pub type OverQuota<'a> = &'a dyn Fn(&str) -> Option<Missing>;

/// The view of one case on `today`.
pub fn case_view(state: &State, case: &str, today: NaiveDate) -> Option<CaseView> {
    let w4 = &state.cadre_selection;
    // Each post's seats counted once (the steps and the reviews both ask).
    let counted = std::cell::RefCell::new(std::collections::BTreeMap::new());
    case_view_with(state, case, today, &|post| {
        counted
            .borrow_mut()
            .entry(post.to_string())
            .or_insert_with(|| w4.over_quota_review(post, today))
            .clone()
    })
}

/// [`case_view`], with the posts over their quota on `today` already known (a list of
/// every case asks once: `CadreSelection::over_quota_reviews`).
pub fn case_view_with(
    state: &State,
    case: &str,
    today: NaiveDate,
    over_quota: OverQuota<'_>,
) -> Option<CaseView> {
    let c = state.cadre_selection.cases.get(case)?;
    let policy = state.policies.at(today);
    let conflicts = c.conflicts();
    let mut steps: Vec<StepStatus> = Step::ALL
        .into_iter()
        .map(|step| step_status(state, c, step, &policy, &conflicts))
        .collect();
    let own: Vec<bool> = steps.iter().map(|s| s.complete).collect();
    flag_over_quota(c, over_quota, &mut steps);
    let complete: Vec<bool> = steps.iter().map(|s| s.complete).collect();
    let summary = summarize(c, &policy, today, &complete, &own);
    Some(CaseView {
        case: case.to_string(),
        current: summary.current,
        publicity: c.publicity(),
        initial_overdue: summary.initial_overdue,
        initial_due: summary.initial_due,
        rates: summary.rates,
        steps,
        ended: summary.ended,
        conflicts: conflicts
            .iter()
            .map(|g| g.iter().map(|e| (*e).clone()).collect())
            .collect(),
        disclosure_conflicts: c
            .disclosure_conflicts()
            .into_iter()
            .map(|g| g.into_iter().cloned().collect())
            .collect(),
        signature_conflicts: [Submission::Initial, Submission::Second]
            .into_iter()
            .flat_map(|node| {
                c.signature_conflicts(node)
                    .into_iter()
                    .map(move |(line, g)| (node, line, g.into_iter().cloned().collect()))
            })
            .collect(),
        reviews: case_reviews(state, c, over_quota),
    })
}

fn initial_due(c: &Case, policy: &Policy) -> Option<NaiveDate> {
    c.decision_date()
        .map(|d| add_days(d, i64::from(policy.cadre_selection.initial_submission_days)))
}

/// A case whose 初次提交 is overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overdue {
    /// Case id.
    pub case: String,
    /// Case title.
    pub title: String,
    /// Due date.
    pub due: NaiveDate,
}

/// Cases whose 初次提交 is overdue on `today` (not submitted by the due date).
pub fn overdue_submissions(state: &State, today: NaiveDate) -> Vec<Overdue> {
    let policy = state.policies.at(today);
    state
        .cadre_selection
        .cases
        .values()
        .filter_map(|c| {
            let due = initial_due(c, &policy)?;
            let late = c
                .submitted(Submission::Initial)
                .map_or(today > due, |s| s > due);
            late.then(|| Overdue {
                case: c.id.clone(),
                title: c.title.clone(),
                due,
            })
        })
        .collect()
}

/// One target in a post's inspection ranking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RankedTarget {
    /// Cadre id.
    pub cadre: String,
    /// Five dimension scores.
    pub scores: Dimensions,
    /// Total.
    pub total: u64,
    /// 1 = best; ties share a rank.
    pub rank: u32,
    /// Extended inspection (less than a year in the current post).
    pub extended: bool,
}

/// The inspection score ranking (量化排序) of a post's targets.
pub fn ranking(case: &Case, post: &str) -> Vec<RankedTarget> {
    let mut out: Vec<RankedTarget> = case
        .records(Step::Inspection)
        .into_iter()
        .filter_map(|e| match &*e.record {
            StepRecord::Inspection {
                post: p,
                cadre,
                scores,
                extended,
                ..
            } if p == post => Some(RankedTarget {
                cadre: cadre.clone(),
                scores: *scores,
                total: scores.total(),
                rank: 0,
                extended: *extended,
            }),
            _ => None,
        })
        .collect();
    sorting::sort_by(&mut out, |a, b| {
        b.total.cmp(&a.total).then(a.cadre.cmp(&b.cadre))
    });
    let mut previous: Option<(u64, u32)> = None;
    for (i, t) in out.iter_mut().enumerate() {
        t.rank = match previous {
            Some((total, rank)) if total == t.total => rank,
            _ => u32::try_from(i).unwrap_or(u32::MAX).saturating_add(1),
        };
        previous = Some((t.total, t.rank));
    }
    out
}

/// A disclosure as a given role may see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisclosureView {
    /// Event id (what a correction names).
    pub id: String,
    /// Cadre id.
    pub cadre: String,
    /// Cadre name.
    pub name: String,
    /// First or second.
    pub round: Round,
    /// Window start.
    pub start: NaiveDate,
    /// Window end.
    pub end: NaiveDate,
    /// The nine matters and "三龄两历一身份" — only for roles that need them.
    pub content: Option<(PersonalMatters, Sanling)>,
}

/// Roles that may read disclosed personal matters: the recorder, the reviewers (the
/// two section chiefs) and the approver.
pub fn may_see_matters(role: Role) -> bool {
    matches!(
        role,
        Role::Recorder
            | Role::Reviewer
            | Role::CadreChief
            | Role::SupervisionChief
            | Role::Approver
    )
}

/// A case's live disclosures as `role` may see them: everyone sees that a disclosure
/// took place and its window; only recorder, reviewers and approver see the content.
pub fn disclosures_for(state: &State, case: &str, role: Role) -> Vec<DisclosureView> {
    match state.cadre_selection.cases.get(case) {
        Some(c) => disclosures_of(state, c, role),
        None => Vec::new(),
    }
}

/// The live disclosures of case `c` (the case as it stands, or as a submission saw
/// it) as `role` may see them.
pub fn disclosures_of(state: &State, c: &Case, role: Role) -> Vec<DisclosureView> {
    let mut out: Vec<DisclosureView> = c
        .live_disclosures()
        .into_iter()
        .map(|d| {
            let profile = state.cadre_selection.cadre(&d.cadre);
            DisclosureView {
                id: d.id.clone(),
                cadre: d.cadre.clone(),
                name: profile.map(|p| p.name.clone()).unwrap_or_default(),
                round: d.round,
                start: d.start,
                end: d.end,
                content: (may_see_matters(role))
                    .then(|| profile.map(|p| ((*d.matters).clone(), sanling(p, d.start))))
                    .flatten(),
            }
        })
        .collect();
    sorting::sort_by(&mut out, |a, b| {
        (a.start, a.round, &a.cadre).cmp(&(b.start, b.round, &b.cadre))
    });
    out
}
