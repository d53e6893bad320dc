//! The one renderer of screens as data (`domain::screen`): cards, lines, banners,
//! tables (cards on a phone, each cell labelled by its column), links and forms. Text is
//! set only as text nodes and attribute values; tags and attribute names come from here.

use std::sync::Arc;

use crate::ui::nav::A;
use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use leptos::tachys::view::add_attr::AddAnyAttr;

use crate::domain::form::Inputs;
use crate::domain::screen::{
    Bars, Block, Card, CellLine, Chip, Focus, Focuses, FormBlock, Items, Link, Place, Record, Row,
    Screen, Sent, Sheet, SheetCell, Stage, Table, TableCell, Tone,
};
use crate::route::Route;
use crate::store::RecordError;
use crate::ui::components::{form_element, Draft, FormParts, Label};
use crate::ui::ctx::{now_ms, random_u64, today, Ctx};

/// Draw the screen `build` makes, each card a section, and draw it again when it
/// changes: a card equal to one drawn before keeps its DOM (and what is typed in its
/// form), even when it moves.
pub fn screen_view(c: Ctx, build: impl Fn() -> Screen + Send + Sync + 'static) -> impl IntoView {
    cards_view(
        Page::new(c, RwSignal::new(Focuses::default())),
        Arc::new(build),
    )
}

/// `screen_view` for a page whose buttons turn it to a form (`Block::Focus`): they set
/// `focus`, which the page's builder reads.
pub fn focused_screen_view(
    c: Ctx,
    focus: RwSignal<Focuses>,
    build: impl Fn() -> Screen + Send + Sync + 'static,
) -> impl IntoView {
    cards_view(Page::new(c, focus), Arc::new(build))
}

/// Blocks drawn in place (inside a page's own section), not as cards.
pub fn blocks_view(c: Ctx, focus: RwSignal<Focuses>, blocks: Vec<Block>) -> impl IntoView {
    let page = Page::new(c, focus);
    let blocks = blocks.into_iter().map(move |b| render_block(page, b));
    blocks.collect_view()
}

/// What every block of a page is drawn with: the app, and what the page is turned to.
#[derive(Clone, Copy)]
struct Page {
    c: Ctx,
    focus: RwSignal<Focuses>,
    /// The notice of the last form recorded here, by the form's name: shown again when
    /// recording redraws the form's card (a step done, a signature added).
    notice: RwSignal<Option<(String, String)>>,
}

/// What a page keeps across its redraws — a change elsewhere on a form's card, and the
/// whole app drawn again when the language changes — for the path it was made on (a
/// new page starts afresh): each unsaved form's draft, by form (name and key): (the
/// inputs the page drew it with, the inputs as typed); and what the page is turned to.
#[derive(Default)]
struct Kept {
    path: String,
    drafts: std::collections::BTreeMap<String, (Inputs, Inputs)>,
    focus: Focuses,
}

thread_local! {
    static KEPT: std::cell::RefCell<Kept> = std::cell::RefCell::new(Kept::default());
}

/// Read or change what the current page keeps.
fn kept<R>(f: impl FnOnce(&mut Kept) -> R) -> R {
    let path = crate::ui::nav::use_location().pathname.get_untracked();
    KEPT.with(|k| {
        let mut k = k.borrow_mut();
        if k.path != path {
            *k = Kept {
                path,
                ..Kept::default()
            };
        }
        f(&mut k)
    })
}

/// What the current page is turned to, as it was before a redraw (default on a new
/// page): the signal a page's buttons set (`focused_screen_view`).
pub fn page_focus() -> RwSignal<Focuses> {
    RwSignal::new(kept(|k| k.focus.clone()))
}

/// Turn the page to `focus`, kept across a redraw.
fn turn(page: Page, focus: Focus) {
    set_focus(page.focus, focus);
}

/// Turn a page's `focus` signal (`page_focus`) to `focus`, kept across a redraw.
pub fn set_focus(signal: RwSignal<Focuses>, focus: Focus) {
    kept(|k| k.focus.set(focus.clone()));
    signal.update(|all| all.set(focus));
}

impl Page {
    fn new(c: Ctx, focus: RwSignal<Focuses>) -> Page {
        let notice = RwSignal::new(None);
        Page { c, focus, notice }
    }
}

/// What a page builds its screen with.
type Builder = Arc<dyn Fn() -> Screen + Send + Sync>;

/// `screen_view`'s one body for every page (not one copy of the view code per page).
fn cards_view(page: Page, build: Builder) -> impl IntoView {
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
            {render_card(page, card)}
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

fn render_card(page: Page, card: Card) -> AnyView {
    let class = if card.class.is_empty() {
        "card".to_string()
    } else {
        format!("card {}", card.class)
    };
    let blocks: Vec<AnyView> = card
        .blocks
        .into_iter()
        .map(|b| render_block(page, b))
        .collect();
    if card.document {
        return view! { <article class=format!("doc {}", card.class)>{blocks}</article> }
            .add_any_attr(attrs(card.attrs))
            .into_any();
    }
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

/// The DOM of one block (text as text nodes and attribute values only).
fn render_block(page: Page, block: Block) -> AnyView {
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
        } => render_line(tone, text, id, link).into_any(),
        Block::List {
            tone,
            head,
            items,
            testid: id,
        } => view! {
            <div class=tone_class(tone) data-testid=testid(id)>
                {(!head.is_empty()).then(|| view! { <p>{head}</p> })}
                <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Block::Actions { links, main } => render_actions(links, main).into_any(),
        Block::Table(t) => render_table(t).into_any(),
        Block::Items(l) => render_items(l).into_any(),
        Block::Form(f) => render_form(page, *f),
        Block::Sheet(sheet) => render_sheet(sheet).into_any(),
        Block::DocTitle(t) => view! { <h1 class="doc-title">{t}</h1> }.into_any(),
        Block::Sign(lines) => {
            let lines = lines.into_iter().map(|l| view! { <div>{l}</div> });
            view! { <div class="doc-sign">{lines.collect_view()}</div> }.into_any()
        }
        Block::PrintBar { back, print } => render_print_bar(back, print).into_any(),
        Block::Download {
            text,
            file,
            mime,
            content,
            testid: id,
        } => render_download(text, (file, mime, content), id).into_any(),
        Block::Facts {
            tone,
            testid: id,
            lines,
        } => render_facts(tone, id, lines).into_any(),
        Block::Record(r) => render_record(page, *r),
        Block::Stages(stages) => render_stages(page, stages).into_any(),
        Block::Records {
            testid: id,
            records,
        } => render_records(page, id, records).into_any(),
        Block::Focus { text, focus } => render_focus(page, text, focus).into_any(),
        Block::Choose {
            area,
            label,
            name,
            options,
            chosen,
            from,
        } => render_choose(page, (area, from), (label, name), options, chosen).into_any(),
        Block::Chip(chip) => render_chip(chip).into_any(),
        Block::Bars(bars) => render_bars(bars).into_any(),
        Block::Chart(chart) => render_chart(chart).into_any(),
        Block::Folded {
            summary,
            open,
            blocks,
        } => {
            // Drawn once first opened: a county's folded years of cases are hundreds of
            // items nobody may open.
            let shown = RwSignal::new(open);
            let toggled = move |ev: leptos::ev::Event| {
                use wasm_bindgen::JsCast;
                let details = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
                if details.is_some_and(|d| d.open()) {
                    shown.set(true);
                }
            };
            let inside = move || {
                let blocks = if shown.get() {
                    blocks.clone()
                } else {
                    Vec::new()
                };
                // Only `shown` redraws it, as the blocks were drawn before.
                untrack(|| {
                    blocks
                        .into_iter()
                        .map(|b| render_block(page, b))
                        .collect::<Vec<AnyView>>()
                })
            };
            view! { <details open=open on:toggle=toggled><summary>{summary}</summary>{inside}</details> }.into_any()
        }
    }
}

fn render_line(tone: Tone, text: String, id: &'static str, link: Option<Route>) -> impl IntoView {
    let body = match link {
        // A link on its own line is a tap target (44 px).
        Some(route) => view! { <A href=route.href() attr:class="tap">{text}</A> }.into_any(),
        None => text.into_any(),
    };
    view! { <p class=tone_class(tone) data-testid=testid(id)>{body}</p> }
}

fn render_actions(links: Vec<Link>, main: Option<usize>) -> impl IntoView {
    let links = links.into_iter().enumerate().map(|(i, l)| {
        let class = if Some(i) == main {
            "button primary"
        } else {
            "button"
        };
        view! { <A href=l.route.href() attr:class=class>{l.text}</A> }
    });
    view! { <div class="actions">{links.collect_view()}</div> }
}

fn render_records(page: Page, id: &'static str, records: Vec<Record>) -> impl IntoView {
    let items = records
        .into_iter()
        .map(move |r| view! { <li>{render_record(page, r)}</li> });
    view! { <ul class="list" data-testid=testid(id)>{items.collect_view()}</ul> }
}

fn render_facts(tone: Tone, id: &'static str, lines: Vec<CellLine>) -> impl IntoView {
    let lines = lines.into_iter().map(|l| render_cell_line(l, false));
    view! { <div class=tone_class(tone) data-testid=testid(id)>{lines.collect_view()}</div> }
}

/// A select turning the page to the form chosen.
fn render_choose(
    page: Page,
    (area, from): (&'static str, String),
    (label, name): (String, &'static str),
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    let options = options.into_iter().map(|(key, text)| {
        let selected = key == chosen;
        view! { <option value=key prop:selected=selected>{text}</option> }
    });
    let turn = move |ev| {
        let form = event_target_value(&ev);
        let focus = Focus {
            area,
            form,
            each: !from.is_empty(),
            from: from.clone(),
            ..Focus::default()
        };
        page.notice.set(None);
        turn(page, focus);
    };
    view! {
        <label class="field">
            <span>{label}</span>
            <select name=name on:change=turn>{options.collect_view()}</select>
        </label>
    }
}

/// A button turning the page to a form (a correction, an edit).
fn render_focus(page: Page, text: String, focus: Focus) -> impl IntoView {
    let turn = move |_| {
        page.notice.set(None);
        turn(page, focus.clone());
    };
    view! { <button type="button" on:click=turn>{text}</button> }
}

fn render_record(page: Page, r: Record) -> AnyView {
    let body: Vec<AnyView> = r.body.into_iter().map(|b| render_block(page, b)).collect();
    let meta = (!r.meta.is_empty()).then(|| view! { <div class="meta">{r.meta}</div> });
    let correct = r
        .correct
        .map(|(text, focus)| render_focus(page, text, focus));
    view! { <div class="version"><b>{r.title}</b>{body}{meta}{correct}</div> }
        .add_any_attr(attrs(r.attrs))
        .into_any()
}

fn render_stages(page: Page, stages: Vec<Stage>) -> impl IntoView {
    let stages = stages.into_iter().map(move |st| {
        let (tone, state) = st.state;
        let notes: Vec<AnyView> = st
            .notes
            .into_iter()
            .map(|b| render_block(page, b))
            .collect();
        let records: Vec<AnyView> = st
            .records
            .into_iter()
            .map(|r| render_record(page, r))
            .collect();
        view! {
            <li class:urgent=st.current>
                <b>{st.title}</b>" "<span class=tone_class(tone)>{state}</span>
                {notes}
                {records}
            </li>
        }
        .add_any_attr(attrs(st.attrs))
    });
    view! { <ol class="list" data-testid="steps">{stages.collect_view()}</ol> }
}

fn render_print_bar(back: Link, print: String) -> impl IntoView {
    let print_page = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <p class="actions no-print">
            <A href=back.route.href() attr:class="button">{back.text}</A>
            <button type="button" class="primary" on:click=print_page>{print}</button>
        </p>
    }
}

/// A button saving the page's file (`Block::Download`); a refusal of the browser is said
/// under it.
fn render_download(
    text: String,
    (file, mime, content): (String, &'static str, String),
    id: &'static str,
) -> impl IntoView {
    let failed = RwSignal::new(None::<String>);
    let save = move |_| {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&content));
        failed.set(crate::ui::components::download(&file, mime, &parts).err());
    };
    view! {
        <p class="actions no-print">
            <button type="button" on:click=save data-testid=testid(id)>{text}</button>
            {move || failed.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
    }
}

/// A table drawn as it is (in a horizontal scroller on a narrow screen).
fn render_sheet(sheet: Sheet) -> impl IntoView {
    let caption = (!sheet.caption.is_empty()).then(|| view! { <caption>{sheet.caption}</caption> });
    let heads = (!sheet.columns.is_empty()).then(|| {
        let heads = sheet.columns.into_iter().map(|h| view! { <th>{h}</th> });
        view! { <thead><tr>{heads.collect_view()}</tr></thead> }
    });
    let rows = sheet.rows.into_iter().map(|row| {
        let cells = row.into_iter().map(render_sheet_cell).collect_view();
        view! { <tr>{cells}</tr> }
    });
    view! {
        <div class="scroll">
            <table class="sheet" data-testid=testid(sheet.testid)>
                {caption}
                {heads}
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </div>
    }
}

fn render_sheet_cell(cell: SheetCell) -> AnyView {
    let span = |n: usize| (n > 1).then(|| n.to_string());
    let (rows, columns) = (span(cell.rows), span(cell.columns));
    let class = match (cell.hint, cell.number) {
        (true, _) => Some("hint"),
        (false, true) => Some("num"),
        (false, false) => None,
    };
    let id = testid(cell.testid);
    let single = cell.lines.len() == 1;
    let lines = cell
        .lines
        .into_iter()
        .map(|l| render_cell_line(l, single))
        .collect_view();
    if cell.head {
        view! { <th rowspan=rows colspan=columns class=class data-testid=id>{lines}</th> }
            .into_any()
    } else {
        view! { <td rowspan=rows colspan=columns class=class data-testid=id>{lines}</td> }
            .into_any()
    }
}

fn render_cell_line(line: CellLine, single: bool) -> AnyView {
    if line.strong {
        return view! { <div><b>{line.text}</b></div> }.into_any();
    }
    if line.label.is_empty() {
        return if single {
            line.text.into_any()
        } else {
            view! { <div>{line.text}</div> }.into_any()
        };
    }
    view! { <div><span class="hint">{line.label}</span>{line.text}</div> }.into_any()
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

/// A bar chart: each bar its share as SVG with a line at its target, its figures in
/// words beside it (what a screen reader reads: the drawing is hidden from it).
fn render_bars(bars: Bars) -> impl IntoView {
    let rows = bars.bars.into_iter().map(|b| {
        let short = b.short();
        let width = b.permille.min(1000).to_string();
        let target = b.target.map(|t| {
            let x = t.min(1000).to_string();
            view! { <line class="target" x1=x.clone() x2=x y1="0" y2="20"></line> }
        });
        view! {
            <div class="bar" class:short=short>
                <span class="bar-label">{b.label}</span>
                <svg viewBox="0 0 1000 20" preserveAspectRatio="none" aria-hidden="true">
                    <rect x="0" y="0" width=width height="20"></rect>
                    {target}
                </svg>
                <span class="bar-said">{b.said}</span>
            </div>
        }
    });
    view! {
        <figure class="bars" data-testid=testid(bars.testid)>
            <figcaption>{bars.caption}</figcaption>
            {rows.collect_view()}
        </figure>
    }
}

/// A grouped bar chart (`Block::Chart`): each group a small SVG of its bars (heights from
/// the domain, thousandths of the tallest), its label and, for one series, its value under
/// it; the legend; and the figures as a table (read by screen readers, printed).
fn render_chart(chart: crate::domain::chart::Chart) -> impl IntoView {
    use crate::domain::chart::FULL;
    let series = chart.series.len().max(1);
    let single = series == 1;
    let width = (series * 10).to_string();
    let view_box = format!("0 0 {width} {FULL}");
    let heights = chart.heights();
    let groups = chart.groups.iter().zip(heights).map(|(g, hs)| {
        let bars = hs.into_iter().enumerate().filter_map(|(i, h)| {
            let h = h?;
            let (x, y) = ((i * 10 + 1).to_string(), FULL.saturating_sub(h).to_string());
            let class = format!("s{}", i % 4);
            Some(view! { <rect class=class x=x y=y width="8" height=h.to_string()></rect> })
        });
        let value = single.then(|| g.shown.first().cloned().unwrap_or_default());
        view! {
            <div class="chart-group" data-group=g.label.clone()>
                <span class="chart-value">{value}</span>
                <svg viewBox=view_box.clone() preserveAspectRatio="none" aria-hidden="true">{bars.collect_view()}</svg>
                <span class="chart-label">{g.label.clone()}</span>
            </div>
        }
    });
    let legend = (!single).then(|| {
        let keys = chart.series.iter().enumerate().map(|(i, s)| {
            view! { <span><i class=format!("key s{}", i % 4)></i>{s.clone()}</span> }
        });
        view! { <p class="chart-legend" aria-hidden="true">{keys.collect_view()}</p> }
    });
    let heads = std::iter::once(chart.group_head.clone()).chain(chart.series.iter().cloned());
    let rows = chart.groups.iter().map(|g| {
        let cells = g
            .shown
            .iter()
            .map(|v| view! { <td class="num">{v.clone()}</td> });
        view! { <tr><th>{g.label.clone()}</th>{cells.collect_view()}</tr> }
    });
    view! {
        <figure class="chart" data-testid=testid(chart.testid)>
            <figcaption>{chart.caption.clone()}</figcaption>
            {legend}
            <div class="chart-groups" aria-hidden="true">{groups.collect_view()}</div>
            <table class="chart-data">
                <caption class="sr-only">{chart.caption}</caption>
                <thead><tr>{heads.map(|h| view! { <th>{h}</th> }).collect_view()}</tr></thead>
                <tbody>{rows.collect_view()}</tbody>
            </table>
        </figure>
    }
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
    if let (Some(chip), Some(route)) = (cell.chip, cell.link.as_ref()) {
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
    // A cell leading somewhere (an overview's figure): its value is the link.
    let value = match cell.link {
        Some(route) => view! { <A href=route.href()>{value}</A> }.into_any(),
        None => value,
    };
    let marks = cell
        .marks
        .into_iter()
        .map(|(text, id)| view! { <small class="warn" data-testid=testid(id)>{text}</small> })
        .collect_view();
    view! { <td class=class data-label=label.to_string() data-testid=testid(cell.testid)>{value}{marks}</td> }.into_any()
}

/// The inputs a form is drawn with: the page's, with what the user typed since it was
/// last drawn (`drafts`) wherever the page did not itself change the value (a version
/// filling the review form wins over an old typing; a reason typed stays).
fn drafted(key: &str, init: &Inputs) -> Inputs {
    let Some((drawn, typed)) = kept(|k| k.drafts.get(key).cloned()) else {
        return init.clone();
    };
    let mut out = init.clone();
    for (name, value) in &typed {
        let by_page = init.get(name) != drawn.get(name);
        let by_user = drawn
            .get(name)
            .map_or(!value.is_empty(), |was| was != value);
        if by_user && !by_page {
            out.insert(name.clone(), value.clone());
        }
    }
    // What it is drawn with now is what the next typing is compared with.
    let entry = (init.clone(), out.clone());
    kept(|k| k.drafts.insert(key.to_string(), entry));
    out
}

fn render_form(page: Page, f: FormBlock) -> AnyView {
    let block = f.clone();
    let testid = if f.testid.is_empty() {
        f.form.key
    } else {
        f.testid
    };
    let name = format!("{testid}:{}", f.instance);
    let shown = page.notice.with_untracked(|n| match n {
        Some((form, text)) if *form == name => text.clone(),
        _ => String::new(),
    });
    // A folded form drawn again by its own save stays open, showing what was saved.
    let open = f.open || !shown.is_empty();
    let key = format!("{name}/{}", f.form.key);
    let init = drafted(&key, &f.init);
    let draft: Draft = {
        let (key, drawn) = (key.clone(), f.init.clone());
        Arc::new(move |typed: Inputs| {
            let entry = (drawn.clone(), typed);
            kept(|k| k.drafts.insert(key.clone(), entry));
        })
    };
    let done = f.done.clone();
    let send = Arc::new(move |inputs: &_| {
        page.notice.set(None);
        let sent = Sent {
            today: today(),
            now_ms: now_ms(),
            random: random_u64(),
        };
        let read = |s: &_| block.command(inputs, &sent, s);
        let cmd = page
            .c
            .with_state_untracked(read)
            .map_err(RecordError::rules)?;
        // Set before recording: recording may redraw this form's card at once.
        page.notice.set(Some((name.clone(), done.clone())));
        let draft = kept(|k| k.drafts.remove(&key));
        if let Err(e) = page.c.record(cmd) {
            page.notice.set(None);
            if let Some(draft) = draft {
                kept(|k| k.drafts.insert(key.clone(), draft));
            }
            return Err(e);
        }
        if let Some(focus) = &block.after {
            turn(page, focus.clone());
        }
        Ok(())
    });
    let element = form_element(FormParts {
        form: f.form,
        send,
        button: Label::Text(f.button),
        done: Label::Text(f.done),
        testid: f.testid,
        options: f.options,
        init,
        clear: f.clear,
        class: "stack",
        lead: f.lead,
        notice: shown,
        draft: Some(draft),
        records: true,
    });
    match f.folded {
        Some(summary) => {
            view! { <details open=open><summary>{summary}</summary>{element}</details> }.into_any()
        }
        None => element.into_any(),
    }
}
