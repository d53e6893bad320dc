//! The pages of 选聘 rounds as data: a year's round as the county runs it, a township's
//! part of it, and a certificate to print. Each step shows where it stands and why the
//! next one is not open yet; forms are offered only to the roles that may record them,
//! for their own township, at the step the round has reached.

use chrono::NaiveDate;

use super::decide::{Action, Command};
use super::event::{Chosen, RecommendationStage, ReviewLevel};
use super::forms::{
    read, recommend_template, review_template, APPLICATIONS, APPLY_FORM, CERTIFY_FORM, CHOOSE_FORM,
    HEADS, INSPECT_FORM, OBJECTIONS, OBJECTION_FORM, PUBLICITY_FORM, RESOLVE_FORM, REVIEW_FORM,
    ROUND_FORM, TOWNSHIPS,
};
use super::rules::{
    county_round, ineligibility, township_round, ApplicationView, CountyRound, TownshipRound,
};
use super::state::{standing, Standing};
use super::Page;
use crate::domain::event::Role;
use crate::domain::form::{Form, Options};
use crate::domain::screen::{t, Block, Card, FormBlock, Item, Items, Link, Screen, Tone};
use crate::domain::State;
use crate::route::Route;

/// Who looks.
#[derive(Clone, Debug)]
pub struct Viewer {
    /// Their role (`None`: no user).
    pub role: Option<Role>,
    /// The townships they belong to (empty: not known here).
    pub townships: Vec<String>,
    /// Today.
    pub today: NaiveDate,
    /// Chinese or English.
    pub zh: bool,
}

impl Viewer {
    pub(super) fn may(&self, action: Action) -> bool {
        self.role.is_some_and(|r| action.allows(r))
    }

    fn may_here(&self, township: &str) -> bool {
        self.may(Action::Township)
            && (self.role == Some(Role::Admin)
                || self.townships.is_empty()
                || self.townships.iter().any(|t| t == township))
    }

    pub(super) fn who_may(&self, action: Action) -> Block {
        let why = action.only();
        Block::line(Tone::Hint, if self.zh { why.zh } else { why.en }).testid("not-yours")
    }
}

pub(super) fn route(page: Page) -> Route {
    Route::CareerPay(page)
}

pub(super) fn form(
    f: Form,
    template: Command,
    (button, done): (String, String),
    options: Options,
) -> Block {
    // The choice form serves several steps: each is named for its step.
    let testid = match &template {
        Command::FixCandidates { .. } => "career_candidates",
        Command::Decide { .. } => "career_decide",
        _ => f.key,
    };
    let mut block = FormBlock::new(f, template.into(), read, button, done);
    block.testid = testid;
    block.options = options;
    Block::Form(Box::new(block))
}

fn status<T>(s: &Standing<'_, T>, zh: bool, done: impl Fn(&T) -> String) -> (Tone, String) {
    match s {
        Standing::None => (Tone::Hint, t(zh, "未记录", "Not recorded")),
        Standing::Conflict => (
            Tone::Warn,
            t(
                zh,
                "两部手机记录不一致，待核对",
                "Recorded two ways on two phones: to review",
            ),
        ),
        Standing::One(v) => (Tone::Ok, done(v)),
    }
}

/// A year's round as the county runs it.
pub fn round_screen(state: &State, year: i32, who: &Viewer) -> Screen {
    let zh = who.zh;
    let title = match zh {
        true => format!("{year}年选聘嘎查村正职享受事业单位基础工资待遇"),
        false => format!("{year} selection of village heads for public-institution base pay"),
    };
    let mut head = vec![Block::Title(title)];
    let Some(round) = county_round(state, year) else {
        let conflicted = state
            .career_pay
            .rounds
            .get(&year)
            .is_some_and(|v| v.conflicted());
        let (tone, said) = match conflicted {
            true => (Tone::Warn, t(zh, "本年度选聘在两部手机上开启时名额或日期不一致：请核对后重新确定", "This year's round was opened two ways on two phones: settle it by opening it again")),
            false => (Tone::Hint, t(zh, "本年度选聘尚未开启", "This year's round is not open")),
        };
        head.push(Block::line(tone, said).testid("round-status"));
        head.push(open_round_form(state, year, who));
        head.push(holders_link(who));
        return vec![Card::new(head)];
    };
    let policy = state.policies.at(who.today).career_pay;
    let quota = match zh {
        true => format!(
            "共{}个名额（嘎查村{}个，不少于{}%即{}个）",
            round.slots,
            state.master.villages.len(),
            policy.quota_pct,
            policy.quota(state.master.villages.len())
        ),
        false => format!(
            "{} slots ({} villages; at least {}%, i.e. {})",
            round.slots,
            state.master.villages.len(),
            policy.quota_pct,
            policy.quota(state.master.villages.len())
        ),
    };
    head.push(Block::line(Tone::Plain, quota).testid("round-status"));
    head.push(Block::Items(Items {
        testid: "round-townships",
        items: round
            .townships
            .iter()
            .map(|t| township_item(state, t, who))
            .collect(),
    }));
    let mut cards = vec![Card::new(head)];
    cards.push(candidates_card(state, &round, who));
    cards.push(decision_card(state, &round, who));
    cards.push(certificates_card(state, &round, who));
    cards
}

fn open_round_form(state: &State, year: i32, who: &Viewer) -> Block {
    if !who.may(Action::County) {
        return who.who_may(Action::County);
    }
    let zh = who.zh;
    let townships = state
        .master
        .townships_sorted()
        .into_iter()
        .map(|t| (t.id.clone(), t.name.clone()));
    let options = Options::default().with(TOWNSHIPS, townships.collect());
    let template = Command::OpenRound {
        year,
        slots: Vec::new(),
        on: NaiveDate::MIN,
    };
    form(
        ROUND_FORM,
        template,
        (
            t(zh, "开启选聘", "Open the round"),
            t(zh, "已开启", "Opened"),
        ),
        options,
    )
}

fn township_item(state: &State, t: &TownshipRound<'_>, who: &Viewer) -> Item {
    let zh = who.zh;
    let name = state.master.township_label(&t.township);
    let step = township_step(t, who);
    Item {
        link: Link {
            text: name,
            route: route(Page::Township(t.year, t.township.clone())),
        },
        meta: match zh {
            true => format!("{}个名额 · 申请{}人 · {step}", t.slots, t.apps.len()),
            false => format!("{} slots · {} applications · {step}", t.slots, t.apps.len()),
        },
        warn: None,
        urgent: false,
        attrs: vec![("data-township", t.township.clone())],
    }
}

/// Where a township's part stands, in words.
fn township_step(t: &TownshipRound<'_>, who: &Viewer) -> String {
    let (today, zh) = (who.today, who.zh);
    let reserve = t.reserve_ids();
    let inspected = t
        .apps
        .iter()
        .filter(|a| {
            reserve.contains(&a.app.id.as_str()) && matches!(a.inspection, Standing::One(_))
        })
        .count();
    let said = if !reserve.is_empty() && !who.may(Action::County) {
        (
            format!("预备人选{}人，由旗县考察", reserve.len()),
            format!(
                "{} reserve candidates, inspected by the county",
                reserve.len()
            ),
        )
    } else if !reserve.is_empty() {
        (
            format!("预备人选{}人，已考察{inspected}人", reserve.len()),
            format!(
                "{} reserve candidates, {inspected} inspected",
                reserve.len()
            ),
        )
    } else if matches!(t.initial, Standing::One(_)) {
        (
            "已推荐初步人选，待党委会推荐预备人选".into(),
            "Initial candidates recommended; the party committee is next".into(),
        )
    } else if let Standing::One((start, end, _)) = t.publicity {
        match t.before_initial(today) {
            None => (
                "公示期满，待扩大会议推荐".into(),
                "Publicity ended; the extended meeting is next".into(),
            ),
            Some(_) => (
                format!("公示中（{start}至{end}）"),
                format!("Publicized ({start} to {end})"),
            ),
        }
    } else {
        (
            "受理申请与资格审查".into(),
            "Applications and reviews".into(),
        )
    };
    if zh {
        said.0
    } else {
        said.1
    }
}

fn chosen_items(state: &State, list: &[Chosen], testid: &'static str) -> Block {
    let items = list.iter().map(|c| Item {
        link: Link {
            text: c.name.clone(),
            route: route(Page::Certificate(c.application.clone())),
        },
        meta: format!(
            "{} · {}",
            state.master.township_label(&c.township),
            state
                .master
                .villages
                .get(&c.village)
                .map_or(c.village.as_str(), |v| v.name.as_str())
        ),
        warn: None,
        urgent: false,
        attrs: vec![("data-application", c.application.clone())],
    });
    Block::Items(Items {
        testid,
        items: items.collect(),
    })
}

fn candidates_card(state: &State, round: &CountyRound<'_>, who: &Viewer) -> Card {
    let zh = who.zh;
    let policy = &round.policy;
    let needed = round.candidates_needed();
    let (tone, said) = status(&round.candidates, zh, |(list, on)| match zh {
        true => format!("已确定{}人（{on}）", list.len()),
        false => format!("{} fixed ({on})", list.len()),
    });
    let rule = match zh {
        true => format!("正式候选人不少于{needed}人（{}个名额加差额{}%，向上取整），从已考察的预备人选中确定", round.slots, policy.margin_pct),
        false => format!("At least {needed} formal candidates ({} slots plus {}%, rounded up), from the inspected reserve candidates", round.slots, policy.margin_pct),
    };
    let mut blocks = vec![
        Block::Heading(t(zh, "确定正式候选人（差额）", "Formal candidates")),
        Block::line(Tone::Hint, rule),
        Block::line(tone, said).testid("candidates-status"),
    ];
    if let Standing::One((list, _)) = round.candidates {
        blocks.push(chosen_items(state, list, "candidates"));
    }
    if matches!(round.decision, Standing::None) && who.may(Action::County) {
        let options = chosen_options(&round.inspected());
        let seen = live_ids(state.career_pay.candidates.get(&round.year));
        let template = Command::FixCandidates {
            year: round.year,
            applications: Vec::new(),
            on: NaiveDate::MIN,
            seen,
        };
        blocks.push(form(
            CHOOSE_FORM,
            template,
            (
                t(zh, "确定正式候选人", "Fix the candidates"),
                t(zh, "已确定", "Fixed"),
            ),
            options,
        ));
    } else if !who.may(Action::County) {
        blocks.push(who.who_may(Action::County));
    }
    Card::new(blocks)
}

/// A choice of these people.
fn chosen_options(list: &[Chosen]) -> Options {
    let people = list.iter().map(|c| (c.application.clone(), c.name.clone()));
    Options::default().with(APPLICATIONS, people.collect())
}

/// The live versions of a step (what a correction replaces).
fn live_ids<T>(versions: Option<&crate::domain::versions::Versions<T>>) -> Vec<String> {
    versions.map(|v| v.live_ids()).unwrap_or_default()
}

fn decision_card(state: &State, round: &CountyRound<'_>, who: &Viewer) -> Card {
    let zh = who.zh;
    let (tone, said) = status(&round.decision, zh, |(list, on)| match zh {
        true => format!("选聘领导小组已决定{}人（{on}）", list.len()),
        false => format!("The leading group selected {} ({on})", list.len()),
    });
    let mut blocks = vec![
        Block::Heading(t(zh, "研究决定与结果公示", "Decision and its publicity")),
        Block::line(tone, said).testid("decision-status"),
    ];
    if let Standing::One((list, _)) = round.decision {
        blocks.push(chosen_items(state, list, "selected"));
    }
    let (ptone, psaid) = status(&round.publicity, zh, |(start, end, _)| match zh {
        true => format!("结果公示：{start}至{end}"),
        false => format!("Result publicized: {start} to {end}"),
    });
    blocks.push(Block::line(ptone, psaid).testid("result-publicity"));
    if let Standing::One(_) = round.publicity {
        blocks.push(result_notice_link(round.year, zh));
    }
    if !who.may(Action::County) {
        return Card::new(blocks);
    }
    let open =
        matches!(round.publicity, Standing::None) && !matches!(round.decision, Standing::One(_));
    if let (Standing::One(_), true) = (round.candidates, open) {
        let options = chosen_options(&round.valid_candidates());
        let seen = live_ids(state.career_pay.decisions.get(&round.year));
        let template = Command::Decide {
            year: round.year,
            applications: Vec::new(),
            on: NaiveDate::MIN,
            seen,
        };
        blocks.push(form(
            CHOOSE_FORM,
            template,
            (
                t(zh, "记录选聘决定", "Record the decision"),
                t(zh, "已记录", "Recorded"),
            ),
            options,
        ));
    } else if matches!(round.decision, Standing::One(_))
        && !matches!(round.publicity, Standing::One(_))
    {
        let template = Command::PublicizeResult {
            year: round.year,
            start: NaiveDate::MIN,
        };
        blocks.push(form(
            PUBLICITY_FORM,
            template,
            (
                t(zh, "开始结果公示", "Start the publicity"),
                t(zh, "已开始公示", "Publicity started"),
            ),
            Options::default(),
        ));
    }
    Card::new(blocks)
}

/// The way to the printed 公示 of the year's result.
fn result_notice_link(year: i32, zh: bool) -> Block {
    Block::Actions {
        links: vec![Link {
            text: t(zh, "打印结果公示", "Print the result's notice"),
            route: route(Page::ResultNotice(year)),
        }],
        main: None,
    }
}

/// The way to this year's holders (renewals and ends).
fn holders_link(who: &Viewer) -> Block {
    let holders = Link {
        text: t(
            who.zh,
            "选聘人员年度评聘（续聘与终止）",
            "Yearly review of selected heads (renewals, ends)",
        ),
        route: route(Page::Holders(chrono::Datelike::year(&who.today))),
    };
    Block::Actions {
        links: vec![holders],
        main: None,
    }
}

fn certificates_card(state: &State, round: &CountyRound<'_>, who: &Viewer) -> Card {
    let zh = who.zh;
    let mut blocks = vec![
        Block::Heading(t(zh, "颁发选聘证书", "Certificates")),
        holders_link(who),
    ];
    let Standing::One((selected, _)) = round.decision else {
        blocks.push(Block::line(
            Tone::Hint,
            t(
                zh,
                "作出决定并公示期满后颁发",
                "Issued once decided and publicized",
            ),
        ));
        return Card::new(blocks);
    };
    let certs = &state.career_pay.certificates;
    let lines = selected.iter().map(|c| {
        let standing = standing(certs.get(&c.application));
        let cert = match standing {
            Standing::One(x) => Some(x),
            _ => None,
        };
        let said = match (cert, zh) {
            (None, _) if matches!(standing, Standing::Conflict) => match zh {
                true => format!("{}：证书在两部手机上记录不一致，请核对后重新颁发", c.name),
                false => format!(
                    "{}: the certificate differs between two phones; issue it again",
                    c.name
                ),
            },
            (Some(x), true) => format!("{}：证书{}，{}起享受待遇", c.name, x.number, x.pay_from),
            (Some(x), false) => format!(
                "{}: certificate {}, paid from {}",
                c.name, x.number, x.pay_from
            ),
            (None, true) => format!("{}：未发证", c.name),
            (None, false) => format!("{}: no certificate yet", c.name),
        };
        let link = cert.map(|_| route(Page::Certificate(c.application.clone())));
        Block::Line {
            tone: if cert.is_some() { Tone::Ok } else { Tone::Hint },
            text: said,
            testid: "certificate",
            link,
        }
    });
    blocks.extend(lines);
    let publicized: &[String] = match round.publicity {
        Standing::One((_, _, list)) => list,
        _ => &[],
    };
    let valid = round.valid_selected();
    let waiting: Vec<(String, String)> = valid
        .iter()
        .filter(|c| publicized.contains(&c.application))
        .filter(|c| !matches!(standing(certs.get(&c.application)), Standing::One(_)))
        .map(|c| (c.application.clone(), c.name.clone()))
        .collect();
    let ended = matches!(round.publicity, Standing::One((_, end, _)) if who.today > *end);
    if who.may(Action::County) && ended && !waiting.is_empty() {
        let template = Command::Certify {
            application: String::new(),
            number: String::new(),
            issued_on: NaiveDate::MIN,
            pay_from: NaiveDate::MIN,
        };
        let options = Options::default().with(APPLICATIONS, waiting);
        blocks.push(form(
            CERTIFY_FORM,
            template,
            (t(zh, "颁发证书", "Issue"), t(zh, "已发证", "Issued")),
            options,
        ));
    }
    Card::new(blocks)
}

/// A township's part of a year's round.
pub fn township_screen(state: &State, year: i32, township: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 全旗县选聘", "← The county's round"),
        route: route(Page::Round(year)),
    });
    let round = township_round(state, year, township);
    let name = state.master.township_label(township);
    let title = match zh {
        true => format!("{name}{year}年选聘"),
        false => format!("{name}: {year} selection"),
    };
    let slots = match zh {
        true => format!(
            "名额{}个；初步人选按1:{}、预备人选按1:{}推荐",
            round.slots, round.policy.initial_per_slot, round.policy.reserve_per_slot
        ),
        false => format!(
            "{} slots; initial candidates 1:{}, reserve 1:{}",
            round.slots, round.policy.initial_per_slot, round.policy.reserve_per_slot
        ),
    };
    let mut cards = vec![Card::new(vec![
        back,
        Block::Title(title),
        Block::line(Tone::Plain, slots).testid("township-slots"),
        Block::line(Tone::Plain, township_step(&round, who)).testid("township-step"),
    ])];
    if round.slots == 0 {
        cards.push(Card::new(vec![Block::line(
            Tone::Warn,
            t(
                zh,
                "本年度本乡镇没有选聘名额（或选聘尚未开启）",
                "No slots here this year (or the round is not open)",
            ),
        )]));
        return cards;
    }
    cards.push(Card::new(vec![
        Block::Heading(t(zh, "申请与资格审查", "Applications and reviews")),
        applications_block(state, &round, zh),
    ]));
    cards.push(Card::new(township_forms(state, &round, who)));
    cards
}

fn applications_block(state: &State, round: &TownshipRound<'_>, zh: bool) -> Block {
    let items = round
        .apps
        .iter()
        .map(|a| application_item(state, round, a, zh));
    Block::Items(Items {
        testid: "applications",
        items: items.collect(),
    })
}

fn application_item(
    state: &State,
    round: &TownshipRound<'_>,
    a: &ApplicationView<'_>,
    zh: bool,
) -> Item {
    let review = |s: &Standing<'_, super::state::Review>, label: (&str, &str)| {
        let l = if zh { label.0 } else { label.1 };
        match s {
            Standing::None => format!("{l}{}", t(zh, "待审", " pending")),
            Standing::Conflict => format!("{l}{}", t(zh, "记录冲突", " conflict")),
            Standing::One(r) if r.passed => format!("{l}{}", t(zh, "通过", " passed")),
            Standing::One(r) if zh => format!("{l}未通过（{}）", r.reason),
            Standing::One(r) => format!("{l} failed ({})", r.reason),
        }
    };
    let mut parts = vec![
        state
            .master
            .villages
            .get(&a.app.village)
            .map_or(a.app.village.clone(), |v| v.name.clone()),
        review(&a.township_review, ("初审", "Township review")),
        review(&a.county_review, ("复审", "County review")),
    ];
    if a.struck() {
        parts.push(t(zh, "异议成立，取消资格", "Objection upheld: out"));
    }
    if a.unsettled {
        parts.push(t(
            zh,
            "重复申请或记录冲突，须将其中一份审查为未通过",
            "Applied twice or recorded two ways: fail one of them at a review",
        ));
    }
    if round.reserve_ids().contains(&a.app.id.as_str()) {
        parts.push(t(zh, "预备人选", "Reserve candidate"));
    } else if round.initial_ids().contains(&a.app.id.as_str()) {
        parts.push(t(zh, "初步人选", "Initial candidate"));
    }
    if let Standing::One(i) = a.inspection {
        parts.push(match zh {
            true => format!(
                "已考察：优秀{}、称职{}、基本称职{}、不称职{}，谈话{}人",
                i.ballots.excellent,
                i.ballots.competent,
                i.ballots.basic,
                i.ballots.incompetent,
                i.talks
            ),
            false => format!(
                "Inspected: {}/{}/{}/{} votes, {} talks",
                i.ballots.excellent,
                i.ballots.competent,
                i.ballots.basic,
                i.ballots.incompetent,
                i.talks
            ),
        });
    }
    let open = a
        .objections
        .iter()
        .filter(|(_, r)| !matches!(r, Standing::One(_)))
        .count();
    Item {
        link: Link {
            text: a.app.name.clone(),
            route: route(Page::Township(round.year, round.township.clone())),
        },
        meta: parts.join(" · "),
        warn: (open > 0).then(|| match zh {
            true => format!("{open}条异议待处理"),
            false => format!("{open} objections open"),
        }),
        urgent: open > 0,
        attrs: vec![("data-application", a.app.id.clone())],
    }
}

/// The forms of the step the township has reached, for whoever may record them.
fn township_forms(state: &State, round: &TownshipRound<'_>, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut out = vec![Block::Heading(t(zh, "下一步", "Next"))];
    let (year, township) = (round.year, round.township.as_str());
    let before_publicity = matches!(round.publicity, Standing::None);
    if matches!(round.publicity, Standing::Conflict) {
        let recorded = state
            .career_pay
            .publicity
            .get(&(year, township.to_string()));
        let each = recorded.map(|v| v.live()).unwrap_or_default();
        let days: Vec<String> = each
            .iter()
            .map(|v| format!("{}—{}", v.value.0, v.value.1))
            .collect();
        let said = match zh {
            true => format!(
                "资格审查名单的公示在两部手机上记录不一致（{}）：请核对实际公示的开始日期，重新记录",
                days.join("；")
            ),
            false => format!(
                "The list's publicity was recorded two ways on two phones ({}): record the day it really began",
                days.join("; ")
            ),
        };
        out.push(Block::line(Tone::Warn, said).testid("publicity"));
        if who.may_here(township) {
            out.push(publicize_form(year, township, zh));
        }
    } else if before_publicity {
        if who.may_here(township) {
            out.push(apply_form(state, round, who));
            out.extend(review_form(state, round, ReviewLevel::Township, who));
        }
        if who.may(Action::County) {
            out.extend(review_form(state, round, ReviewLevel::County, who));
        }
        match (round.before_publicity(), who.may_here(township)) {
            (None, true) => out.push(publicize_form(year, township, zh)),
            (Some(why), _) => out
                .push(Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("why-not")),
            (None, false) => {}
        }
    } else {
        out.extend(publicity_forms(state, round, who));
    }
    if !who.may(Action::Township) {
        out.push(who.who_may(Action::Township));
    }
    out
}

fn apply_form(state: &State, round: &TownshipRound<'_>, who: &Viewer) -> Block {
    let zh = who.zh;
    let heads = state.village_heads.people().into_values().filter_map(|p| {
        let (_, t) = p
            .tenures
            .iter()
            .find(|(_, t)| t.start <= who.today && t.end.is_none_or(|e| e > who.today))?;
        if state.master.township_of(&t.village) != round.township {
            return None;
        }
        let problems = ineligibility(state, &p.id, &t.village, who.today, &round.policy);
        let said = match (problems.first(), zh) {
            (None, true) => format!("{}（符合条件）", p.name),
            (None, false) => format!("{} (eligible)", p.name),
            (Some(why), true) => format!("{}（不符合：{}）", p.name, why.zh),
            (Some(why), false) => format!("{} (not eligible: {})", p.name, why.en),
        };
        Some((p.id.clone(), said))
    });
    let options = Options::default().with(HEADS, heads.collect());
    let template = Command::Apply {
        year: round.year,
        application: String::new(),
        person: String::new(),
        village: String::new(),
        on: NaiveDate::MIN,
    };
    form(
        APPLY_FORM,
        template,
        (
            t(zh, "登记书面申请", "Record the application"),
            t(zh, "已登记申请", "Application recorded"),
        ),
        options,
    )
}

/// The form that starts the eligible list's publicity.
fn publicize_form(year: i32, township: &str, zh: bool) -> Block {
    let template = Command::Publicize {
        year,
        township: township.to_string(),
        start: NaiveDate::MIN,
    };
    let labels = (
        t(
            zh,
            "公示资格审查通过人员名单",
            "Publicize the eligible list",
        ),
        t(zh, "已开始公示", "Publicity started"),
    );
    form(PUBLICITY_FORM, template, labels, Options::default())
}

/// The review form of `level` for the applications waiting for it, and a folded one
/// correcting a review already recorded (until the list is publicized).
fn review_form(
    state: &State,
    round: &TownshipRound<'_>,
    level: ReviewLevel,
    who: &Viewer,
) -> Vec<Block> {
    let zh = who.zh;
    if level == ReviewLevel::Township && who.role != Some(Role::Organizer) {
        return Vec::new();
    }
    let at_level = |a: &&ApplicationView<'_>| match level {
        ReviewLevel::Township => true,
        ReviewLevel::County => matches!(a.township_review, Standing::One(r) if r.passed),
    };
    let reviewed = |a: &&ApplicationView<'_>| match level {
        ReviewLevel::Township => matches!(a.township_review, Standing::One(_)),
        ReviewLevel::County => matches!(a.county_review, Standing::One(_)),
    };
    let name = |a: &ApplicationView<'_>| (a.app.id.clone(), a.app.name.clone());
    let apps = round.apps.iter().filter(at_level);
    let (done, waiting): (Vec<_>, Vec<_>) = apps.partition(reviewed);
    let labels = match level {
        ReviewLevel::Township => (
            t(zh, "记录乡镇初审", "Record the township's review"),
            t(zh, "已记录初审", "Reviewed"),
        ),
        ReviewLevel::County => (
            t(zh, "记录旗县复审", "Record the county's review"),
            t(zh, "已记录复审", "Reviewed"),
        ),
    };
    let testids = match level {
        ReviewLevel::Township => ("career_review_township", "career_review_township_fix"),
        ReviewLevel::County => ("career_review_county", "career_review_county_fix"),
    };
    let block = |options: Vec<(String, String)>, testid| {
        let drawn = state.career_pay.reviews.values().flat_map(|v| v.live_ids());
        let template = review_template(level, drawn.collect()).into();
        let mut block = FormBlock::new(
            REVIEW_FORM,
            template,
            read,
            labels.0.clone(),
            labels.1.clone(),
        );
        block.testid = testid;
        block.options = Options::default().with(APPLICATIONS, options);
        block
    };
    let mut out = Vec::new();
    if !waiting.is_empty() {
        let options = waiting.iter().map(|a| name(a)).collect();
        out.push(Block::Form(Box::new(block(options, testids.0))));
    }
    if !done.is_empty() {
        let options = done.iter().map(|a| name(a)).collect();
        let mut fix = block(options, testids.1);
        fix.folded = Some(match level {
            ReviewLevel::Township => t(zh, "更正已记录的初审", "Correct a township review"),
            ReviewLevel::County => t(zh, "更正已记录的复审", "Correct a county review"),
        });
        out.push(Block::Form(Box::new(fix)));
    }
    out
}

fn publicity_forms(state: &State, round: &TownshipRound<'_>, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut out = Vec::new();
    let township = round.township.as_str();
    if let Standing::One((start, end, _)) = round.publicity {
        out.push(
            Block::line(
                Tone::Plain,
                match zh {
                    true => format!("资格审查通过人员名单公示：{start}至{end}"),
                    false => format!("Eligible list publicized: {start} to {end}"),
                },
            )
            .testid("publicity"),
        );
        out.push(Block::Actions {
            links: vec![Link {
                text: t(zh, "打印公示", "Print the notice"),
                route: route(Page::Notice(round.year, township.to_string())),
            }],
            main: None,
        });
        let in_window = who.today >= *start && who.today <= *end;
        let objector = who.may_here(township) || who.role == Some(Role::VillageHead);
        if in_window && objector {
            let eligible = round
                .eligible()
                .iter()
                .map(|a| (a.app.id.clone(), a.app.name.clone()))
                .collect();
            let template = Command::Object {
                objection: String::new(),
                application: String::new(),
                content: String::new(),
                on: NaiveDate::MIN,
            };
            out.push(form(
                OBJECTION_FORM,
                template,
                (
                    t(zh, "登记异议", "Record an objection"),
                    t(zh, "已登记异议", "Objection recorded"),
                ),
                Options::default().with(APPLICATIONS, eligible),
            ));
        }
    }
    let open: Vec<(String, String)> = round
        .apps
        .iter()
        .flat_map(|a| {
            a.objections
                .iter()
                .filter(|(_, r)| matches!(r, Standing::None))
                .map(move |(o, _)| {
                    let colon = if zh { "：" } else { ": " };
                    (o.id.clone(), format!("{}{colon}{}", a.app.name, o.content))
                })
        })
        .collect();
    if !open.is_empty() && who.may_here(township) {
        let template = Command::Resolve {
            objection: String::new(),
            upheld: false,
            note: String::new(),
            on: NaiveDate::MIN,
        };
        out.push(form(
            RESOLVE_FORM,
            template,
            (t(zh, "处理异议", "Resolve"), t(zh, "已处理", "Resolved")),
            Options::default().with(OBJECTIONS, open),
        ));
    }
    out.extend(recommendation_forms(state, round, who));
    out
}

fn recommendation_forms(state: &State, round: &TownshipRound<'_>, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut out = Vec::new();
    let (year, township) = (round.year, round.township.as_str());
    if let Some(why) = round.before_initial(who.today) {
        out.push(Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("why-not"));
        return out;
    }
    let names = |ids: Vec<&ApplicationView<'_>>| {
        ids.into_iter()
            .map(|a| (a.app.id.clone(), a.app.name.clone()))
            .collect::<Vec<_>>()
    };
    let mut recommend = |stage: RecommendationStage,
                         pool: Vec<(String, String)>,
                         needed: usize,
                         label: (String, String),
                         fix: Option<String>| {
        let seen = state
            .career_pay
            .recommendations
            .get(&(year, township.to_string(), stage))
            .map(|v| v.live_ids())
            .unwrap_or_default();
        let help = match zh {
            true => format!("{}：推荐{needed}人", label.0),
            false => format!("{}: recommend {needed}", label.1),
        };
        if fix.is_none() {
            out.push(Block::line(Tone::Hint, help.clone()).testid("recommend-count"));
        }
        let template = recommend_template(year, township, stage, seen);
        let labels = (
            t(zh, "记录推荐结果", "Record the recommendation"),
            t(zh, "已记录", "Recorded"),
        );
        let mut block = FormBlock::new(CHOOSE_FORM, template.into(), read, labels.0, labels.1);
        block.testid = match (stage, fix.is_some()) {
            (RecommendationStage::Initial, false) => "career_initial",
            (RecommendationStage::Reserve, false) => "career_reserve",
            (RecommendationStage::Initial, true) => "career_initial_fix",
            (RecommendationStage::Reserve, true) => "career_reserve_fix",
        };
        block.options = Options::default().with(APPLICATIONS, pool);
        block.folded = fix.map(|f| format!("{f}（{help}）"));
        out.push(Block::Form(Box::new(block)));
    };
    let here = who.may_here(township);
    let (initial_per, reserve_per) = (round.policy.initial_per_slot, round.policy.reserve_per_slot);
    let initial_label = (
        format!("乡镇扩大会议按1:{initial_per}推荐初步人选"),
        format!("The extended meeting recommends initial candidates (1:{initial_per})"),
    );
    let reserve_label = (
        format!("乡镇党委会按1:{reserve_per}推荐预备人选"),
        format!("The party committee recommends reserve candidates (1:{reserve_per})"),
    );
    let initial_pool = || {
        let ids = round.initial_ids();
        let pool = round
            .apps
            .iter()
            .filter(|a| ids.contains(&a.app.id.as_str()));
        names(pool.collect())
    };
    let fix = |zh_text: &str, en_text: &str| Some(t(zh, zh_text, en_text));
    let (initial_count, reserve_count) = (round.initial_count(), round.reserve_count());
    let inspected = round
        .apps
        .iter()
        .any(|a| !matches!(a.inspection, Standing::None));
    match (round.initial, round.reserve) {
        _ if !here => {}
        (Standing::None | Standing::Conflict, _) => {
            recommend(
                RecommendationStage::Initial,
                names(round.clear()),
                initial_count,
                initial_label,
                None,
            );
        }
        (Standing::One(_), Standing::None | Standing::Conflict) => {
            recommend(
                RecommendationStage::Reserve,
                initial_pool(),
                reserve_count,
                reserve_label,
                None,
            );
            let correct = fix("更正初步人选", "Correct the initial candidates");
            recommend(
                RecommendationStage::Initial,
                names(round.clear()),
                initial_count,
                initial_label,
                correct,
            );
        }
        // Until the county inspects anyone: after that the county's steps rest on it.
        (Standing::One(_), Standing::One(_)) if !inspected => {
            let correct = fix("更正预备人选", "Correct the reserve candidates");
            recommend(
                RecommendationStage::Reserve,
                initial_pool(),
                reserve_count,
                reserve_label,
                correct,
            );
        }
        (Standing::One(_), Standing::One(_)) => {}
    }
    out.extend(inspection_form(round, who));
    out
}

/// The county's inspection form, while a reserve candidate waits for it.
fn inspection_form(round: &TownshipRound<'_>, who: &Viewer) -> Option<Block> {
    if !matches!(round.reserve, Standing::One(_)) || !who.may(Action::County) {
        return None;
    }
    let reserve = round.reserve_ids();
    let waiting = round.apps.iter().filter(|a| {
        reserve.contains(&a.app.id.as_str()) && !matches!(a.inspection, Standing::One(_))
    });
    let waiting: Vec<(String, String)> = waiting
        .map(|a| (a.app.id.clone(), a.app.name.clone()))
        .collect();
    if waiting.is_empty() {
        return None;
    }
    let template = Command::Inspect {
        application: String::new(),
        ballots: Default::default(),
        talks: 0,
        conclusion: String::new(),
        on: NaiveDate::MIN,
    };
    let zh = who.zh;
    let labels = (
        t(zh, "记录考察", "Record the inspection"),
        t(zh, "已记录考察", "Inspected"),
    );
    let options = Options::default().with(APPLICATIONS, waiting);
    Some(form(INSPECT_FORM, template, labels, options))
}

/// An application's 选聘证书, to print.
pub fn certificate_screen(state: &State, application: &str, who: &Viewer) -> Screen {
    let zh = who.zh;
    // Printed only when it stands one way (not while two phones disagree).
    let cert = match standing(state.career_pay.certificates.get(application)) {
        Standing::One(c) => Some(c),
        _ => None,
    };
    let year = state
        .career_pay
        .application(application)
        .map_or(chrono::Datelike::year(&who.today), |a| a.year);
    let back = Link {
        text: t(zh, "← 全旗县选聘", "← The county's round"),
        route: route(Page::Round(year)),
    };
    let Some(c) = cert else {
        return vec![Card::new(vec![
            Block::Back(back),
            Block::line(Tone::Warn, t(zh, "未找到该证书", "No such certificate"))
                .testid("not-found"),
        ])];
    };
    let village = state
        .master
        .villages
        .get(&c.chosen.village)
        .map_or(c.chosen.village.clone(), |v| v.name.clone());
    let township = state.master.township_label(&c.chosen.township);
    let body = match zh {
        true => format!("{}同志：经个人申请、乡镇党委初审、旗县委组织部复审、公示、推荐、考察和选聘领导小组研究决定，选聘你（{township}{village}）享受事业单位基础工资待遇，自{}起执行。", c.chosen.name, c.pay_from),
        false => format!("{} ({township}, {village}): after application, reviews, publicity, recommendation, inspection and the leading group's decision, you are selected for public-institution base pay from {}.", c.chosen.name, c.pay_from),
    };
    vec![Card::document(vec![
        Block::PrintBar {
            back,
            print: t(zh, "打印", "Print"),
        },
        Block::DocTitle(t(zh, "选聘证书", "Certificate of selection")),
        Block::line(
            Tone::Plain,
            match zh {
                true => format!("编号：{}", c.number),
                false => format!("No. {}", c.number),
            },
        )
        .testid("certificate-number"),
        Block::line(Tone::Plain, body).testid("certificate-body"),
        Block::Sign(vec![
            t(zh, "旗县委组织部", "County organization department"),
            c.issued_on.to_string(),
        ]),
    ])]
}
