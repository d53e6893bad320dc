//! The page of a year's holders of 事业 pay (`/career/<year>/holders`): each person's
//! certificate, whether the year is covered (its first year, or renewed), what in the
//! records calls for ending the pay, their months and yuan this year; and for the
//! county, the renewal form and the form that ends (or corrects the end of) a pay.

use chrono::{Datelike, NaiveDate};

use super::decide::{Action, Command};
use super::forms::{APPLICATIONS, CONDITIONS, END_FORM, RENEW_FORM};
use super::renewal::{end_calls, holdings, review_day, unsettled_certificates, Holding};
use super::screens::{form, route, Viewer};
use super::state::Standing;
use super::Page;
use crate::domain::form::Options;
use crate::domain::screen::{t, Block, Card, Item, Items, Link, Screen, Tone};
use crate::domain::State;

/// The holders of `year`, for `who`.
pub fn holders_screen(state: &State, year: i32, who: &Viewer) -> Screen {
    let zh = who.zh;
    let title = match zh {
        true => format!("{year}年选聘人员年度评聘"),
        false => format!("{year} yearly review of selected heads"),
    };
    let years = [year.checked_sub(1), year.checked_add(1)]
        .into_iter()
        .flatten()
        .filter(|y| *y <= who.today.year().saturating_add(1))
        .map(|y| Link {
            text: y.to_string(),
            route: route(Page::Holders(y)),
        });
    let mut blocks = vec![
        Block::Back(Link {
            text: t(zh, "← 全旗县选聘", "← The county's round"),
            route: route(Page::Round(year)),
        }),
        Block::Title(title),
        Block::Actions {
            links: years.collect(),
            main: None,
        },
        Block::line(
            Tone::Hint,
            t(
                zh,
                "一年一评、一年一聘：证书生效当年之后，每年须续聘；出现终止情形的，自停发日期起不再享受待遇。",
                "Reviewed and renewed every year: after the certificate's first year each year needs a renewal; an end stops the pay from its day.",
            ),
        ),
    ];
    if unsettled_certificates(state, year) > 0 {
        blocks.push(Block::line(
            Tone::Warn,
            t(
                zh,
                "有选聘证书在两部手机上记录不一致，待核对后才计发",
                "A certificate differs between two phones: it pays once settled",
            ),
        ));
    }
    let this_year = year == who.today.year();
    let shown: Vec<Holding> = holdings(state)
        .into_iter()
        .filter(|h| shown_in(h, year, this_year))
        .collect();
    if shown.is_empty() {
        blocks.push(
            Block::line(
                Tone::Hint,
                t(
                    zh,
                    "该年没有享受事业待遇的人员",
                    "Nobody holds the pay this year",
                ),
            )
            .testid("holders-none"),
        );
    }
    blocks.push(Block::Items(Items {
        testid: "holders",
        items: shown
            .iter()
            .map(|h| holder_item(state, h, year, who))
            .collect(),
    }));
    let mut cards = vec![Card::new(blocks)];
    cards.push(Card::new(forms(state, &shown, year, who)));
    cards
}

/// Whether the page of `year` lists `h`: paid in it, still running, or ended in it (and
/// every ended one on this year's page, where its end may be corrected).
fn shown_in(h: &Holding, year: i32, this_year: bool) -> bool {
    let begun = h.certificate.pay_from.year() <= year;
    let end_here = match h.end {
        Standing::One(_) => this_year || h.end_year() == Some(year),
        Standing::Conflict => true,
        Standing::None => false,
    };
    begun && (h.runs_in(year) || !h.ended() || end_here)
}

/// One holder: certificate, the year's standing and pay, and what calls for an end.
fn holder_item(state: &State, h: &Holding, year: i32, who: &Viewer) -> Item {
    let zh = who.zh;
    let c = &h.certificate.chosen;
    let village = state
        .master
        .villages
        .get(&c.village)
        .map_or(c.village.clone(), |v| v.name.clone());
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(who.today);
    let policy = state.policies.at(year_end).career_pay;
    let months = policy.paid_months(year, h.certificate.pay_from, h.pay_ends());
    let standing = year_standing(state, h, year, zh);
    let meta = match zh {
        true => format!(
            "{village} · 证书{} · {}起 · {standing} · 当年{months}个月",
            h.certificate.number, h.certificate.pay_from
        ),
        false => format!(
            "{village} · certificate {} · from {} · {standing} · {months} months this year",
            h.certificate.number, h.certificate.pay_from
        ),
    };
    let on = review_day(year, who.today);
    let calls = match h.ended() {
        true => Vec::new(),
        false => end_calls(state, h, year, on, zh),
    };
    let sep = t(zh, "；", "; ");
    Item {
        link: Link {
            text: c.name.clone(),
            route: route(Page::Certificate(h.application.to_string())),
        },
        meta,
        warn: (!calls.is_empty()).then(|| {
            let call = calls.join(&sep);
            match zh {
                true => format!("{call}：应终止待遇"),
                false => format!("{call}: the pay should end"),
            }
        }),
        urgent: !calls.is_empty(),
        attrs: vec![("data-application", h.application.to_string())],
    }
}

/// The year's standing of a holding, in words.
fn year_standing(state: &State, h: &Holding, year: i32, zh: bool) -> String {
    let renewed = state
        .career_pay
        .renewals
        .get(&(h.application.to_string(), year))
        .and_then(|days| days.first());
    match (h.end, renewed) {
        (Standing::One(end), _) => match zh {
            true => format!(
                "已终止（{}：{}），{}起停发",
                end.condition, end.note, end.pay_ends
            ),
            false => format!(
                "ended ({}: {}), unpaid from {}",
                end.condition, end.note, end.pay_ends
            ),
        },
        (Standing::Conflict, _) => {
            let versions = state.career_pay.terminations.get(h.application);
            let each = versions.map(|v| v.live()).unwrap_or_default();
            let said: Vec<String> = each
                .iter()
                .map(|v| match zh {
                    true => format!(
                        "{}：{}，{}起停发",
                        v.value.condition, v.value.note, v.value.pay_ends
                    ),
                    false => format!(
                        "{}: {}, unpaid from {}",
                        v.value.condition, v.value.note, v.value.pay_ends
                    ),
                })
                .collect();
            match zh {
                true => format!(
                    "终止记录在两部手机上不一致，待核对并更正：{}",
                    said.join("；")
                ),
                false => format!(
                    "Its end differs between two phones; correct it: {}",
                    said.join("; ")
                ),
            }
        }
        (Standing::None, Some(day)) => match zh {
            true => format!("{day}已续聘"),
            false => format!("renewed on {day}"),
        },
        (Standing::None, None) if h.certificate.pay_from.year() >= year => {
            t(zh, "证书生效当年", "The certificate's first year")
        }
        (Standing::None, None) => t(zh, "待续聘评定", "Renewal review due"),
    }
}

/// The county's forms: renew those due with nothing calling for an end; end (or
/// correct the end of) any holder's pay.
fn forms(state: &State, shown: &[Holding], year: i32, who: &Viewer) -> Vec<Block> {
    let zh = who.zh;
    let mut blocks = vec![Block::Heading(t(zh, "续聘与终止", "Renewal and ends"))];
    if !who.may(Action::County) {
        blocks.push(who.who_may(Action::County));
        return blocks;
    }
    if year > who.today.year().saturating_add(1) {
        blocks.push(Block::line(
            Tone::Hint,
            t(
                zh,
                "续聘最多记录到明年",
                "A renewal can be recorded up to next year",
            ),
        ));
        return blocks;
    }
    let on = review_day(year, who.today).min(who.today);
    let renewable: Vec<(String, String)> = shown
        .iter()
        .filter(|h| h.certificate.pay_from.year() < year)
        .filter(|h| !h.settled_for(state, year))
        .filter(|h| end_calls(state, h, year, on, zh).is_empty())
        .map(|h| (h.application.to_string(), h.certificate.chosen.name.clone()))
        .collect();
    if !renewable.is_empty() {
        let template = Command::Renew {
            application: String::new(),
            year,
            on: NaiveDate::MIN,
        };
        let options = Options::default().with(APPLICATIONS, renewable);
        blocks.push(form(
            RENEW_FORM,
            template,
            (t(zh, "续聘", "Renew"), t(zh, "已续聘", "Renewed")),
            options,
        ));
    }
    blocks.extend(end_form(state, shown, who));
    blocks
}

/// The form ending a holder's pay; naming one whose end is recorded corrects it.
fn end_form(state: &State, shown: &[Holding], who: &Viewer) -> Option<Block> {
    let zh = who.zh;
    let people: Vec<(String, String)> = shown
        .iter()
        .map(|h| {
            let name = h.certificate.chosen.name.clone();
            let label = match (h.ended(), zh) {
                (false, _) => name,
                (true, true) => format!("{name}（更正终止记录）"),
                (true, false) => format!("{name} (correct the end)"),
            };
            (h.application.to_string(), label)
        })
        .collect();
    if people.is_empty() {
        return None;
    }
    let conditions = state
        .policies
        .at(who.today)
        .career_pay
        .termination_conditions;
    let conditions = conditions.into_iter().map(|c| (c.clone(), c)).collect();
    // The ends on the page as drawn: a correction replaces only those (one arriving
    // meanwhile stays, and shows as two versions).
    let drawn = state.career_pay.terminations.values();
    let template = Command::Terminate {
        application: String::new(),
        condition: String::new(),
        note: String::new(),
        pay_ends: NaiveDate::MIN,
        on: NaiveDate::MIN,
        seen: drawn.flat_map(|v| v.live_ids()).collect(),
    };
    let options = Options::default()
        .with(APPLICATIONS, people)
        .with(CONDITIONS, conditions);
    Some(form(
        END_FORM,
        template,
        (
            t(zh, "终止待遇", "End the pay"),
            t(zh, "已记录终止", "Ended"),
        ),
        options,
    ))
}
