//! The pages of rotation and secondment as screens: the county list (overdue, due,
//! falling due, exempt and why, profiles incomplete; secondments near, at or past their
//! limit; the key posts), each list exportable as CSV, with the forms; and one cadre's
//! positions and rotations.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::alerts::{
    rotation_list, rotations_of, secondments, RotationAlert, RotationStatus, SecondmentLine,
    SecondmentStatus,
};
use super::decide::{Action, Command, Fix};
use super::forms::{
    post_value, read, CADRES, ENDED, END_FORM, FIX_ROTATION_FORM, FIX_SECOND_FORM, KEYS, KEY_FORM,
    POSTS, ROTATED, ROTATE_FORM, RUNNING, SECONDED, SECOND_FORM, UNKEY_FORM, WITHDRAW_END_FORM,
    WITHDRAW_ROTATION_FORM, WITHDRAW_SECOND_FORM,
};
use super::Page;
use crate::domain::annual_assessment::screens::Viewer;
use crate::domain::cadre_selection::cadre::current_position;
use crate::domain::cadre_selection::words::history_text;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{colon, t, Block, Card, Item, Items, Link, Screen, Tone};
use crate::domain::versions::Records;
use crate::domain::State;
use crate::route::Route;

fn route(page: Page) -> Route {
    Route::Rotation(page)
}

fn form(f: Form, template: Command, (button, done): (String, String), options: Options) -> Block {
    let mut block = crate::domain::screen::FormBlock::new(f, template.into(), read, button, done);
    block.testid = f.key;
    block.options = options;
    Block::Form(Box::new(block))
}

/// The sections of the rotation list (their test ids), in order.
const SECTIONS: [&str; 5] = [
    "rotation-overdue",
    "rotation-due",
    "rotation-coming",
    "rotation-exempt",
    "rotation-incomplete",
];

/// The section a status is listed under.
fn section(s: &RotationStatus) -> &'static str {
    match s {
        RotationStatus::Overdue => SECTIONS[0],
        RotationStatus::Due => SECTIONS[1],
        RotationStatus::Coming => SECTIONS[2],
        RotationStatus::Exempt { .. } => SECTIONS[3],
        RotationStatus::Incomplete(..) => SECTIONS[4],
    }
}

/// "必须轮岗（关键岗位）" or "应当轮岗"; on a key post, exempt by age, says so.
fn must(a: &RotationAlert, zh: bool) -> String {
    let exempt = matches!(a.status, RotationStatus::Exempt { .. });
    match (a.key.is_some() && exempt, zh) {
        (true, true) => return "关键岗位，年满年龄可不轮岗".into(),
        (true, false) => return "key post: exempt by age".into(),
        _ => {}
    }
    match (a.key.is_some(), zh) {
        (true, true) => "关键岗位，必须轮岗".into(),
        (false, true) => "应当轮岗".into(),
        (true, false) => "key post: must rotate".into(),
        (false, false) => "should rotate".into(),
    }
}

fn alert_meta(a: &RotationAlert, zh: bool) -> String {
    match zh {
        true => format!(
            "{}{} · {}起任现职 · {}满年限 · {}",
            a.position.unit,
            a.position.title,
            a.since,
            a.due,
            must(a, true)
        ),
        false => format!(
            "{} {} · in post since {} · due {} · {}",
            a.position.unit,
            a.position.title,
            a.since,
            a.due,
            must(a, false)
        ),
    }
}

fn alert_item(a: &RotationAlert, zh: bool) -> Item {
    let why = a.status.why(a.profile.gender.trim(), zh);
    Item {
        link: Link {
            text: a.profile.name.clone(),
            route: route(Page::Cadre(a.cadre.to_string())),
        },
        meta: alert_meta(a, zh),
        warn: (!why.is_empty()).then_some(why),
        urgent: a.status == RotationStatus::Overdue,
        attrs: vec![("data-cadre", a.cadre.to_string())],
    }
}

fn secondment_meta(l: &SecondmentLine, zh: bool) -> String {
    let s = l.secondment;
    let ended = l.ended.map(|e| match zh {
        true => format!("，{e}结束"),
        false => format!(", ended {e}"),
    });
    match zh {
        true => format!(
            "{}借调至{} · {}起 · {}满期{} · {}",
            s.from_unit,
            s.to_unit,
            s.start,
            l.limit,
            ended.unwrap_or_default(),
            l.status.label(true)
        ),
        false => format!(
            "{} to {} · from {} · limit {}{} · {}",
            s.from_unit,
            s.to_unit,
            s.start,
            l.limit,
            ended.unwrap_or_default(),
            l.status.label(false)
        ),
    }
}

fn differs(zh: bool, two: bool) -> String {
    match (two, zh) {
        (false, _) => String::new(),
        (true, true) => "（两部手机记录不一致，待更正）".into(),
        (true, false) => " (differs between two phones: correct it)".into(),
    }
}

/// The rotation list as CSV rows: header and one row per cadre.
pub fn rotation_rows(state: &State, today: NaiveDate, zh: bool) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        ("类别", "Section"),
        ("姓名", "Name"),
        ("性别", "Gender"),
        ("出生日期", "Born"),
        ("单位", "Unit"),
        ("职务", "Post"),
        ("任现职（或上次轮岗）日期", "In post since"),
        ("满年限日期", "Due"),
        ("岗位", "Post kind"),
        ("说明", "Note"),
    ];
    let header = header.iter().map(|(z, e)| t(zh, z, e)).collect();
    let rows = rotation_list(state, today)
        .iter()
        .map(|a| {
            vec![
                a.status.label(zh).to_string(),
                a.profile.name.clone(),
                a.profile.gender.clone(),
                a.profile.birth.to_string(),
                a.position.unit.clone(),
                a.position.title.clone(),
                a.since.to_string(),
                a.due.to_string(),
                must(a, zh),
                a.status.why(a.profile.gender.trim(), zh),
            ]
        })
        .collect();
    (header, rows)
}

/// The secondments as CSV rows: header and one row per secondment.
pub fn secondment_rows(
    state: &State,
    today: NaiveDate,
    zh: bool,
) -> (Vec<String>, Vec<Vec<String>>) {
    let header = [
        ("姓名", "Name"),
        ("原单位", "From unit"),
        ("借用单位", "Borrowing unit"),
        ("开始日期", "From"),
        ("满期日期", "Limit"),
        ("结束日期", "Ended"),
        ("状态", "Status"),
        ("审批备案", "Consent and filing"),
    ];
    let header = header.iter().map(|(z, e)| t(zh, z, e)).collect();
    let rows = secondments(state, today)
        .iter()
        .map(|l| {
            let s = l.secondment;
            vec![
                s.name.clone(),
                s.from_unit.clone(),
                s.to_unit.clone(),
                s.start.to_string(),
                l.limit.to_string(),
                l.ended.map(|e| e.to_string()).unwrap_or_default(),
                l.status.label(zh).to_string(),
                s.basis.clone(),
            ]
        })
        .collect();
    (header, rows)
}

fn download(
    text: String,
    file: String,
    (header, rows): (Vec<String>, Vec<Vec<String>>),
    testid: &'static str,
) -> Block {
    Block::Download {
        text,
        file,
        mime: "text/csv;charset=utf-8",
        content: {
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            crate::domain::csv::csv(&header, &rows)
        },
        testid,
    }
}

/// The county list: rotation by section, secondments, key posts, exports and forms.
pub fn list_screen(state: &State, who: &Viewer) -> Screen {
    let zh = who.zh;
    let today = who.today;
    let policy = &state.policies.at(today).rotation;
    let list = rotation_list(state, today);
    let mut head = vec![
        Block::Back(Link {
            text: t(zh, "← 年度考核", "← Annual assessment"),
            route: Route::AnnualAssessment(crate::domain::annual_assessment::Page::Current),
        }),
        Block::Title(t(zh, "轮岗与借用", "Rotation and secondment")),
        Block::line(
            Tone::Hint,
            match zh {
                true => format!(
                    "同一岗位任职满{}年应当轮岗，关键岗位（人、财、物、项目审批）必须轮岗；男性年满{}周岁、女性年满{}周岁可不轮岗；到期后{}天未轮岗为逾期。借用原则上不超过{}个月。",
                    policy.years_in_post, policy.exempt_age_men, policy.exempt_age_women, policy.overdue_after_days, policy.secondment_months
                ),
                false => format!(
                    "Rotation is due after {} years in the same post, and a must on key posts (people, money, goods, project approval); men of {} and women of {} are exempt; overdue {} days after. A secondment lasts at most {} months.",
                    policy.years_in_post, policy.exempt_age_men, policy.exempt_age_women, policy.overdue_after_days, policy.secondment_months
                ),
            },
        ),
        download(
            t(zh, "导出轮岗名单 CSV（Excel、WPS 可打开）", "Export the rotation list as CSV (Excel, WPS)"),
            t(zh, "轮岗名单.csv", "rotation-list.csv"),
            rotation_rows(state, today, zh),
            "rotation-csv",
        ),
    ];
    for testid in SECTIONS {
        let is = |s: &RotationStatus| section(s) == testid;
        let items: Vec<Item> = list
            .iter()
            .filter(|a| is(&a.status))
            .map(|a| alert_item(a, zh))
            .collect();
        let label = list
            .iter()
            .find(|a| is(&a.status))
            .map(|a| a.status.label(zh));
        let Some(label) = label else { continue };
        head.push(Block::Heading(match zh {
            true => format!("{label}（{}人）", items.len()),
            false => format!("{label} ({})", items.len()),
        }));
        head.push(Block::Items(Items { testid, items }));
    }
    if list.is_empty() {
        head.push(
            Block::line(
                Tone::Hint,
                t(
                    zh,
                    "目前没有到期或即将到期应轮岗的干部",
                    "No one is due or falling due to rotate",
                ),
            )
            .testid("rotation-none"),
        );
    }
    let mut cards = vec![Card::new(head)];
    cards.push(Card::new(secondment_blocks(state, today, zh)));
    cards.push(Card::new(key_blocks(state, zh)));
    cards.push(Card::new(form_blocks(state, who)));
    cards
}

fn secondment_blocks(state: &State, today: NaiveDate, zh: bool) -> Vec<Block> {
    let lines = secondments(state, today);
    let item = |l: &SecondmentLine| Item {
        link: Link {
            text: l.secondment.name.clone(),
            route: route(Page::List),
        },
        meta: secondment_meta(l, zh),
        warn: l
            .status
            .alerts()
            .then(|| l.status.label(zh).to_string() + &differs(zh, l.differs))
            .or_else(|| l.differs.then(|| differs(zh, true))),
        urgent: l.status == SecondmentStatus::Over,
        attrs: vec![("data-secondment", l.id.to_string())],
    };
    let open: Vec<Item> = lines
        .iter()
        .filter(|l| !matches!(l.status, SecondmentStatus::Ended { .. }))
        .map(item)
        .collect();
    let ended: Vec<String> = lines
        .iter()
        .filter(|l| matches!(l.status, SecondmentStatus::Ended { .. }))
        .map(|l| {
            format!(
                "{}{}{}{}",
                l.secondment.name,
                colon(zh),
                secondment_meta(l, zh),
                differs(zh, l.differs)
            )
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(match zh {
            true => format!("借用人员（{}人在借）", open.len()),
            false => format!("Borrowed staff ({} now)", open.len()),
        }),
        download(
            t(
                zh,
                "导出借用名单 CSV（Excel、WPS 可打开）",
                "Export the secondments as CSV (Excel, WPS)",
            ),
            t(zh, "借用名单.csv", "secondments.csv"),
            secondment_rows(state, today, zh),
            "secondment-csv",
        ),
        Block::Items(Items {
            testid: "secondments",
            items: open,
        }),
    ];
    if !ended.is_empty() {
        blocks.push(Block::List {
            tone: Tone::Plain,
            head: t(zh, "已结束的借用：", "Ended:"),
            items: ended,
            testid: "secondments-ended",
        });
    }
    blocks
}

fn key_blocks(state: &State, zh: bool) -> Vec<Block> {
    let keys = state
        .rotation
        .key_posts
        .standing()
        .into_iter()
        .map(|(_, k, two)| {
            format!(
                "{}{}{}{}{}",
                k.unit,
                k.title,
                colon(zh),
                k.basis,
                differs(zh, two)
            )
        });
    vec![Block::List {
        tone: Tone::Plain,
        head: t(
            zh,
            "关键岗位（人、财、物、项目审批，满年限必须轮岗）：",
            "Key posts (people, money, goods, project approval: must rotate):",
        ),
        items: keys.collect(),
        testid: "key-posts",
    }]
}

/// Every record's live version ids (what the page drew).
fn seen<T: PartialEq>(records: &Records<T>) -> Vec<String> {
    records.by_id.values().flat_map(|v| v.live_ids()).collect()
}

fn fix(seen: Vec<String>) -> Fix {
    Fix {
        seen,
        ..Fix::default()
    }
}

fn form_blocks(state: &State, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let today = who.today;
    let r = &state.rotation;
    let mut blocks = vec![Block::Heading(t(
        zh,
        "记录轮岗与借用",
        "Record rotations and secondments",
    ))];
    if !who.may(Action::Record.roles()) {
        let why = Action::Record.only();
        blocks.push(Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours"));
        return blocks;
    }
    let saved = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    let done = t(zh, "已记录", "Recorded");
    // Cadres holding a post, those on the list first.
    let listed = rotation_list(state, today);
    let mut cadres: Vec<(String, String)> = listed
        .iter()
        .map(|a| {
            (
                a.cadre.to_string(),
                format!(
                    "{}（{}{}）",
                    a.profile.name, a.position.unit, a.position.title
                ),
            )
        })
        .collect();
    let on_list: std::collections::BTreeSet<&str> = listed.iter().map(|a| a.cadre).collect();
    for (id, p) in state.cadre_selection.cadre_list() {
        if on_list.contains(id.as_str()) {
            continue;
        }
        if let Some(pos) = current_position(p, today) {
            cadres.push((
                id.clone(),
                format!("{}（{}{}）", p.name, pos.unit, pos.title),
            ));
        }
    }
    if !cadres.is_empty() {
        let template = Command::Rotate {
            cadre: String::new(),
            to_unit: String::new(),
            to_title: String::new(),
            on: NaiveDate::MIN,
            note: String::new(),
            fix: Fix::default(),
        };
        blocks.push(form(
            ROTATE_FORM,
            template,
            (t(zh, "记录轮岗", "Record the rotation"), saved.1.clone()),
            Options::default().with(CADRES, cadres),
        ));
    }
    let rotated: Vec<(String, String)> = r
        .rotations
        .standing()
        .into_iter()
        .map(|(id, x, two)| {
            let name = state.cadre_selection.cadre_name(&x.cadre);
            (
                id.to_string(),
                format!(
                    "{name} · {} {}{} → {}{}{}",
                    x.on,
                    x.from_unit,
                    x.from_title,
                    x.to_unit,
                    x.to_title,
                    differs(zh, two)
                ),
            )
        })
        .collect();
    if !rotated.is_empty() {
        let template = || Command::Rotate {
            cadre: String::new(),
            to_unit: String::new(),
            to_title: String::new(),
            on: NaiveDate::MIN,
            note: String::new(),
            fix: fix(seen(&r.rotations)),
        };
        let options = Options::default().with(ROTATED, rotated);
        blocks.push(form(
            FIX_ROTATION_FORM,
            template(),
            (t(zh, "更正轮岗记录", "Correct a rotation"), done.clone()),
            options.clone(),
        ));
        blocks.push(form(
            WITHDRAW_ROTATION_FORM,
            template(),
            (t(zh, "撤销轮岗记录", "Withdraw a rotation"), done.clone()),
            options,
        ));
    }
    let mut posts: BTreeMap<String, String> = BTreeMap::new();
    for p in state.cadre_selection.post_list() {
        posts.insert(
            post_value(&p.id, &p.unit, &p.title),
            format!("{}{}", p.unit, p.title),
        );
    }
    for (_, p) in state.cadre_selection.cadre_list() {
        if let Some(pos) = current_position(p, today).filter(|x| x.post.is_empty()) {
            posts.insert(
                post_value("", pos.unit.trim(), pos.title.trim()),
                format!("{}{}", pos.unit.trim(), pos.title.trim()),
            );
        }
    }
    let key_template = |seen: Vec<String>| Command::MarkKeyPost {
        post: String::new(),
        unit: String::new(),
        title: String::new(),
        basis: String::new(),
        fix: fix(seen),
    };
    if !posts.is_empty() {
        blocks.push(form(
            KEY_FORM,
            key_template(Vec::new()),
            (
                t(zh, "标记为关键岗位", "Mark as a key post"),
                saved.1.clone(),
            ),
            Options::default().with(POSTS, posts.into_iter().collect()),
        ));
    }
    let keys: Vec<(String, String)> = r
        .key_posts
        .standing()
        .into_iter()
        .map(|(id, k, two)| {
            (
                id.to_string(),
                format!("{}{}{}", k.unit, k.title, differs(zh, two)),
            )
        })
        .collect();
    if !keys.is_empty() {
        blocks.push(form(
            UNKEY_FORM,
            key_template(seen(&r.key_posts)),
            (t(zh, "取消关键岗位标记", "Unmark a key post"), done.clone()),
            Options::default().with(KEYS, keys),
        ));
    }
    let second = |seen: Vec<String>| Command::Second {
        name: String::new(),
        from_unit: String::new(),
        to_unit: String::new(),
        start: NaiveDate::MIN,
        basis: String::new(),
        fix: fix(seen),
    };
    blocks.push(form(
        SECOND_FORM,
        second(Vec::new()),
        (t(zh, "记录借用", "Record a secondment"), saved.1.clone()),
        Options::default(),
    ));
    let lines = secondments(state, today);
    let label = |l: &SecondmentLine| {
        format!(
            "{}（{}起，{}借调至{}）{}",
            l.secondment.name,
            l.secondment.start,
            l.secondment.from_unit,
            l.secondment.to_unit,
            differs(zh, l.differs)
        )
    };
    let seconded: Vec<(String, String)> =
        lines.iter().map(|l| (l.id.to_string(), label(l))).collect();
    if !seconded.is_empty() {
        let options = Options::default().with(SECONDED, seconded);
        blocks.push(form(
            FIX_SECOND_FORM,
            second(seen(&r.secondments)),
            (t(zh, "更正借用记录", "Correct a secondment"), done.clone()),
            options.clone(),
        ));
        blocks.push(form(
            WITHDRAW_SECOND_FORM,
            second(seen(&r.secondments)),
            (t(zh, "撤销借用记录", "Withdraw a secondment"), done.clone()),
            options,
        ));
    }
    let running: Vec<(String, String)> = lines
        .iter()
        .filter(|l| l.ended.is_none())
        .map(|l| (l.id.to_string(), label(l)))
        .collect();
    let end = |seen: Vec<String>| Command::EndSecondment {
        secondment: String::new(),
        on: NaiveDate::MIN,
        fix: fix(seen),
    };
    if !running.is_empty() {
        blocks.push(form(
            END_FORM,
            end(Vec::new()),
            (t(zh, "记录借用结束", "Record the end"), saved.1.clone()),
            Options::default().with(RUNNING, running),
        ));
    }
    let ended: Vec<(String, String)> = r
        .endings
        .standing()
        .into_iter()
        .map(|(id, e, two)| {
            let name = r
                .secondments
                .by_id
                .get(&e.secondment)
                .and_then(Records::content)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            (
                id.to_string(),
                format!(
                    "{name} · {}{}{}",
                    e.on,
                    t(zh, "结束", " ended"),
                    differs(zh, two)
                ),
            )
        })
        .collect();
    if !ended.is_empty() {
        blocks.push(form(
            WITHDRAW_END_FORM,
            end(seen(&r.endings)),
            (t(zh, "撤销借用结束记录", "Withdraw an end"), done),
            Options::default().with(ENDED, ended),
        ));
    }
    blocks
}

/// One cadre: where they stand, their positions and the rotations recorded.
pub fn cadre_screen(state: &State, cadre: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 轮岗与借用", "← Rotation and secondment"),
        route: route(Page::List),
    });
    let Some(p) = state.cadre_selection.cadre(cadre) else {
        return vec![Card::new(vec![
            back,
            Block::line(Tone::Warn, t(zh, "干部库中没有这名干部", "No such cadre"))
                .testid("not-found"),
        ])];
    };
    let mut blocks = vec![
        back,
        Block::Title(match zh {
            true => format!("{} · 轮岗", p.name),
            false => format!("{} · rotation", p.name),
        }),
    ];
    let alert = rotation_list(state, who.today)
        .into_iter()
        .find(|a| a.cadre == cadre);
    let standing = match (&alert, current_position(p, who.today)) {
        (Some(a), _) => {
            let why = a.status.why(p.gender.trim(), zh);
            let why = if why.is_empty() {
                String::new()
            } else {
                format!("{}{why}", colon(zh))
            };
            let tone = match a.status {
                RotationStatus::Due | RotationStatus::Overdue => Tone::Warn,
                _ => Tone::Plain,
            };
            Block::line(
                tone,
                format!("{}{why} · {}", a.status.label(zh), alert_meta(a, zh)),
            )
        }
        (None, Some(pos)) => {
            let policy = &state.policies.at(who.today).rotation;
            let last = rotations_of(state, cadre)
                .into_iter()
                .map(|(_, r, _)| r.on)
                .filter(|on| *on <= who.today)
                .max();
            let since = last.map_or(pos.start, |r| r.max(pos.start));
            let due = super::alerts::anniversary(since, policy.years_in_post);
            Block::line(
                Tone::Plain,
                match zh {
                    true => format!(
                        "现任{}{}，自{since}起计算，{due}满{}年",
                        pos.unit, pos.title, policy.years_in_post
                    ),
                    false => format!(
                        "Holds {} {}; counted from {since}, {} years on {due}",
                        pos.unit, pos.title, policy.years_in_post
                    ),
                },
            )
        }
        (None, None) => Block::line(
            Tone::Hint,
            t(
                zh,
                "干部信息中没有现任职务",
                "No current post in the profile",
            ),
        ),
    };
    blocks.push(standing.testid("standing"));
    let latest = rotations_of(state, cadre).into_iter().last();
    let held = current_position(p, who.today);
    // The profile is behind when its current post started before the latest rotation;
    // it disagrees when its post starts on the rotation's day but is another one.
    let latest = latest.filter(|(_, r, _)| r.on <= who.today);
    if let Some((_, r, _)) = latest {
        let same = |h: &crate::domain::cadre_selection::Position| {
            (h.unit.trim(), h.title.trim()) == (r.to_unit.trim(), r.to_title.trim())
        };
        match held {
            Some(h) if h.start == r.on && !same(h) => {
                let text = match zh {
                    true => format!(
                        "轮岗记录（{}至{}{}）与干部信息（{}起任{}{}）不一致，请核对更正",
                        r.on, r.to_unit, r.to_title, h.start, h.unit, h.title
                    ),
                    false => format!(
                        "The rotation ({} to {} {}) and the profile ({} {} from {}) disagree: check and correct",
                        r.on, r.to_unit, r.to_title, h.unit, h.title, h.start
                    ),
                };
                blocks.push(Block::line(Tone::Warn, text).testid("profile-differs"));
            }
            Some(h) if h.start >= r.on => {}
            _ => {
                let text = match zh {
                    true => format!(
                        "已于{}轮岗至{}{}，请在干部信息中补录新的任职经历",
                        r.on, r.to_unit, r.to_title
                    ),
                    false => format!(
                        "Rotated to {} {} on {}: add the new post to the profile's history",
                        r.to_unit, r.to_title, r.on
                    ),
                };
                blocks.push(Block::line(Tone::Hint, text).testid("profile-behind"));
            }
        }
    }
    blocks.push(
        Block::line(
            Tone::Hint,
            t(zh, "任职经历：", "Positions: ") + &history_text(p, who.today, zh),
        )
        .testid("positions"),
    );
    let rotations = rotations_of(state, cadre).into_iter().map(|(_, r, two)| {
        let note = if r.note.is_empty() {
            String::new()
        } else {
            format!("（{}）", r.note)
        };
        format!(
            "{} {}{} → {}{}{note}{}",
            r.on,
            r.from_unit,
            r.from_title,
            r.to_unit,
            r.to_title,
            differs(zh, two)
        )
    });
    blocks.push(Block::List {
        tone: Tone::Plain,
        head: t(zh, "轮岗记录：", "Rotations recorded:"),
        items: rotations.collect(),
        testid: "rotations",
    });
    vec![Card::new(blocks)]
}
