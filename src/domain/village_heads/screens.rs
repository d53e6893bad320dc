//! The village heads' pages as data: everyone who has held a post, one person's
//! tenures (each corrected or ended through the tenure form), and a year's 退后关爱
//! list with its confirmation. Forms are offered only to the roles `Action::Record`
//! allows; everyone else reads, and is told who may.

use chrono::{Datelike, NaiveDate};

use super::care::{care_lines, changes_since, entries, list_day, total_yuan, CareLine, CareStatus};
use super::decide::{confirmable_year, latest_year, Action, Command, EARLIEST_START};
use super::event::{CareExclusion, EndReason, Tenure};
use super::forms::{
    care_options, read_care, read_tenure, tenure_inputs, tenure_options, CARE_FORM, TENURE_FORM,
};
use super::state::Person;
use super::Page;
use crate::domain::event::Role;
use crate::domain::screen::{
    t, Block, Card, Focus, Focuses, FormBlock, Item, Items, Link, Record, Screen, Tone,
};
use crate::domain::State;
use crate::route::Route;

/// The part of a person's page the tenure form turns (`Focus`).
pub const TENURE_AREA: &str = "tenure";

/// Who looks: their role (`None`: no user chosen), today, the language.
#[derive(Clone, Copy, Debug)]
pub struct Viewer {
    /// The role they act in.
    pub role: Option<Role>,
    /// Today.
    pub today: NaiveDate,
    /// Chinese or English.
    pub zh: bool,
}

impl Viewer {
    fn may_record(&self) -> bool {
        self.role.is_some_and(|r| Action::Record.allows(r))
    }

    fn who_may(&self) -> Block {
        let why = Action::Record.only();
        Block::line(Tone::Hint, if self.zh { why.zh } else { why.en }).testid("not-yours")
    }
}

fn route(page: Page) -> Route {
    Route::VillageHeads(page)
}

fn village_name(state: &State, id: &str) -> String {
    let village = state.master.villages.get(id);
    village.map_or_else(|| id.to_string(), |v| v.name.clone())
}

/// "东风村 党组织书记 2010-03-01 至 2020-03-01（换届离任）" / "… 2017-04-01 起".
fn tenure_text(state: &State, t: &Tenure, zh: bool) -> String {
    let place = format!("{} {}", village_name(state, &t.village), t.post.label(zh));
    let reason = |r: Option<EndReason>| r.map(|r| r.label(zh)).unwrap_or_default();
    match (t.end, zh) {
        (Some(end), true) => format!("{place} {} 至 {end}（{}）", t.start, reason(t.end_reason)),
        (Some(end), false) => format!("{place} {} to {end} ({})", t.start, reason(t.end_reason)),
        (None, true) => format!("{place} {} 起，在任", t.start),
        (None, false) => format!("{place} from {}, in office", t.start),
    }
}

/// Everyone who has held a post, by name: where they serve or served, how long, and
/// the form recording a tenure (for the county).
pub fn people_screen(state: &State, who: Viewer) -> Screen {
    let zh = who.zh;
    let people = state.village_heads.people();
    let mut people: Vec<&Person> = people.values().collect();
    crate::domain::sorting::sort_by(&mut people, |a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
    let conflicted = state.village_heads.tenure_conflicts();
    let items = people.iter().map(|p| {
        let last = p
            .tenures
            .last()
            .map(|(_, t)| tenure_text(state, t, zh))
            .unwrap_or_default();
        let served = t(zh, "累计任正职", "Served ") + &p.served(who.today).words(zh);
        let mixed = p.tenures.iter().any(|(id, _)| conflicted.contains(&id));
        Item {
            link: Link {
                text: p.name.clone(),
                route: route(Page::Person(p.id.clone())),
            },
            meta: format!("{last} · {served}"),
            warn: mixed.then(|| {
                t(
                    zh,
                    "任职记录在两部手机上被同时修改，待核对",
                    "Edited on two phones at once: to review",
                )
            }),
            urgent: mixed,
            attrs: vec![("data-person", p.id.clone())],
        }
    });
    let care = Link {
        text: t(
            zh,
            "退后关爱生活补贴名单",
            "Care subsidy list for former heads",
        ),
        route: route(Page::Care(who.today.year())),
    };
    let career = Link {
        text: t(zh, "选聘事业待遇", "Selection for public-institution pay"),
        route: Route::CareerPay(crate::domain::career_pay::Page::Round(who.today.year())),
    };
    let pay = Link {
        text: t(zh, "村干部报酬表", "Pay sheet"),
        route: route(Page::PaySheet(who.today.year())),
    };
    let mut blocks = vec![
        Block::Title(t(zh, "村两委正职", "Village heads")),
        Block::Actions {
            links: if who.may_record() {
                vec![care, career, pay]
            } else {
                vec![care, career]
            },
            main: None,
        },
    ];
    let disagreements = super::checks::disagreements(state, who.today, zh);
    if !disagreements.is_empty() {
        blocks.push(Block::List {
            tone: Tone::Warn,
            head: t(
                zh,
                "基础信息与任职记录不一致，请核对：",
                "The villages page and the tenures disagree; please check:",
            ),
            items: disagreements,
            testid: "heads-checks",
        });
    }
    if people.is_empty() {
        blocks.push(Block::line(
            Tone::Hint,
            t(zh, "还没有任职记录", "No tenure recorded yet"),
        ));
    }
    blocks.push(Block::Items(Items {
        testid: "people",
        items: items.collect(),
    }));
    let form = if who.may_record() {
        let mut form = tenure_form(state, None, zh);
        form.folded = Some(t(zh, "登记任职", "Record a tenure"));
        Block::Form(Box::new(form))
    } else {
        who.who_may()
    };
    vec![Card::new(blocks), Card::new(vec![form])]
}

/// The tenure form: a new tenure, or a new version of `edit` (its id, what it records
/// and the versions the user saw).
fn tenure_form(state: &State, edit: Option<(&str, &Tenure, &[String])>, zh: bool) -> FormBlock {
    let template = Command::RecordTenure {
        tenure: edit.map(|(id, _, _)| id.to_string()).unwrap_or_default(),
        seen: edit.map(|(_, _, seen)| seen.to_vec()).unwrap_or_default(),
        record: Tenure {
            person: String::new(),
            name: String::new(),
            village: String::new(),
            post: super::event::HeadPost::Secretary,
            start: NaiveDate::MIN,
            end: None,
            end_reason: None,
        },
    };
    let (button, done) = (
        t(zh, "保存任职记录", "Save tenure"),
        t(zh, "任职记录已保存", "Tenure saved"),
    );
    let mut form = FormBlock::new(TENURE_FORM, template.into(), read_tenure, button, done);
    form.testid = "tenure-form";
    form.options = tenure_options(state, zh);
    form.init = tenure_inputs(edit.map(|(_, t, _)| t));
    form.instance = edit.map(|(id, _, _)| id.to_string()).unwrap_or_default();
    form
}

/// One person: how long they served, each tenure with who recorded it, a button that
/// corrects or ends it (for the county), and the form it turns to.
pub fn person_screen(state: &State, person: &str, who: Viewer, focus: &Focuses) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 村两委正职", "← Village heads"),
        route: route(Page::People),
    });
    let Some(p) = state.village_heads.person(person) else {
        let missing =
            Block::line(Tone::Warn, t(zh, "未找到该人员", "No such person")).testid("not-found");
        return vec![Card::new(vec![back, missing])];
    };
    let served = p.served(who.today);
    let summary = match p.sitting_on(who.today) {
        true => t(zh, "在任，累计任正职", "In office; served ") + &served.words(zh),
        false => t(zh, "已离任，累计任正职", "Former head; served ") + &served.words(zh),
    };
    let chosen = focus.get(TENURE_AREA);
    let records = p
        .tenures
        .iter()
        .map(|(id, tenure)| tenure_record(state, id, tenure, who));
    let mut cards = vec![Card::new(vec![
        back,
        Block::Title(p.name.clone()),
        Block::line(Tone::Plain, summary).testid("served"),
        Block::Records {
            testid: "tenures",
            records: records.collect(),
        },
    ])];
    let editing = p
        .tenures
        .iter()
        .find(|(id, _)| chosen.form == TENURE_FORM.key && chosen.from == *id);
    if let (true, Some((id, tenure))) = (who.may_record(), editing) {
        let mut form = tenure_form(state, Some((id, tenure, &chosen.replaces)), zh);
        form.after = Some(chosen.cleared());
        form.clear = false;
        let title = Block::Heading(t(zh, "更正或登记离任", "Correct or end this tenure"));
        cards.push(Card::new(vec![title, Block::Form(Box::new(form))]));
    }
    cards
}

fn tenure_record(state: &State, id: &str, tenure: &Tenure, who: Viewer) -> Record {
    let zh = who.zh;
    let heads = &state.village_heads;
    let mut body = Vec::new();
    let versions = heads.tenures.get(id);
    if versions.is_some_and(|v| v.conflicted()) {
        let live = versions.map(|v| v.live()).unwrap_or_default();
        let colon = if zh { "：" } else { ": " };
        let said = live
            .iter()
            .map(|v| format!("{}{colon}{}", v.author, tenure_text(state, &v.value, zh)));
        body.push(Block::List {
            tone: Tone::Warn,
            head: t(
                zh,
                "在两部手机上各自录入了不同版本，请核对后点“更正”保存为一个版本：",
                "Different versions were recorded on two phones; check them, then Correct and save one:",
            ),
            items: said.collect(),
            testid: "conflict",
        });
    }
    let latest = versions.and_then(|v| v.live().last().copied());
    let meta = latest
        .map(|v| {
            format!(
                "{} · {}",
                v.author,
                crate::domain::time::beijing_date(v.recorded_at)
            )
        })
        .unwrap_or_default();
    let focus = Focus {
        area: TENURE_AREA,
        form: TENURE_FORM.key.to_string(),
        replaces: heads.tenure_live_ids(id),
        from: id.to_string(),
        follow: false,
        each: false,
    };
    let button = t(zh, "更正或登记离任", "Correct or end");
    Record {
        title: tenure_text(state, tenure, zh),
        body,
        meta,
        correct: who.may_record().then_some((button, focus)),
        attrs: vec![("data-tenure", id.to_string())],
    }
}

/// A year's care list: the rule in force, who is paid and how much, the total, who
/// does not qualify and why, whether the county confirmed it (and what changed since),
/// and the confirmation form (for the county).
pub fn care_screen(state: &State, year: i32, who: Viewer) -> Screen {
    let zh = who.zh;
    let back = Block::Back(Link {
        text: t(zh, "← 村两委正职", "← Village heads"),
        route: route(Page::People),
    });
    let Some(on) = list_day(year).filter(|_| confirmable_year(year, who.today)) else {
        let text = match zh {
            true => format!(
                "只有{}年至{}年的名单",
                EARLIEST_START.year(),
                latest_year(who.today)
            ),
            false => format!(
                "Lists run from {} to {} only",
                EARLIEST_START.year(),
                latest_year(who.today)
            ),
        };
        return vec![Card::new(vec![
            back,
            Block::line(Tone::Warn, text).testid("not-found"),
        ])];
    };
    let policy = state.policies.at(on).retired_care;
    let head = care_head(state, (year, on), back, who);
    let lines = care_lines(state, year);
    let heads = &state.village_heads;
    let confirmed_excluded = heads
        .confirmed(year)
        .map(|c| c.value.excluded.clone())
        .unwrap_or_default();
    let paid = entries(state, year, &confirmed_excluded);
    let qualifying: Vec<&CareLine> = lines
        .iter()
        .filter(|l| l.status == CareStatus::Qualifies)
        .collect();
    let others: Vec<&CareLine> = lines
        .iter()
        .filter(|l| l.status != CareStatus::Qualifies)
        .collect();
    let total = match zh {
        true => format!("共{}人，合计{}元", paid.len(), total_yuan(&paid)),
        false => format!("{} people, {} yuan in all", paid.len(), total_yuan(&paid)),
    };
    let mut cards = vec![
        Card::new(head),
        Card::new(vec![
            Block::Heading(t(zh, "符合条件", "Qualify")),
            list_block(
                &qualifying,
                policy.min_years,
                ("care-qualifying", zh),
                Some((policy.yearly_yuan, &confirmed_excluded)),
            ),
            Block::line(Tone::Plain, total).testid("care-total"),
        ]),
        Card::new(vec![
            Block::Heading(t(zh, "暂不符合条件", "Do not qualify (yet)")),
            list_block(&others, policy.min_years, ("care-others", zh), None),
        ]),
    ];
    cards.push(Card::new(vec![confirm_block(state, year, who)]));
    cards
}

/// The care page's head: its title, the years around it, the rule in force, the
/// confirmation and a conflict that holds it.
fn care_head(state: &State, (year, on): (i32, NaiveDate), back: Block, who: Viewer) -> Vec<Block> {
    let zh = who.zh;
    let policy = state.policies.at(on).retired_care;
    let heads = &state.village_heads;
    let years = |y: i32| Link {
        text: y.to_string(),
        route: route(Page::Care(y)),
    };
    let rule = match zh {
        true => format!(
            "以{on}为准：已离任、任正职满{}年的村（嘎查）干部，每人每年生活补贴{}元",
            policy.min_years, policy.yearly_yuan
        ),
        false => format!(
            "As of {on}: former heads who served at least {} years get {} yuan a year each",
            policy.min_years, policy.yearly_yuan
        ),
    };
    let mut head = vec![
        back,
        Block::Title(match zh {
            true => format!("{year}年退后关爱生活补贴名单"),
            false => format!("Care subsidy list {year}"),
        }),
        Block::Actions {
            links: [year - 1, year + 1]
                .into_iter()
                .filter(|y| confirmable_year(*y, who.today))
                .map(years)
                .collect(),
            main: None,
        },
        Block::line(Tone::Hint, rule).testid("care-rule"),
    ];
    head.extend(confirmation(state, year, zh));
    if !heads.tenure_conflicts().is_empty() {
        let text = t(
            zh,
            "有任职记录在两部手机上被同时修改，名单按其中较晚的版本计算，核对后才能确认",
            "A tenure was edited on two phones at once: the list counts the later version, and can be confirmed once it is settled",
        );
        head.push(Block::line(Tone::Warn, text).testid("care-conflict"));
    }
    head
}

/// People of a list; for those who qualify, `paid` gives the year's amount and who
/// the confirmed list leaves off (shown with the reason instead of an amount).
fn list_block(
    lines: &[&CareLine],
    min_years: u32,
    (testid, zh): (&'static str, bool),
    paid: Option<(u32, &[CareExclusion])>,
) -> Block {
    if lines.is_empty() {
        return Block::line(Tone::Hint, t(zh, "无", "None")).testid(testid);
    }
    let items = lines.iter().map(|l| {
        let amount = paid.map(|(y, excluded)| {
            let left_off = excluded.iter().find(|x| x.person == l.person);
            match (left_off, zh) {
                (Some(x), true) => format!(" · 不列入（{}）", x.reason.label(true)),
                (Some(x), false) => format!(" · left off ({})", x.reason.label(false)),
                (None, true) => format!(" · {y}元"),
                (None, false) => format!(" · {y} yuan"),
            }
        });
        Item {
            link: Link {
                text: l.name.clone(),
                route: route(Page::Person(l.person.clone())),
            },
            meta: format!(
                "{} · {}{}",
                l.villages.join(if zh { "、" } else { ", " }),
                l.why(min_years, zh),
                amount.unwrap_or_default()
            ),
            warn: None,
            urgent: false,
            attrs: vec![("data-person", l.person.clone())],
        }
    });
    Block::Items(Items {
        testid,
        items: items.collect(),
    })
}

fn confirmation(state: &State, year: i32, zh: bool) -> Vec<Block> {
    let heads = &state.village_heads;
    let Some(c) = heads.confirmed(year) else {
        return vec![
            Block::line(Tone::Warn, t(zh, "尚未确认", "Not confirmed yet"))
                .testid("care-confirmed"),
        ];
    };
    let day = crate::domain::time::beijing_date(c.recorded_at);
    let list = &c.value;
    let said = match zh {
        true => format!(
            "已确认（{}，{day}）：{}人，合计{}元",
            c.author,
            list.entries.len(),
            total_yuan(&list.entries)
        ),
        false => format!(
            "Confirmed ({}, {day}): {} people, {} yuan",
            c.author,
            list.entries.len(),
            total_yuan(&list.entries)
        ),
    };
    let mut out = vec![Block::line(Tone::Ok, said).testid("care-confirmed")];
    for x in &list.excluded {
        let text = match zh {
            true => format!("不列入：{}（{}）", x.name, x.reason.label(true)),
            false => format!("Left off: {} ({})", x.name, x.reason.label(false)),
        };
        out.push(Block::line(Tone::Hint, text));
    }
    if heads.list_conflicted(year) {
        let text = t(
            zh,
            "两部手机各自确认了不同的名单，请核对后重新确认",
            "Two phones confirmed different lists: check and confirm again",
        );
        out.push(Block::line(Tone::Warn, text).testid("care-conflict"));
    }
    let changes = changes_since(state, year, zh);
    if !changes.is_empty() {
        out.push(Block::List {
            tone: Tone::Warn,
            head: t(
                zh,
                "确认后任职记录有变化，名单需重新确认：",
                "Records changed after the confirmation; confirm again:",
            ),
            items: changes,
            testid: "care-changes",
        });
    }
    out
}

fn confirm_block(state: &State, year: i32, who: Viewer) -> Block {
    let zh = who.zh;
    if !who.may_record() {
        return who.who_may();
    }
    let heads = &state.village_heads;
    let template = Command::ConfirmCareList {
        year,
        excluded: Vec::new(),
        seen: heads.list_live_ids(year),
        shown: entries(state, year, &[]),
    };
    let (button, done) = (
        t(zh, "确认名单", "Confirm the list"),
        t(zh, "名单已确认", "List confirmed"),
    );
    let mut form = FormBlock::new(CARE_FORM, template.into(), read_care, button, done);
    form.testid = "care-form";
    form.options = care_options(state, year, zh);
    // Confirming again starts from who the list in force leaves off, and why.
    let excluded = heads
        .confirmed(year)
        .map(|c| c.value.excluded.as_slice())
        .unwrap_or_default();
    let qualifying = form.options.list(super::forms::QUALIFYING).to_vec();
    let still = excluded
        .iter()
        .filter(|x| qualifying.iter().any(|(p, _)| *p == x.person));
    form.init = still
        .map(|x| (format!("excluded.{}", x.person), x.reason.key().to_string()))
        .collect();
    Block::Form(Box::new(form))
}
