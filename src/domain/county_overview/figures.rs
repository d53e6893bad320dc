//! The overview's figures, each read from the workflow that owns it: W1's township
//! year (`village_pay::township_year`), W4's case summaries
//! (`cadre_selection::case_summary`) and every workflow's to-dos (`<folder>::todos`).
//! Nothing here decides a rule: it counts what those give.

use chrono::NaiveDate;

use crate::domain::access::{KindRule, ScopeKind};
use crate::domain::cadre_selection::{case_summary, CaseSummary, Sight, Submission};
use crate::domain::event::Role;
use crate::domain::screen::Todo;
use crate::domain::state::State;
use crate::domain::village_pay::{township_year, Period, PeriodStatus};

/// How much of a part's records this phone holds: a phone replicates only the
/// databases its role reads (`access::readable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Held {
    /// Every database the part's records live in.
    All,
    /// Some of them (e.g. the cadre records but not the personal matters, or only the
    /// townships the user is a member of).
    Part,
    /// None: its figures would be zeros that mean nothing.
    Nothing,
}

/// What a phone in `role` holds of a part whose kinds are `access` (`None`: no user
/// chosen yet, the whole log as it is).
pub fn held(role: Option<Role>, access: &[KindRule]) -> Held {
    let Some(role) = role else {
        return Held::All;
    };
    let scopes = access
        .iter()
        .map(|k| k.scope)
        .filter(|s| *s != ScopeKind::Common);
    let (mut some, mut all, mut any) = (false, true, false);
    for scope in scopes {
        any = true;
        let reads = scope.readers().contains(&role);
        // A township's members (who write its records) hold their own townships.
        let member = scope == ScopeKind::Township && writes_in(role, access, scope);
        some |= reads || member;
        all &= reads;
    }
    match (any, all, some) {
        (false, ..) | (true, true, _) => Held::All,
        (true, false, true) => Held::Part,
        (true, false, false) => Held::Nothing,
    }
}

/// Whether `role` writes any of the kinds that live in `scope`.
fn writes_in(role: Role, access: &[KindRule], scope: ScopeKind) -> bool {
    access
        .iter()
        .any(|k| k.scope == scope && k.writers.contains(&role))
}

/// Whether a township's year is graded (定考评等次).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Graded {
    /// Not graded yet.
    No,
    /// Graded, on the scores that stand.
    Yes,
    /// Graded, but scores it used changed since (or two gradings disagree): to redo.
    Redo,
}

/// One township's W1 year as the overview shows it: quarters counted over every
/// village (4 a village), from `village_pay::township_year`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TownshipFigures {
    /// Township id.
    pub township: String,
    /// Its name.
    pub name: String,
    /// The year.
    pub year: i32,
    /// Quarters in all (villages × 4).
    pub quarters: usize,
    /// Quarters with scores recorded (any state but not scored).
    pub scored: usize,
    /// Quarters whose publicity (公示) was opened.
    pub publicized: usize,
    /// Quarters finalized (定稿).
    pub finalized: usize,
    /// Results a person must review (需复核): quarters and the 年度考评, counted as the
    /// township board counts them (`TownshipYearView::needs_review`).
    pub to_review: usize,
    /// Open objections (异议) over every period.
    pub open_objections: usize,
    /// Whether the year is graded.
    pub graded: Graded,
    /// The year whose follow-ups (诫勉谈话, 整改) are counted: the year before while
    /// `year` is not graded and that one is (its follow-ups fall due while this year
    /// runs), else `year`.
    pub follow_up_year: i32,
    /// 诫勉谈话 past their due date and not held.
    pub talks_overdue: usize,
    /// 限期整改 past their due date and not completed.
    pub rectifications_overdue: usize,
}

/// The W1 year the overview shows on `today`: the latest year with village-pay records
/// up to this year (in January, before the year's indicators are published, last
/// year's, whose 诫勉谈话 and 整改 fall due then), else this year.
pub fn pay_year(state: &State, today: NaiveDate) -> i32 {
    let this_year = chrono::Datelike::year(&today);
    let years = state.village_pay.counted.years();
    years
        .into_iter()
        .filter(|y| *y <= this_year)
        .max()
        .unwrap_or(this_year)
}

/// Every township's figures for `year`, by name.
pub fn township_figures(state: &State, year: i32, today: NaiveDate) -> Vec<TownshipFigures> {
    state
        .master
        .townships_sorted()
        .into_iter()
        .map(|t| figures_of(state, &t.id, &t.name, year, today))
        .collect()
}

/// One township's figures.
fn figures_of(
    state: &State,
    township: &str,
    name: &str,
    year: i32,
    today: NaiveDate,
) -> TownshipFigures {
    let view = township_year(state, township, year, today);
    let quarters: Vec<_> = view
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter(|c| Period::QUARTERS.contains(&c.period))
        .collect();
    let count =
        |f: &dyn Fn(&PeriodStatus) -> bool| quarters.iter().filter(|c| f(&c.status)).count();
    let last_year = view
        .grading
        .is_none()
        .then(|| township_year(state, township, year.saturating_sub(1), today))
        .filter(|last| last.grading.is_some());
    let follow_up = last_year.as_ref().unwrap_or(&view);
    let overdue = |due: &dyn Fn(&crate::domain::village_pay::VillageRow) -> bool| {
        follow_up.rows.iter().filter(|r| due(r)).count()
    };
    let graded = match (
        &view.grading,
        view.grading_outdated() || view.grading_conflict,
    ) {
        (None, _) => Graded::No,
        (Some(_), false) => Graded::Yes,
        (Some(_), true) => Graded::Redo,
    };
    TownshipFigures {
        township: township.to_string(),
        name: name.to_string(),
        year,
        quarters: quarters.len(),
        scored: count(&|s| *s != PeriodStatus::NotScored),
        publicized: quarters.iter().filter(|c| c.window.is_some()).count(),
        finalized: count(&|s| matches!(s, PeriodStatus::Final(_))),
        to_review: view.needs_review(),
        open_objections: view.open_objections(),
        graded,
        follow_up_year: follow_up.year,
        talks_overdue: overdue(&|r| r.talk.as_ref().is_some_and(|d| d.overdue)),
        rectifications_overdue: overdue(&|r| r.rectification.as_ref().is_some_and(|d| d.overdue)),
    }
}

/// Where a submission node of a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// Submitted on this date, over the records as they stand.
    On(NaiveDate),
    /// Submitted on this date, over the step records as they stand; the disclosures it
    /// covers are not on this phone (its role does not read them) to check.
    OnStepsOnly(NaiveDate),
    /// Submitted, but the records changed since: to be submitted again.
    Again,
    /// Not submitted.
    Not,
    /// 二次提交 not made, due since the appointment on this date (no deadline).
    DueSince(NaiveDate),
    /// 二次提交 not due yet: the case has not appointed to every post.
    NotYet,
    /// No 二次提交 to make: the case ended (终止) without appointing to every post.
    Ended,
}

/// One W4 case as the overview shows it, from `cadre_selection::case_summary`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseLine {
    /// Case id.
    pub case: String,
    /// Its title.
    pub title: String,
    /// The units of its posts (the post's id when the post is not on record).
    pub units: Vec<String>,
    /// Its gate, rates and 初次提交 deadline.
    pub summary: CaseSummary,
    /// 初次提交.
    pub initial: Submitted,
    /// 二次提交.
    pub second: Submitted,
}

/// Every opened case on `today`, in the order of the case list (by id), on a phone
/// with `sight` (`Sight::of` its role).
pub fn case_lines(state: &State, today: NaiveDate, sight: Sight) -> Vec<CaseLine> {
    let w4 = &state.cadre_selection;
    let over_quota = w4.over_quota_reviews(today);
    let over_quota = |post: &str| over_quota.get(post).cloned();
    w4.cases
        .values()
        .filter(|c| c.opened_on.is_some())
        .filter_map(|c| {
            let summary = case_summary(state, &c.id, today, &over_quota)?;
            let node = |n: Submission| match (c.submission_seen(n, sight), c.submitted(n)) {
                (Some(s), _) if c.annex_unchecked(n, sight) => Submitted::OnStepsOnly(s.on),
                (Some(s), _) => Submitted::On(s.on),
                (None, Some(_)) => Submitted::Again,
                (None, None) => Submitted::Not,
            };
            let mut units: Vec<String> = c
                .posts
                .iter()
                .map(|p| w4.post(p).map_or_else(|| p.clone(), |x| x.unit.clone()))
                .collect();
            crate::domain::sorting::sort(&mut units);
            units.dedup();
            Some(CaseLine {
                case: c.id.clone(),
                title: c.title.clone(),
                units,
                initial: node(Submission::Initial),
                second: match (node(Submission::Second), c.second_due_since()) {
                    (Submitted::Not, Some(on)) => Submitted::DueSince(on),
                    (Submitted::Not, None) if summary.ended.is_none() => Submitted::NotYet,
                    (Submitted::Not, None) => Submitted::Ended,
                    (second, _) => second,
                },
                summary,
            })
        })
        .collect()
}

/// One workflow's to-dos as the overview counts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkflowLine {
    /// Its folder (`annual_assessment`).
    pub folder: &'static str,
    /// Its name in Chinese.
    pub zh: String,
    /// Its name in English.
    pub en: String,
    /// What this phone holds of its records.
    pub held: Held,
    /// Everything it asks now (its `todos`), for every role.
    pub todos: Vec<Todo>,
    /// The day its due dates are read against.
    pub today: NaiveDate,
}

impl WorkflowLine {
    /// Open items: every to-do, dated or not (one that only blocks others included).
    pub fn open(&self) -> usize {
        self.todos.len()
    }

    /// Items with a due date not passed yet (未到期: today or later).
    pub fn due(&self) -> usize {
        self.todos.iter().filter(|t| t.due_from(self.today)).count()
    }

    /// Items whose due date passed before today (逾期).
    pub fn overdue(&self) -> usize {
        self.todos
            .iter()
            .filter(|t| t.overdue_on(self.today))
            .count()
    }

    /// The first open item.
    pub fn first_open(&self) -> Option<&Todo> {
        self.todos.first()
    }

    /// The item not yet due whose date is nearest (the first of them on a tie).
    pub fn nearest_due(&self) -> Option<&Todo> {
        let due = self.todos.iter().filter(|t| t.due_from(self.today));
        earliest(due)
    }

    /// The overdue item whose date passed longest ago (the first of them on a tie).
    pub fn oldest_overdue(&self) -> Option<&Todo> {
        earliest(self.todos.iter().filter(|t| t.overdue_on(self.today)))
    }
}

/// The to-do with the earliest due date, the first of them on a tie.
fn earliest<'a>(todos: impl Iterator<Item = &'a Todo>) -> Option<&'a Todo> {
    todos.fold(None, |best: Option<&Todo>, t| match best {
        Some(b) if b.due <= t.due => Some(b),
        _ => Some(t),
    })
}

/// A workflow of the registry: its folder, its doc line, where its records live and
/// its to-dos.
struct Part {
    folder: &'static str,
    doc: &'static str,
    access: &'static [KindRule],
    todos: fn(&State, NaiveDate, bool) -> Vec<Todo>,
}

/// `parts()`: every workflow of the registry (`for_each_workflow!`).
macro_rules! overview_parts {
    ($($(#[doc = $doc:expr])* $variant:ident($part:ident) => $module:ident,)+) => {
        /// Every workflow, in the registry's order.
        fn parts() -> Vec<Part> {
            vec![$(Part {
                folder: stringify!($module),
                doc: concat!($($doc),*),
                access: <crate::domain::$module::$part>::ACCESS,
                todos: crate::domain::$module::todos::todos,
            },)+]
        }
    };
}

crate::for_each_workflow!(overview_parts);

/// The folders the overview shows in full (W1's township table, W4's cases), not as
/// a line of to-dos.
pub const SHOWN_IN_FULL: [&str; 2] = ["village_pay", "cadre_selection"];

/// What the W1 part (`village_pay`) and the W4 part (`cadre_selection`) of this phone
/// hold for `role`.
pub fn held_in_full(role: Option<Role>) -> (Held, Held) {
    let of = |folder: &str| {
        parts()
            .into_iter()
            .find(|p| p.folder == folder)
            .map_or(Held::Nothing, |p| held(role, p.access))
    };
    (of(SHOWN_IN_FULL[0]), of(SHOWN_IN_FULL[1]))
}

/// Every other workflow's line on `today` for `role`'s phone.
pub fn workflow_lines(
    state: &State,
    role: Option<Role>,
    today: NaiveDate,
    zh: bool,
) -> Vec<WorkflowLine> {
    parts()
        .into_iter()
        .filter(|p| !SHOWN_IN_FULL.contains(&p.folder))
        .map(|p| {
            let (zh_name, en_name) = names(p.doc);
            let held = held(role, p.access);
            WorkflowLine {
                folder: p.folder,
                zh: zh_name,
                en: en_name,
                held,
                todos: match held {
                    Held::Nothing => Vec::new(),
                    _ => (p.todos)(state, today, zh),
                },
                today,
            }
        })
        .collect()
}

/// A workflow's names from its line in the registry, "中文名 (W5): English words.":
/// the Chinese before " (", the English after "): " (capitalized, no full stop).
fn names(doc: &str) -> (String, String) {
    let doc = doc.trim();
    let zh = doc.split(" (").next().unwrap_or(doc).trim().to_string();
    let en = doc.split_once("): ").map_or(doc, |(_, e)| e);
    let en = en.trim().trim_end_matches('.');
    let mut chars = en.chars();
    let en = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    (zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workflow_is_named_from_its_registry_line() {
        let (zh, en) = names(" 年度考核 (W5): ratings, grades and what they call for.");
        assert_eq!(zh, "年度考核");
        assert_eq!(en, "Ratings, grades and what they call for");
    }

    #[test]
    fn a_phone_holds_what_its_role_reads() {
        use crate::domain::cadre_selection::CadreSelectionEvent;
        use crate::domain::village_pay::VillagePayEvent;
        let w1 = VillagePayEvent::ACCESS;
        let w4 = CadreSelectionEvent::ACCESS;
        assert_eq!(held(Some(Role::Admin), w1), Held::All);
        assert_eq!(held(Some(Role::Recorder), w1), Held::Nothing);
        assert_eq!(held(Some(Role::Organizer), w1), Held::Part);
        assert_eq!(held(Some(Role::Recorder), w4), Held::All);
        // The administrator reads the cadre records but not the personal matters.
        assert_eq!(held(Some(Role::Admin), w4), Held::Part);
        assert_eq!(held(Some(Role::Auditor), w4), Held::Nothing);
        assert_eq!(held(None, w4), Held::All);
    }
}
