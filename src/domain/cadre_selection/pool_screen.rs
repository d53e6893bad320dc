//! The W4 pool page as screens (`domain::screen`): each cadre with the computed
//! 三龄两历一身份, current post, history, grades and why they cannot be an inspection
//! target; each post with its quota and holders; versions recorded on phones that had
//! not seen each other, listed for the administrator to settle by one edit.

use super::Page;
use std::sync::Arc;

use crate::domain::screen::t;
use crate::domain::sorting;
use chrono::NaiveDate;

use super::words::{gender_label, history_text, recorded_by, sanling_line};
use super::{current_position, exclusions, Action, CadreProfile, Post, Versions};
use crate::domain::event::Role;
use crate::domain::screen::{Block, Card, Focus, Link, Record, Screen, Tone};
use crate::domain::state::State;
use crate::route::Route;

/// The focus key of the cadre form (its `from` is the cadre's id).
pub const CADRE_FORM: &str = "cadre";
/// The focus key of the post form (its `from` is the post's id).
pub const POST_FORM_KEY: &str = "post";

/// The versions recorded on phones that had not seen each other, with how to settle
/// them (nothing when the domain sees no conflict).
fn conflict<T: PartialEq>(
    versions: &Versions<T>,
    zh: bool,
    show: impl Fn(&T) -> String,
) -> Option<Block> {
    // What the domain calls a conflict (two live versions that differ), nothing else.
    if !versions.conflicted() {
        return None;
    }
    let colon = if zh { "：" } else { ": " };
    let live = versions.live().into_iter();
    let items = live.map(|v| format!("{}{colon}{}", recorded_by(v), show(&v.value)));
    let head = t(
        zh,
        "在不同手机上各自录入了不同版本，请核对后点“编辑”保存为一个版本：",
        "Different versions were recorded on different phones; check them, then Edit and save one version:",
    );
    Some(Block::List {
        tone: Tone::Warn,
        head,
        items: items.collect(),
        testid: "conflict",
    })
}

/// The edit button of a thing, for a role that may record master data.
fn edit<T>(
    role: Option<Role>,
    form: &'static str,
    id: &str,
    versions: &Versions<T>,
    zh: bool,
) -> Option<(String, Focus)> {
    let may = role.is_some_and(|r| Action::MasterData.allows(r));
    let replaces = versions.live().iter().map(|v| v.id.clone()).collect();
    let focus = Focus {
        area: form,
        form: form.to_string(),
        replaces,
        from: id.to_string(),
        follow: false,
        each: false,
    };
    may.then(|| (t(zh, "编辑", "Edit"), focus))
}

/// One cadre: name and person, 三龄两历一身份, current post, history, grades, bars.
fn cadre(
    id: &str,
    versions: &Versions<Arc<CadreProfile>>,
    s: &State,
    role: Option<Role>,
    on: NaiveDate,
    zh: bool,
) -> Option<Record> {
    let p = versions.current()?;
    let now = current_position(p, on).map(|x| format!("{}{}", x.unit, x.title));
    let graded = crate::domain::annual_assessment::results::annual_grades(s, id);
    let grades: Vec<String> = graded
        .iter()
        .map(|(y, g)| {
            let from = match (g.assessed, g.conflicted, zh) {
                (_, true, true) => "（年度考核记录不一致，按较低等次）",
                (_, true, false) => " (assessment records differ: the lower counts)",
                (true, false, true) => "（年度考核）",
                (true, false, false) => " (assessment)",
                (false, ..) => "",
            };
            format!("{y} {}{from}", g.grade.label_in(zh))
        })
        .collect();
    let mut body = vec![
        Block::line(Tone::Plain, sanling_line(p, on, zh)).testid("sanling"),
        Block::line(
            Tone::Hint,
            t(zh, "现任：", "Now: ") + &now.unwrap_or_default(),
        ),
        Block::line(
            Tone::Hint,
            t(zh, "工作经历：", "History: ") + &history_text(p, on, zh),
        ),
        Block::line(
            Tone::Hint,
            t(zh, "年度考核：", "Grades: ") + &grades.join(if zh { "，" } else { ", " }),
        ),
    ];
    let policy = s.policies.at(on).cadre_selection;
    let plain = graded.into_iter().map(|(y, g)| (y, g.grade)).collect();
    let bars: Vec<String> = exclusions(p, &plain, None, on, &policy)
        .iter()
        .map(|b| b.reason(zh))
        .collect();
    if !bars.is_empty() {
        let text = t(zh, "不得列为考察对象：", "Cannot be an inspection target: ")
            + &bars.join(if zh { "；" } else { "; " });
        body.push(Block::line(Tone::Warn, text).testid("excluded"));
    }
    body.extend(conflict(versions, zh, |x| {
        format!("{} · {}", x.name, sanling_line(x, on, zh))
    }));
    Some(Record {
        title: format!(
            "{} · {} · {} · {}",
            p.name,
            gender_label(&p.gender, zh),
            p.ethnicity,
            p.birth
        ),
        body,
        meta: String::new(),
        correct: edit(role, CADRE_FORM, id, versions, zh),
        attrs: vec![("data-cadre", id.to_string())],
    })
}

/// The line leading to the accountability trace of a cadre some case names.
fn trace_link(id: &str, zh: bool) -> Block {
    Block::Line {
        tone: Tone::Plain,
        text: t(zh, "选任责任追溯 →", "Accountability trace →"),
        testid: "cadre-trace",
        link: Some(Route::CadreSelection(Page::CadreTrace(id.to_string()))),
    }
}

/// The pool's cadres, by name, for a user in `role` on `on`.
pub fn cadre_list(s: &State, role: Option<Role>, on: NaiveDate, zh: bool) -> Screen {
    let pool = &s.cadre_selection;
    let mut cadres: Vec<_> = pool
        .cadres
        .iter()
        .filter(|(_, x)| x.current().is_some())
        .collect();
    sorting::sort_by(&mut cadres, |a, b| {
        let name_a = a.1.current().map(|p| p.name.as_str());
        let name_b = b.1.current().map(|p| p.name.as_str());
        (name_a, a.0).cmp(&(name_b, b.0))
    });
    let named = super::trace::named_cadres(s);
    let records = cadres.into_iter().filter_map(|(id, x)| {
        let mut record = cadre(id, x, s, role, on, zh)?;
        if named.contains(id.as_str()) {
            record.body.push(trace_link(id, zh));
        }
        Some(record)
    });
    let back = Link {
        text: t(zh, "← 选任事项", "← Cases"),
        route: Route::CadreSelection(Page::Cases),
    };
    let blocks = vec![
        Block::Back(back),
        Block::Title(t(zh, "干部信息", "Cadres")),
        Block::Records {
            testid: "cadres",
            records: records.collect(),
        },
    ];
    vec![Card::new(blocks)]
}

/// One post: unit, title, quota, holders; over its quota; versions to settle.
fn post(
    versions: &Versions<Post>,
    s: &State,
    seats: &Seats,
    role: Option<Role>,
    zh: bool,
) -> Option<Record> {
    let p = versions.current()?;
    let held = seats.get(&p.id).map_or(0, |holders| holders.len());
    let quota = format!(
        "{}{} · {}{held}",
        t(zh, "职数 ", "quota "),
        p.quota,
        t(zh, "现有 ", "in post ")
    );
    let mut body = vec![Block::line(Tone::Plain, quota)];
    if let Some(m) = over_quota(s, &p.id, held, p.quota) {
        body.push(Block::line(Tone::Warn, if zh { m.zh } else { m.en }).testid("over-quota"));
    }
    let quota_word = t(zh, "职数", "quota");
    body.extend(conflict(versions, zh, |x| {
        format!("{}{} {quota_word} {}", x.unit, x.title, x.quota)
    }));
    Some(Record {
        title: format!("{}{}", p.unit, p.title),
        body,
        meta: String::new(),
        correct: edit(role, POST_FORM_KEY, &p.id, versions, zh),
        attrs: vec![("data-post", p.id.clone())],
    })
}

/// The cadres taking each post's seats (`CadreSelection::seats_on`).
type Seats = std::collections::BTreeMap<String, std::collections::BTreeSet<String>>;

/// The review of a post over its quota (`CadreSelection::over_quota_review`), from its
/// seats counted once for the whole list.
fn over_quota(s: &State, post: &str, held: usize, quota: u32) -> Option<super::Missing> {
    let held = held as u64;
    (held > u64::from(quota)).then(|| s.cadre_selection.quota_review(post, held, quota))
}

/// The pool's posts with their quotas, for a user in `role` on `on`.
pub fn post_list(s: &State, role: Option<Role>, on: NaiveDate, zh: bool) -> Vec<Block> {
    let seats = s.cadre_selection.seats_on(on);
    let posts = s.cadre_selection.posts.values();
    let records = posts.filter_map(|v| post(v, s, &seats, role, zh));
    vec![Block::Records {
        testid: "posts",
        records: records.collect(),
    }]
}
