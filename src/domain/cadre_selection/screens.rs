//! The cadre-selection pages as screens (`domain::screen`), built here for one user and
//! one language and drawn by the one renderer. Today: the list of cases, with the
//! overall rates, each case's state and an overdue 初次提交, and the form to open one.

use super::Page;
use crate::domain::screen::t;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{case_reviews, case_summary, Action, Case, CaseSummary, Command, OverQuota, Rates};
use crate::domain::command::Command as AnyCommand;
use crate::domain::event::Role;
use crate::domain::form::{field, FieldKind, Form, Inputs, Options};
use crate::domain::screen::{Block, Card, FormBlock, Item, Items, Link, Screen, Sent, Tone};
use crate::domain::state::State;
use crate::domain::RuleViolation;
use crate::route::Route;

/// The option list of the case form: the pool's posts.
const POSTS: &str = "post";

/// Opening a selection case (选任事项).
pub const OPEN_CASE_FORM: Form = Form {
    key: "open_case",
    fields: &[
        field("title", "选任事项名称", "Case title", FieldKind::Text).required(),
        field("posts", "职位", "Posts", FieldKind::PickMany(POSTS)).required(),
        field("on", "建立日期", "Opened on", FieldKind::Date).required(),
    ],
};

/// The case form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenCaseInput {
    /// The case's title.
    pub title: String,
    /// The posts it fills.
    pub posts: Vec<String>,
    /// The day it is opened.
    pub on: NaiveDate,
}

/// Hundredths of a percent as text ("87.50%").
pub fn percent(bp: u32) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// The pool's posts, as the case form offers them.
pub fn post_options(state: &State) -> Options {
    let pool = &state.cadre_selection;
    let posts = pool
        .post_list()
        .map(|p| (p.id.clone(), pool.post_name(&p.id)));
    Options::default().with(POSTS, posts.collect())
}

/// The list of cases for a user in `role` on `today`, and the form to open one (for a
/// recorder; everyone else reads who may).
pub fn case_list(state: &State, role: Option<Role>, today: NaiveDate, zh: bool) -> Screen {
    let over_quota = state.cadre_selection.over_quota_reviews(today);
    let over_quota = |post: &str| over_quota.get(post).cloned();
    let cases: Vec<Listed<'_>> = state
        .cadre_selection
        .cases
        .values()
        .filter(|x| x.opened_on.is_some())
        .filter_map(|x| Some((x, case_summary(state, &x.id, today, &over_quota)?)))
        .collect();
    // The same sum as `overall_rates`, from the summaries already made.
    let mut all = Rates::default();
    for (_, summary) in &cases {
        all.add(summary.rates);
    }
    let overall = format!(
        "{}{}{}{}",
        t(zh, "全部事项 填写率 ", "All cases: fill "),
        percent(all.fill_bp()),
        t(zh, "，完整度 ", ", completeness "),
        percent(all.completeness_bp())
    );
    let export = (!cases.is_empty()).then(|| super::case_export::cases_csv(&cases, zh));
    let sight = super::Sight::of(role);
    let (recent, archived) = by_year_finished(state, cases, today, &over_quota, sight);
    let items: Vec<Item> = recent
        .into_iter()
        .map(|(x, summary)| case_item(x, summary, zh))
        .collect();
    let none_under_way = items.is_empty() && !archived.is_empty();
    let mut blocks = vec![
        Block::Title(t(zh, "干部选拔任用纪实", "Cadre selection records")),
        Block::Line {
            tone: Tone::Plain,
            text: t(zh, "干部信息与职位 →", "Cadres and posts →"),
            testid: "",
            link: Some(Route::CadreSelection(Page::Cadres)),
        },
        Block::line(Tone::Hint, overall).testid("overall"),
        Block::Items(Items {
            testid: "cases",
            items,
        }),
    ];
    blocks.extend(export);
    if none_under_way {
        let none = t(zh, "没有进行中的事项", "No case under way");
        blocks.push(Block::line(Tone::Hint, none).testid("none-under-way"));
    }
    blocks.extend(archived.into_iter().rev().map(|(year, cases)| {
        let summary = if zh {
            format!("{year} 年已完成或终止的事项（{} 项）", cases.len())
        } else {
            format!("Cases of {year} completed or ended ({})", cases.len())
        };
        let items = cases
            .into_iter()
            .map(|(x, v)| case_item(x, v, zh))
            .collect();
        Block::Folded {
            summary,
            open: false,
            blocks: vec![Block::Items(Items {
                testid: "cases-archived",
                items,
            })],
        }
    }));
    // The form is a card of its own: a change in the list (a sync) leaves what is typed.
    vec![Card::new(blocks), Card::new(open_case(state, role, zh))]
}

/// A case as the list shows it.
type Listed<'a> = (&'a Case, CaseSummary);

/// A case that is done — ended, or its steps all complete and 二次提交 made over its
/// records as they stand; nothing to review (a conflict two phones made) and no
/// submission overdue — and whose records all lie in an earlier year than `today`, is
/// kept apart by the year of its last record (folded, so a county's list of several
/// years shows what is under way at once); every other case is listed first, in order.
/// `sight`: what this phone holds of the records a 二次提交 covers.
fn by_year_finished<'a>(
    state: &State,
    cases: Vec<Listed<'a>>,
    today: NaiveDate,
    over_quota: OverQuota<'_>,
    sight: super::Sight,
) -> (
    Vec<Listed<'a>>,
    std::collections::BTreeMap<i32, Vec<Listed<'a>>>,
) {
    use chrono::Datelike;
    let mut recent = Vec::new();
    let mut archived: std::collections::BTreeMap<i32, Vec<_>> = Default::default();
    for (case, summary) in cases {
        // The cheap tests first: a county's list asks this of every case.
        let earlier = last_day(case)
            .map(|on| on.year())
            .filter(|y| *y < today.year());
        let finished = || {
            let submitted = || {
                case.submission_seen(super::Submission::Second, sight)
                    .is_some()
            };
            summary.ended.is_some() || (summary.current.is_none() && submitted())
        };
        let quiet = || !summary.initial_overdue && case_reviews(state, case, over_quota).is_empty();
        match earlier {
            Some(year) if finished() && quiet() => {
                archived.entry(year).or_default().push((case, summary))
            }
            _ => recent.push((case, summary)),
        }
    }
    (recent, archived)
}

/// The last day a case's records name: its opening, its steps', its endings', its
/// signatures' and its submissions'.
pub fn last_day(case: &Case) -> Option<NaiveDate> {
    let steps = case.entries.values().map(|e| e.record.on());
    let endings = case.endings.values().map(|e| e.on);
    let signed = case.signatures.values().map(|s| s.on);
    let submitted = case.submissions.values().map(|s| s.on);
    let all = steps.chain(endings).chain(signed).chain(submitted);
    case.opened_on.into_iter().chain(all).max()
}

/// One case: its title, its current step (or how it ended), rates, overdue.
fn case_item(x: &Case, v: CaseSummary, zh: bool) -> Item {
    let now = match (&v.ended, v.current) {
        (Some(e), _) => format!("{}{}", t(zh, "已终止：", "ended: "), e.ending.label(zh)),
        (None, Some(step)) => step.label(zh).to_string(),
        (None, None) => t(zh, "全部完成", "all done"),
    };
    let meta = format!(
        " · {now} · {}{} · {}{}",
        t(zh, "填写率 ", "fill "),
        percent(v.rates.fill_bp()),
        t(zh, "完整度 ", "complete "),
        percent(v.rates.completeness_bp())
    );
    let warn = v.initial_overdue.then(|| {
        let due = v.initial_due.map(|d| d.to_string()).unwrap_or_default();
        let (open, close) = (
            t(
                zh,
                " · 初次提交已逾期（应于 ",
                " · initial submission overdue (due ",
            ),
            t(zh, "）", ")"),
        );
        format!("{open}{due}{close}")
    });
    Item {
        link: Link {
            text: x.title.clone(),
            route: Route::CadreSelection(Page::Case(x.id.clone())),
        },
        meta,
        warn,
        urgent: v.initial_overdue,
        attrs: vec![("data-case", x.id.clone())],
    }
}

/// The form to open a case, or who may.
fn open_case(state: &State, role: Option<Role>, zh: bool) -> Vec<Block> {
    if !role.is_some_and(|r| Action::Record.allows(r)) {
        let why = Action::Record.only();
        let text = if zh { why.zh } else { why.en };
        return vec![Block::line(Tone::Hint, text).testid("not-yours")];
    }
    let template = Command::OpenCase {
        case: String::new(),
        title: String::new(),
        posts: Vec::new(),
        on: NaiveDate::MIN,
    };
    let (button, done) = (
        t(zh, "建立", "Open"),
        t(zh, "选任事项已建立", "Case opened"),
    );
    let mut form = FormBlock::new(
        OPEN_CASE_FORM,
        template.into(),
        read_open_case,
        button,
        done,
    );
    form.options = post_options(state);
    form.testid = "open-case";
    vec![
        Block::Heading(t(zh, "新建选任事项", "Open a case")),
        Block::Form(Box::new(form)),
    ]
}

/// The case form's inputs into `OpenCase`, with a new case id.
fn read_open_case(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let input: OpenCaseInput = block.form.read(&block.options, inputs, sent.today)?;
    let (title, posts, on) = (input.title, input.posts, input.on);
    Ok(Command::OpenCase {
        case: sent.new_id("case"),
        title,
        posts,
        on,
    }
    .into())
}
