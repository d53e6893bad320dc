//! The printed 公示 of a township's eligible list (符合选聘条件人员名单; seed 002 扎鲁特旗,
//! "两审核一公示": 苏木镇党委资格初审、旗委组织部复审，确定符合选聘条件人员名单，并在苏木镇
//! 所在地和各嘎查村分别进行公示; only those whose 公示 ended "群众无异议" may be recommended
//! at 1:3). The people the 公示 named, each with their village and post, the window as
//! recorded (first and last day), how and to whom to object. One A4 page in large type,
//! the same document block as W1's 公示 and W4's 任前公示.

use chrono::{Datelike, NaiveDate};

use super::rules::township_round;
use super::state::Application;
use super::Page;
use crate::domain::screen::{t, Block, Card, Link, Screen, Sheet, SheetCell, Tone};
use crate::domain::state::State;
use crate::domain::versions::Standing;
use crate::route::Route;

/// A date as the notice writes it: 2026年04月02日.
pub(super) fn ymd(zh: bool, d: NaiveDate) -> String {
    if zh {
        format!("{}年{:02}月{:02}日", d.year(), d.month(), d.day())
    } else {
        d.to_string()
    }
}

/// The notice's lead: how the list was reached, and that it is publicized.
fn lead(zh: bool, township: &str, count: usize) -> String {
    if zh {
        format!("根据《关于从嘎查村书记（主任）中选聘参照事业单位基础工资待遇人员的实施办法》，经本人书面申请、{township}党委资格初审、旗县委组织部复审，以下{count}名同志符合选聘条件，现在{township}所在地和各嘎查村分别予以公示，接受党员干部群众监督：")
    } else {
        format!("Under the measures for selecting village party secretaries (directors) for public-institution base pay, after their written applications, the {township} party committee's review and the county organization department's re-review, the {count} people below meet the conditions. The list is publicized at the {township} seat and in each village for party members, cadres and villagers to supervise:")
    }
}

/// How and to whom to object (the township's organizer records an objection raised in
/// the window; only those publicized without objection may be recommended).
fn objections(zh: bool, township: &str) -> String {
    if zh {
        format!("公示期间，党员干部群众对公示对象有异议的，可通过来信、来电、来访等方式向中共{township}委员会反映，由乡镇组织委员登记并在核实后答复。公示期满无异议的，方可推荐为初步人选。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式。")
    } else {
        format!("During the publicity, party members, cadres and villagers who object to anyone listed may write, call or visit the {township} party committee; the township organizer records each objection and answers it once checked. Only those publicized without objection may be recommended. Objections must be truthful; individuals please give their real name and contact details.")
    }
}

/// The applicant's posts in their village on `on`, as their tenures record them.
pub(super) fn post(state: &State, app: &Application, on: NaiveDate, zh: bool) -> String {
    let person = state.village_heads.person(&app.person);
    let tenures = person.iter().flat_map(|p| &p.tenures).map(|(_, t)| t);
    let sitting = tenures
        .filter(|t| t.village == app.village && t.start <= on && t.end.is_none_or(|end| end > on));
    let mut posts: Vec<&str> = Vec::new();
    for label in sitting.map(|t| t.post.label(zh)) {
        if !posts.contains(&label) {
            posts.push(label);
        }
    }
    match posts.is_empty() {
        true => "—".to_string(),
        false => posts.join(if zh { "、" } else { ", " }),
    }
}

/// The list publicized: number, name, village, post.
fn list_sheet(state: &State, apps: &[&Application], on: NaiveDate, zh: bool) -> Sheet {
    let rows = apps.iter().enumerate().map(|(i, a)| {
        let village = state
            .master
            .villages
            .get(&a.village)
            .map_or(a.village.clone(), |v| v.name.clone());
        vec![
            SheetCell {
                number: true,
                ..SheetCell::text((i + 1).to_string())
            },
            SheetCell::text(a.name.clone()),
            SheetCell::text(village),
            SheetCell::text(post(state, a, on, zh)),
        ]
    });
    Sheet {
        testid: "notice-list",
        caption: String::new(),
        columns: vec![
            t(zh, "序号", "No."),
            t(zh, "姓名", "Name"),
            t(zh, "所在嘎查村", "Village"),
            t(zh, "现任职务", "Post"),
        ],
        rows: rows.collect(),
    }
}

/// The window's line: first and last day, and how many days.
pub(super) fn window_line(zh: bool, start: NaiveDate, end: NaiveDate) -> String {
    let days = (end - start).num_days().saturating_add(1);
    let (a, b) = (ymd(zh, start), ymd(zh, end));
    if zh {
        format!("公示时间：{a} 至 {b}（共 {days} 天）。")
    } else {
        format!("Publicity: {a} to {b} ({days} days).")
    }
}

/// The bar above the notice: back to the township's round, and print.
fn print_bar(year: i32, township: &str, zh: bool) -> Card {
    let bar = Block::PrintBar {
        back: Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::CareerPay(Page::Township(year, township.to_string())),
        },
        print: t(zh, "打印", "Print"),
    };
    Card::new(vec![bar]).class("no-print")
}

/// The 公示 notice of `township`'s eligible list for `year` (a line saying it is not
/// publicized, before it is, or that two phones recorded it differently).
pub fn eligible_notice(state: &State, year: i32, township: &str, zh: bool) -> Screen {
    let bar = print_bar(year, township, zh);
    let round = township_round(state, year, township);
    let (start, end, ids) = match round.publicity {
        Standing::One((start, end, ids)) => (*start, *end, ids),
        Standing::Conflict => {
            let text = t(
                zh,
                "该名单的公示在两部手机上记录不一致，请先核对",
                "Two phones recorded this list's publicity differently: settle it first",
            );
            return vec![bar, Card::new(vec![Block::line(Tone::Warn, text)])];
        }
        Standing::None => {
            let text = t(zh, "该名单尚未公示", "This list is not publicized yet");
            return vec![bar, Card::new(vec![Block::line(Tone::Hint, text)])];
        }
    };
    let apps: Vec<&Application> = ids
        .iter()
        .filter_map(|id| state.career_pay.application(id))
        .collect();
    let name = state.master.township_label(township);
    let title = match zh {
        true => format!(
            "{name}{year}年选聘嘎查村书记（主任）享受事业单位基础工资待遇符合条件人员名单公示"
        ),
        false => {
            format!("{name}: publicity of those eligible for public-institution base pay, {year}")
        }
    };
    let plain = |text: String| Block::line(Tone::Plain, text);
    let party = match zh {
        true => format!("中共{name}委员会"),
        false => format!("{name} Party Committee"),
    };
    let blocks = vec![
        Block::DocTitle(title),
        plain(lead(zh, &name, apps.len())),
        Block::Sheet(list_sheet(state, &apps, start, zh)),
        plain(window_line(zh, start, end)).testid("notice-window"),
        plain(objections(zh, &name)).testid("notice-objections"),
        Block::Sign(vec![party, ymd(zh, start)]),
    ];
    let notice = Card::document(blocks)
        .class("notice")
        .attr("data-testid", "eligible-notice");
    vec![bar, notice]
}
