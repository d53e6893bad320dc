//! The one renderer of screens as data (`domain::screen`): cards, lines, banners,
//! tables (cards on a phone, each cell labelled by its column), links and forms. Text is
//! set only as text nodes and attribute values; tags and attribute names come from here.

use std::sync::Arc;

use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos_router::components::A;

use crate::domain::screen::{
    Block, Card, Chip, FormBlock, Items, Place, Row, Screen, Sent, Table, TableCell, Tone,
};
use crate::store::RecordError;
use crate::ui::components::{form_element, FormParts, Label};
use crate::ui::ctx::{now_ms, random_u64, today, Ctx};

/// Draw the screen `build` makes, each card a section, and draw it again when it
/// changes: a card equal to one drawn before keeps its DOM (and what is typed in its
/// form), even when it moves.
pub fn screen_view(c: Ctx, build: impl Fn() -> Screen + Send + Sync + 'static) -> impl IntoView {
    cards_view(c, Arc::new(build))
}

/// What a page builds its screen with.
type Builder = Arc<dyn Fn() -> Screen + Send + Sync>;

/// `screen_view`'s one body for every page (not one copy of the view code per page).
fn cards_view(c: Ctx, build: Builder) -> impl IntoView {
    let drawn = StoredValue::new(Vec::<(u64, Card)>::new());
    let next = StoredValue::new(0u64);
    let cards = move || {
        let before = drawn.get_value();
        let mut used = vec![false; before.len()];
        let mut key_of = |card: &Card| {
            let same = (0..before.len()).find(|&i| !used[i] && before[i].1 == *card);
            if let Some(i) = same {
                used[i] = true;
                return before[i].0;
            }
            next.update_value(|n| *n += 1);
            next.get_value()
        };
        let keyed: Vec<(u64, Card)> = build()
            .into_iter()
            .map(|card| (key_of(&card), card))
            .collect();
        drawn.set_value(keyed.clone());
        keyed
    };
    view! {
        <For each=cards key=|(key, _)| *key let((_, card))>
            {render_card(c, card)}
        </For>
    }
}

fn attrs(list: Vec<(&'static str, String)>) -> Vec<AnyAttribute> {
    list.into_iter()
        .map(|(k, v)| custom_attribute(k, v).into_any_attr())
        .collect()
}

fn testid(id: &'static str) -> Option<&'static str> {
    (!id.is_empty()).then_some(id)
}

fn render_card(c: Ctx, card: Card) -> AnyView {
    let class = if card.class.is_empty() {
        "card".to_string()
    } else {
        format!("card {}", card.class)
    };
    let blocks: Vec<AnyView> = card
        .blocks
        .into_iter()
        .map(|b| render_block(c, b))
        .collect();
    view! { <section class=class>{blocks}</section> }
        .add_any_attr(attrs(card.attrs))
        .into_any()
}

fn tone_class(tone: Tone) -> &'static str {
    match tone {
        Tone::Plain => "",
        Tone::Hint => "hint",
        Tone::Ok => "ok",
        Tone::Warn => "warn",
        Tone::Banner => "banner warn",
    }
}

fn render_block(c: Ctx, block: Block) -> AnyView {
    match block {
        Block::Back(l) => {
            view! { <A href=l.route.href() attr:class="back">{l.text}</A> }.into_any()
        }
        Block::Title(t) => view! { <h1>{t}</h1> }.into_any(),
        Block::Heading(t) => view! { <h2>{t}</h2> }.into_any(),
        Block::Line {
            tone,
            text,
            testid: id,
            link,
        } => {
            let body = match link {
                // A link on its own line is a tap target (44 px).
                Some(route) => {
                    view! { <A href=route.href() attr:class="tap">{text}</A> }.into_any()
                }
                None => text.into_any(),
            };
            view! { <p class=tone_class(tone) data-testid=testid(id)>{body}</p> }.into_any()
        }
        Block::List {
            tone,
            head,
            items,
            testid: id,
        } => view! {
            <div class=tone_class(tone) data-testid=testid(id)>
                <p>{head}</p>
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Block::Actions { links, main } => {
            let links = links.into_iter().enumerate().map(|(i, l)| {
                let class = if i == main {
                    "button primary"
                } else {
                    "button"
                };
                view! { <A href=l.route.href() attr:class=class>{l.text}</A> }
            });
            view! { <div class="actions">{links.collect_view()}</div> }.into_any()
        }
        Block::Table(t) => render_table(t).into_any(),
        Block::Items(l) => render_items(l).into_any(),
        Block::Form(f) => render_form(c, *f),
    }
}

fn render_items(list: Items) -> impl IntoView {
    let items = list.items.into_iter().map(|i| {
        let warn = i.warn.map(|w| view! { <span class="warn">{w}</span> });
        view! {
            <li class:urgent=i.urgent>
                <A href=i.link.route.href() attr:class="tap">{i.link.text}</A>
                <span class="meta">{i.meta}</span>
                {warn}
            </li>
        }
        .add_any_attr(attrs(i.attrs))
    });
    view! { <ul class="list" data-testid=testid(list.testid)>{items.collect_view()}</ul> }
}

fn render_table(t: Table) -> impl IntoView {
    let columns = t.columns.clone();
    let heads = t
        .columns
        .into_iter()
        .map(|h| view! { <th>{h}</th> })
        .collect_view();
    let rows = t
        .rows
        .into_iter()
        .map(|r| render_row(&columns, r))
        .collect_view();
    view! {
        <table class=t.class data-testid=testid(t.testid)>
            <thead><tr>{heads}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn render_row(columns: &[String], row: Row) -> impl IntoView {
    let cells = row
        .cells
        .into_iter()
        .zip(columns.iter().skip(1))
        .map(|(cell, label)| render_cell(cell, label))
        .collect_view();
    view! { <tr class:stale=row.stale><th>{row.head}</th>{cells}</tr> }
        .add_any_attr(attrs(row.attrs))
}

/// A status chip: its value, its state in words, its warnings.
pub fn render_chip(chip: Chip) -> impl IntoView {
    let warnings = chip
        .warnings
        .into_iter()
        .map(|w| view! { <small class="warn">{w}</small> })
        .collect_view();
    view! {
        <span class=format!("chip {}", chip.state)>
            <b>{chip.value}</b>
            <small>{chip.label}</small>
            {warnings}
        </span>
    }
}

fn render_cell(cell: TableCell, label: &str) -> AnyView {
    if let (Some(chip), Some(route)) = (cell.chip, cell.link) {
        let spoken = view! { <span class="sr-only">{cell.spoken}</span> };
        return view! { <td><A href=route.href()>{spoken}{render_chip(chip)}</A></td> }.into_any();
    }
    if cell.text.is_empty() && cell.marks.is_empty() {
        return view! { <td></td> }.into_any();
    }
    let place = match cell.place {
        Place::Lead => "lead",
        Place::Score => "score",
        Place::More => "more",
    };
    let class = if cell.number {
        format!("num {place}")
    } else {
        place.to_string()
    };
    let value = match (cell.strong, cell.provisional) {
        (true, _) => view! { <b>{cell.text}</b> }.into_any(),
        (false, true) => view! { <i>{cell.text}</i> }.into_any(),
        (false, false) => cell.text.into_any(),
    };
    let marks = cell
        .marks
        .into_iter()
        .map(|(text, id)| view! { <small class="warn" data-testid=testid(id)>{text}</small> })
        .collect_view();
    view! { <td class=class data-label=label.to_string() data-testid=testid(cell.testid)>{value}{marks}</td> }.into_any()
}

fn render_form(c: Ctx, f: FormBlock) -> AnyView {
    let block = f.clone();
    let send = Arc::new(move |inputs: &_| {
        let sent = Sent {
            today: today(),
            now_ms: now_ms(),
            random: random_u64(),
        };
        let cmd = block.command(inputs, &sent).map_err(RecordError::rules)?;
        c.record(cmd).map(|_| ())
    });
    let element = form_element(FormParts {
        form: f.form,
        send,
        button: Label::Text(f.button),
        done: Label::Text(f.done),
        testid: f.testid,
        options: f.options,
        init: f.init,
        clear: f.clear,
        class: "stack",
    });
    match f.folded {
        Some(summary) => {
            view! { <details open=f.open><summary>{summary}</summary>{element}</details> }
                .into_any()
        }
        None => element.into_any(),
    }
}
