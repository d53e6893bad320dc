//! The printed 公示 of a year's 选聘 result (seed 002 扎鲁特旗, "两推荐一考察一确定一公示":
//! 旗委选聘工作领导小组召开会议，最终确定拟选聘人选名单，经公示无异议的，发放选聘证书，
//! 理顺工资待遇手续). The people the 公示 named, each with their township, village and
//! post, the window as recorded (first and last day), how and to whom to object (the
//! county organization department: the decision is the county's), issuer and date. One
//! A4 page in large type, the same document block as the eligible list's notice. When the
//! decision no longer matches what was publicized, the notice says so.

use chrono::NaiveDate;

use super::notice::{post, window_line, ymd};
use super::rules::{county_round, CountyRound};
use super::state::Application;
use super::Page;
use crate::domain::screen::{t, Block, Card, Link, Screen, Sheet, SheetCell, Tone};
use crate::domain::state::State;
use crate::domain::versions::Standing;
use crate::route::Route;

/// The bar above the notice: back to the year's round, and print.
fn print_bar(year: i32, zh: bool) -> Card {
    let bar = Block::PrintBar {
        back: Link {
            text: t(zh, "← 返回", "← Back"),
            route: Route::CareerPay(Page::Round(year)),
        },
        print: t(zh, "打印", "Print"),
    };
    Card::new(vec![bar]).class("no-print")
}

/// The notice's lead: how the result was reached, and that it is publicized.
fn lead(zh: bool, decided_on: Option<NaiveDate>, count: usize) -> String {
    let on = decided_on.map(|d| ymd(zh, d));
    if zh {
        let on = on.map_or(String::new(), |d| format!("于{d}"));
        format!("根据《关于从嘎查村书记（主任）中选聘参照事业单位基础工资待遇人员的实施办法》，经本人书面申请、苏木镇党委资格初审、旗县委组织部复审并公示、苏木镇推荐、旗县委组织部考察，旗县委选聘工作领导小组{on}研究决定，拟选聘以下{count}名同志享受事业单位基础工资待遇，现予以公示，接受党员干部群众监督：")
    } else {
        let on = on.map_or(String::new(), |d| format!(" on {d}"));
        let who = match count {
            1 => "the person below".to_string(),
            n => format!("the {n} people below"),
        };
        format!("Under the measures for selecting village party secretaries (directors) for public-institution base pay, after their written applications, the township party committee's review, the county organization department's re-review and publicity, the township's recommendations and the county organization department's inspection, the county's selection leading group decided{on} to select {who} for public-institution base pay. The result is publicized for party members, cadres and villagers to supervise:")
    }
}

/// How and to whom to object: the county organization department, for a county decision.
fn objections(zh: bool) -> String {
    t(
        zh,
        "公示期间，党员干部群众对公示对象有异议的，可通过来信、来电、来访等方式向旗县委组织部反映。经公示无异议的，发放选聘证书，落实工资待遇。反映问题要实事求是，以个人名义反映的请提供真实姓名和联系方式，以单位名义反映的请加盖公章。",
        "During the publicity, party members, cadres and villagers who object to anyone listed may write, call or visit the county party committee's organization department. Those publicized without objection receive their certificate and pay. Objections must be truthful; individuals please give their real name and contact details, units please affix their seal.",
    )
}

/// Where an application's person serves: township and village.
fn place(state: &State, app: &Application, zh: bool) -> String {
    let township = state.master.township_label(&app.township);
    let village = state.master.villages.get(&app.village);
    let village = village.map_or(app.village.clone(), |v| v.name.clone());
    match zh {
        true => format!("{township}{village}"),
        false => format!("{village}, {township}"),
    }
}

/// The list publicized: number, name, township and village, post.
fn list_sheet(state: &State, apps: &[&Application], on: NaiveDate, zh: bool) -> Sheet {
    let rows = apps.iter().enumerate().map(|(i, a)| {
        vec![
            SheetCell {
                number: true,
                ..SheetCell::text((i + 1).to_string())
            },
            SheetCell::text(a.name.clone()),
            SheetCell::text(place(state, a, zh)),
            SheetCell::text(post(state, a, on, zh)),
        ]
    });
    Sheet {
        testid: "notice-list",
        caption: String::new(),
        columns: vec![
            t(zh, "序号", "No."),
            t(zh, "姓名", "Name"),
            t(zh, "所在苏木镇嘎查村", "Village, township"),
            t(zh, "现任职务", "Post"),
        ],
        rows: rows.collect(),
    }
}

/// Names of `ids`' applications, joined.
fn names(state: &State, ids: &[&str], zh: bool) -> String {
    let name = |id: &&str| state.career_pay.application(id).map(|a| a.name.clone());
    let list: Vec<String> = ids.iter().filter_map(name).collect();
    list.join(if zh { "、" } else { ", " })
}

/// How the decision as it stands differs from what was publicized (None: it does not).
fn changed(
    state: &State,
    round: &CountyRound<'_>,
    publicized: &[String],
    zh: bool,
) -> Option<String> {
    if matches!(round.decision, Standing::Conflict) {
        return Some(t(
            zh,
            "注意：公示开始后，选聘决定在两部手机上记录不一致，待核对。本公告为公示时的名单。",
            "Note: since the publicity began, two phones recorded the decision differently; it is being settled. This notice shows the list as publicized.",
        ));
    }
    let now: Vec<String> = round
        .valid_selected()
        .into_iter()
        .map(|c| c.application)
        .collect();
    let off: Vec<&str> = publicized
        .iter()
        .filter(|p| !now.contains(p))
        .map(String::as_str)
        .collect();
    let on: Vec<&str> = now
        .iter()
        .filter(|n| !publicized.contains(n))
        .map(String::as_str)
        .collect();
    if off.is_empty() && on.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if !off.is_empty() {
        parts.push(match zh {
            true => format!("{}已不在现行选聘名单中", names(state, &off, zh)),
            false => format!(
                "{} no longer on the list as it stands",
                names(state, &off, zh)
            ),
        });
    }
    if !on.is_empty() {
        parts.push(match zh {
            true => format!("{}未经本次公示", names(state, &on, zh)),
            false => format!("{} not in this publicity", names(state, &on, zh)),
        });
    }
    Some(match zh {
        true => format!("注意：公示开始后选聘名单有变化（{}）。本公告为公示时的名单，以现行名单为准。", parts.join("；")),
        false => format!("Note: the list changed after the publicity began ({}). This notice shows the list as publicized; the list as it stands prevails.", parts.join("; ")),
    })
}

/// The line standing in for the notice when there is nothing to print yet.
fn not_yet(round: Option<&CountyRound<'_>>, zh: bool) -> Block {
    let Some(round) = round else {
        let text = t(zh, "该年度没有选聘", "No selection round this year");
        return Block::line(Tone::Hint, text);
    };
    match (&round.decision, &round.publicity) {
        (_, Standing::Conflict) => Block::line(
            Tone::Warn,
            t(
                zh,
                "选聘结果的公示在两部手机上记录不一致，请先核对",
                "Two phones recorded the result's publicity differently: settle it first",
            ),
        ),
        (Standing::None, _) => Block::line(
            Tone::Hint,
            t(
                zh,
                "选聘领导小组尚未作出决定，暂无结果可公示",
                "The leading group has not decided yet: there is no result to publicize",
            ),
        ),
        _ => Block::line(
            Tone::Hint,
            t(zh, "选聘结果尚未公示", "The result is not publicized yet"),
        ),
    }
}

/// The 公示 notice of `year`'s 选聘 result (a line saying why not, before it is publicized
/// or when two phones recorded the publicity differently).
pub fn result_notice(state: &State, year: i32, zh: bool) -> Screen {
    let bar = print_bar(year, zh);
    let round = county_round(state, year);
    let Some((r, (start, end, ids))) = round.as_ref().and_then(|r| match r.publicity {
        Standing::One(p) => Some((r, p)),
        _ => None,
    }) else {
        return vec![bar, Card::new(vec![not_yet(round.as_ref(), zh)])];
    };
    let (start, end) = (*start, *end);
    let apps: Vec<&Application> = ids
        .iter()
        .filter_map(|id| state.career_pay.application(id))
        .collect();
    let decided_on = match r.decision {
        Standing::One((_, on)) => Some(*on),
        _ => None,
    };
    let title = match zh {
        true => format!("{year}年选聘嘎查村书记（主任）享受事业单位基础工资待遇拟选聘人员公示"),
        false => {
            format!("Publicity of those to be selected for public-institution base pay, {year}")
        }
    };
    let plain = |text: String| Block::line(Tone::Plain, text);
    let mut blocks = vec![
        Block::DocTitle(title),
        plain(lead(zh, decided_on, apps.len())),
        Block::Sheet(list_sheet(state, &apps, start, zh)),
        plain(window_line(zh, start, end)).testid("notice-window"),
        plain(objections(zh)).testid("notice-objections"),
    ];
    if let Some(text) = changed(state, r, ids, zh) {
        blocks.push(Block::line(Tone::Warn, text).testid("notice-changed"));
    }
    let issuer = t(
        zh,
        "中共旗县委组织部",
        "Organization Department of the County Party Committee",
    );
    blocks.push(Block::Sign(vec![issuer, ymd(zh, start)]));
    let notice = Card::document(blocks)
        .class("notice")
        .attr("data-testid", "result-notice");
    vec![bar, notice]
}
