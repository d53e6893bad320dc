//! Screens as data: what a page shows, built in the domain for one user and one
//! language, and drawn by one renderer (`ui::components::screen`). A screen is a list
//! of cards; a card holds titles, lines, banners, tables (read as cards on a phone),
//! links and forms as data. A form carries the domain's own reading of its inputs into
//! the command it records, so the page sends back exactly what the domain built.
//!
//! Architecture invariant: text is only ever text (the renderer sets it as text nodes and
//! attribute values; tags and attribute names come from the renderer), so no id or name
//! typed by anyone can become markup. A screen shows a form only to a role that may use
//! it; to the others it says who may.

use chrono::NaiveDate;

use crate::domain::command::Command;
use crate::domain::form::{Form, Inputs, Options};
use crate::domain::state::State;
use crate::domain::RuleViolation;
use crate::route::Route;

/// The text in the chosen language: Chinese (`zh`) or English.
pub fn t(zh: bool, z: &str, e: &str) -> String {
    if zh { z } else { e }.to_string()
}

/// `inner` in parentheses as each language writes them: （…） or (…), the English ones
/// after a space.
pub fn paren(zh: bool, inner: impl std::fmt::Display) -> String {
    if zh {
        format!("（{inner}）")
    } else {
        format!(" ({inner})")
    }
}

/// The separator before what follows a label: "：" or ": ".
pub fn colon(zh: bool) -> &'static str {
    if zh {
        "："
    } else {
        ": "
    }
}

/// What a line means, which sets how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Secondary information.
    Hint,
    /// Done, settled.
    Ok,
    /// Needs attention.
    Warn,
    /// Needs attention before anything else: a banner.
    Banner,
}

/// A link to another page of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// What it says.
    pub text: String,
    /// Where it goes.
    pub route: Route,
}

/// A piece of a card.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// "← 返回" to the page above.
    Back(Link),
    /// The page's title (one per screen).
    Title(String),
    /// A card's heading.
    Heading(String),
    /// A line of text; `link` makes the whole line a link.
    Line {
        /// How it looks.
        tone: Tone,
        /// The text.
        text: String,
        /// A test and automation handle (`data-testid`), if any.
        testid: &'static str,
        /// Where the line leads, if anywhere.
        link: Option<Route>,
    },
    /// A line followed by a list of items (e.g. what changed since a grading).
    List {
        /// How it looks.
        tone: Tone,
        /// The line above the items.
        head: String,
        /// The items.
        items: Vec<String>,
        /// `data-testid`, if any.
        testid: &'static str,
    },
    /// Links shown as buttons.
    Actions {
        /// The links.
        links: Vec<Link>,
        /// Which one is the main one, drawn stronger (none: all alike).
        main: Option<usize>,
    },
    /// A table.
    Table(Table),
    /// A list of things, each leading to its page.
    Items(Items),
    /// A form as data and what it records.
    Form(Box<FormBlock>),
    /// A table drawn as it is, on every screen and on paper (a document's table, a
    /// ranking): cells may hold several lines and span rows.
    Sheet(Sheet),
    /// A document's title, centred.
    DocTitle(String),
    /// A document's signature lines (issuer, date), to the right.
    Sign(Vec<String>),
    /// Labelled lines ("纪律：…"), grouped (the content of a record).
    Facts {
        /// How they look.
        tone: Tone,
        /// `data-testid`, if any.
        testid: &'static str,
        /// The lines.
        lines: Vec<CellLine>,
    },
    /// Something recorded, shown whole: what, its content, who and when, and the
    /// button that corrects it.
    Record(Box<Record>),
    /// A list of records (cadres, posts), each a list item.
    Records {
        /// `data-testid`, if any.
        testid: &'static str,
        /// The records, in order.
        records: Vec<Record>,
    },
    /// The stages of a process in order (W4's "1+8" steps), each with its state and
    /// its records.
    Stages(Vec<Stage>),
    /// A choice of the form shown (a select): choosing turns the page to it (`Focus`).
    Choose {
        /// The part of the page it turns.
        area: &'static str,
        /// Its label.
        label: String,
        /// The select's name.
        name: &'static str,
        /// (form key, what it says), in order.
        options: Vec<(String, String)>,
        /// The key shown now.
        chosen: String,
        /// What the choice is about (an objection's id; "" = the area's own): a choice
        /// per thing (`Focus::each`) when not empty.
        from: String,
    },
    /// A button that turns the page to a form (`Focus`): a correction prefilled from a
    /// record, an edit. Nothing is recorded until that form is sent.
    Focus {
        /// What it says.
        text: String,
        /// What the page turns to.
        focus: Focus,
    },
    /// A status chip (where a piece of work stands).
    Chip(Chip),
    /// A bar chart of shares held against targets (a pool's structure), drawn as SVG,
    /// each bar's figures said beside it.
    Bars(Bars),
    /// A grouped bar chart (`domain::chart`), drawn as SVG with its figures as a table
    /// for screen readers and print.
    Chart(crate::domain::chart::Chart),
    /// Blocks folded under a summary (earlier versions), open when `open`.
    Folded {
        /// What the summary says.
        summary: String,
        /// Whether it starts open.
        open: bool,
        /// What it holds.
        blocks: Vec<Block>,
    },
    /// A button saving a file the page made (a CSV export) on the phone.
    Download {
        /// What it says.
        text: String,
        /// The file's name.
        file: String,
        /// Its media type (`text/csv;charset=utf-8`).
        mime: &'static str,
        /// Its content.
        content: String,
        /// `data-testid`, if any.
        testid: &'static str,
    },
    /// The bar above a printable document (not printed): back, and print.
    PrintBar {
        /// Back to the page the document belongs to.
        back: Link,
        /// The print button's text.
        print: String,
    },
}

impl Block {
    /// A button saving `table` as a CSV file named `file` (.csv added) that Excel and
    /// WPS open (`domain::csv::table`).
    pub fn table_csv(table: &Table, file: &str, zh: bool) -> Block {
        Block::Download {
            text: t(
                zh,
                "导出 CSV（Excel、WPS 可打开）",
                "Export CSV (opens in Excel, WPS)",
            ),
            file: format!("{file}.csv"),
            mime: "text/csv;charset=utf-8",
            content: crate::domain::csv::table(table, zh),
            testid: "table-csv",
        }
    }

    /// A line of text.
    pub fn line(tone: Tone, text: impl Into<String>) -> Block {
        Block::Line {
            tone,
            text: text.into(),
            testid: "",
            link: None,
        }
    }

    /// The same line with a `data-testid`.
    pub fn testid(mut self, id: &'static str) -> Block {
        match &mut self {
            Block::Line { testid, .. } | Block::List { testid, .. } => *testid = id,
            Block::Table(t) => t.testid = id,
            Block::Items(l) => l.testid = id,
            Block::Form(f) => f.testid = id,
            Block::Sheet(t) => t.testid = id,
            Block::Facts { testid, .. } | Block::Records { testid, .. } => *testid = id,
            Block::Download { testid, .. } => *testid = id,
            Block::Chart(c) => c.testid = id,
            _ => {}
        }
        self
    }
}

/// A card: a section of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Extra look: "" or e.g. "fail", "scroll results-box".
    pub class: &'static str,
    /// A printable document (drawn as an article, plain on paper), not a card.
    pub document: bool,
    /// Attributes for tests and automation (names from code, values text).
    pub attrs: Vec<(&'static str, String)>,
    /// What it holds, in order.
    pub blocks: Vec<Block>,
}

impl Card {
    /// A plain card with these blocks.
    pub fn new(blocks: Vec<Block>) -> Card {
        Card {
            class: "",
            document: false,
            attrs: Vec::new(),
            blocks,
        }
    }

    /// A printable document with these blocks.
    pub fn document(blocks: Vec<Block>) -> Card {
        Card {
            document: true,
            ..Card::new(blocks)
        }
    }

    /// The same card with an extra class.
    pub fn class(mut self, class: &'static str) -> Card {
        self.class = class;
        self
    }

    /// The same card with one more attribute.
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Card {
        self.attrs.push((name, value.into()));
        self
    }
}

/// A list of things (cases, cadres), each a link with a line about it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Items {
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// The things, in order.
    pub items: Vec<Item>,
}

/// One thing of a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Its name, leading to its page.
    pub link: Link,
    /// A line about it (state, rates).
    pub meta: String,
    /// What is wrong with it, if anything (shown in warning colour).
    pub warn: Option<String>,
    /// Whether it needs doing first (drawn marked).
    pub urgent: bool,
    /// Attributes for tests and automation (names from code, values text).
    pub attrs: Vec<(&'static str, String)>,
}

/// A table: on a phone each row reads as a card, each cell labelled by its column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// Extra look (e.g. "results").
    pub class: &'static str,
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// The column heads (the first is the rows' heads).
    pub columns: Vec<String>,
    /// The rows.
    pub rows: Vec<Row>,
}

/// A row: its head (e.g. the village) and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row's head.
    pub head: String,
    /// Attributes for tests and automation (names from code, values text).
    pub attrs: Vec<(&'static str, String)>,
    /// Whether what it shows is out of date (drawn dimmed).
    pub stale: bool,
    /// The cells, one per column after the first.
    pub cells: Vec<TableCell>,
}

/// How a cell reads on a phone card: first the leads, then scores, then the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Shown first and large (grades, the pay per head).
    Lead,
    /// A score.
    Score,
    /// Shown last (rank, pay parts).
    More,
}

/// One cell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableCell {
    /// The text ("" for an empty cell).
    pub text: String,
    /// Where it goes on a phone card.
    pub place: Place,
    /// A number (right-aligned on a wide screen).
    pub number: bool,
    /// Bold (the composite, the pay).
    pub strong: bool,
    /// Italic (a provisional value).
    pub provisional: bool,
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// Small warnings after the value, each with its `data-testid`.
    pub marks: Vec<(String, &'static str)>,
    /// Where the cell leads, if anywhere.
    pub link: Option<Route>,
    /// Words only a screen reader says first ("东风村 Q2 "), so a cell is read whole.
    pub spoken: String,
    /// A status chip shown instead of the text, if any.
    pub chip: Option<Chip>,
}

/// Where a piece of work stands, as a small coloured chip with its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    /// Its state, which sets its colour (e.g. "final", "review", "empty").
    pub state: &'static str,
    /// The value (a score), if any.
    pub value: String,
    /// The state in words ("已评", "公示至03-31").
    pub label: String,
    /// Warnings under it ("异议1", "须重新公示").
    pub warnings: Vec<String>,
}

impl Chip {
    /// What a person reads on it.
    pub fn said(&self) -> String {
        let mut parts = vec![self.value.clone(), self.label.clone()];
        parts.extend(self.warnings.iter().cloned());
        parts.retain(|p| !p.is_empty());
        parts.join(" ")
    }
}

impl TableCell {
    /// A cell with this text and place.
    pub fn new(text: impl Into<String>, place: Place) -> TableCell {
        TableCell {
            text: text.into(),
            place,
            number: false,
            strong: false,
            provisional: false,
            testid: "",
            marks: Vec::new(),
            link: None,
            spoken: String::new(),
            chip: None,
        }
    }

    /// A chip leading to `link`, read aloud as `spoken` first.
    pub fn chip(chip: Chip, link: Route, spoken: String) -> TableCell {
        TableCell {
            link: Some(link),
            spoken,
            chip: Some(chip),
            ..TableCell::new("", Place::More)
        }
    }

    /// What a person reads in it.
    pub fn said(&self) -> String {
        self.chip
            .as_ref()
            .map_or_else(|| self.text.clone(), Chip::said)
    }

    /// A number cell.
    pub fn number(text: impl Into<String>, place: Place) -> TableCell {
        TableCell {
            number: true,
            ..TableCell::new(text, place)
        }
    }
}

/// What a page is turned to, chosen by a tap and kept by the page (never recorded):
/// the form shown, the records a correction of it replaces, and the record (or thing)
/// whose content prefills it. The default is the page's own choice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focus {
    /// The part of the page it turns (a page turns each part on its own: choosing a
    /// disclosure to correct leaves a step record being typed as it is).
    pub area: &'static str,
    /// The form's key ("" = the page's default).
    pub form: String,
    /// The records a correction replaces (empty: a new record).
    pub replaces: Vec<String>,
    /// The record or thing whose content prefills the form ("" = none).
    pub from: String,
    /// Kept only while the work it belongs to is the work at hand: once that moves on
    /// (the step recorded is done), the page turns to its default.
    pub follow: bool,
    /// One choice per thing (`from`) in this area, each kept on its own (each open
    /// objection's outcome): choosing for one leaves the others as chosen.
    pub each: bool,
}

impl Focus {
    /// The same part of the page turned back to its default (for a choice per thing, that
    /// thing's part only).
    pub fn cleared(&self) -> Focus {
        let from = if self.each {
            self.from.clone()
        } else {
            String::new()
        };
        Focus {
            area: self.area,
            each: self.each,
            from,
            ..Focus::default()
        }
    }
}

/// What each part of a page is turned to (a page's own state, never recorded).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Focuses(std::collections::BTreeMap<(&'static str, String), Focus>);

impl Focuses {
    /// What `area` is turned to (its default when nothing was chosen).
    pub fn get(&self, area: &'static str) -> Focus {
        self.get_each(area, "")
    }

    /// What `area` is turned to for the thing `from`, in an area with one choice per
    /// thing (`Focus::each`).
    pub fn get_each(&self, area: &'static str, from: &str) -> Focus {
        let chosen = self.0.get(&(area, from.to_string())).cloned();
        chosen.unwrap_or(Focus {
            area,
            each: !from.is_empty(),
            from: from.to_string(),
            ..Focus::default()
        })
    }

    /// Turn the focus's area (or, for a choice per thing, that thing's part) to it.
    pub fn set(&mut self, focus: Focus) {
        let thing = if focus.each {
            focus.from.clone()
        } else {
            String::new()
        };
        self.0.insert((focus.area, thing), focus);
    }
}

/// Something recorded, shown whole.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// What it is (the form's name, who and which round).
    pub title: String,
    /// Its content.
    pub body: Vec<Block>,
    /// Who recorded it, when, on which phone ("" = not shown).
    pub meta: String,
    /// The button correcting it, if this user may: (text, what the page turns to).
    pub correct: Option<(String, Focus)>,
    /// Attributes for tests and automation (names from code, values text).
    pub attrs: Vec<(&'static str, String)>,
}

/// One stage of a process.
#[derive(Clone, Debug, PartialEq)]
pub struct Stage {
    /// Its name.
    pub title: String,
    /// Its state in words, and how that looks (done, or not yet).
    pub state: (Tone, String),
    /// Whether it is the one to do next (drawn marked).
    pub current: bool,
    /// Lines under it: windows, deadlines, what is missing.
    pub notes: Vec<Block>,
    /// Its records.
    pub records: Vec<Record>,
    /// Attributes for tests and automation (names from code, values text).
    pub attrs: Vec<(&'static str, String)>,
}

/// A bar chart: each bar a share with the target it is held against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bars {
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// What it shows.
    pub caption: String,
    /// The bars, in order.
    pub bars: Vec<Bar>,
}

/// One bar of a [`Bars`] chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    /// What it measures ("年轻干部").
    pub label: String,
    /// Its share, tenths of a percent (0 to 1000).
    pub permille: u32,
    /// The target share, tenths of a percent, if one is set.
    pub target: Option<u32>,
    /// Its figures in words ("3/8 = 37.5%，目标 20%").
    pub said: String,
}

impl Bar {
    /// Whether it falls short of its target.
    pub fn short(&self) -> bool {
        self.target.is_some_and(|t| self.permille < t)
    }
}

/// A table drawn as it is: column heads, then rows of cells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// The caption above it ("" for none).
    pub caption: String,
    /// The column heads (none: no head row).
    pub columns: Vec<String>,
    /// The rows, each a list of cells (a cell spanning rows is given once, in its
    /// first row).
    pub rows: Vec<Vec<SheetCell>>,
}

impl Sheet {
    /// A sheet of plain text cells.
    pub fn plain(testid: &'static str, columns: Vec<String>, rows: Vec<Vec<String>>) -> Sheet {
        let rows = rows
            .into_iter()
            .map(|r| r.into_iter().map(SheetCell::text).collect())
            .collect();
        Sheet {
            testid,
            columns,
            rows,
            ..Sheet::default()
        }
    }
}

/// One cell of a sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SheetCell {
    /// A row head (`th`).
    pub head: bool,
    /// Secondary text (who, when; "no record").
    pub hint: bool,
    /// A number (right-aligned).
    pub number: bool,
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// How many rows it spans (1 or more).
    pub rows: usize,
    /// How many columns it spans (1 or more).
    pub columns: usize,
    /// Its lines, in order.
    pub lines: Vec<CellLine>,
}

impl SheetCell {
    /// A cell of one line of text.
    pub fn text(text: impl Into<String>) -> SheetCell {
        SheetCell::lines(vec![CellLine::text(text)])
    }

    /// A cell of these lines.
    pub fn lines(lines: Vec<CellLine>) -> SheetCell {
        SheetCell {
            rows: 1,
            columns: 1,
            lines,
            ..SheetCell::default()
        }
    }

    /// What a person reads in it, line by line.
    pub fn said(&self) -> String {
        let lines = self.lines.iter().map(|l| format!("{}{}", l.label, l.text));
        lines.collect::<Vec<_>>().join("\n")
    }
}

/// One line of a sheet's cell: a label (hinted, e.g. "纪律：") and a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellLine {
    /// The label before the text ("" for none), with its colon.
    pub label: String,
    /// The text.
    pub text: String,
    /// Bold (the record's form).
    pub strong: bool,
}

impl CellLine {
    /// A line of plain text.
    pub fn text(text: impl Into<String>) -> CellLine {
        CellLine {
            text: text.into(),
            ..CellLine::default()
        }
    }

    /// A bold line.
    pub fn strong(text: impl Into<String>) -> CellLine {
        CellLine {
            strong: true,
            ..CellLine::text(text)
        }
    }

    /// "label：text" (Chinese) or "label: text".
    pub fn labelled(zh: bool, label: &str, text: impl Into<String>) -> CellLine {
        CellLine {
            label: format!("{label}{}", if zh { "：" } else { ": " }),
            text: text.into(),
            strong: false,
        }
    }
}

/// Something a user is asked to do now (the home page's to-do list), leading to where
/// it is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Todo {
    /// Where it is done.
    pub route: Route,
    /// What to do, naming what it is about.
    pub text: String,
    /// Whether it is late or blocks others (drawn marked).
    pub urgent: bool,
    /// The roles that act on it (empty: shown to everyone).
    pub roles: &'static [crate::domain::event::Role],
    /// The last day it may be done (截止日期), where its rules set one.
    pub due: Option<NaiveDate>,
}

impl Todo {
    /// A to-do for everyone.
    pub fn new(route: Route, text: String, urgent: bool) -> Todo {
        Todo {
            route,
            text,
            urgent,
            roles: &[],
            due: None,
        }
    }

    /// The same to-do, to be done by `date` (the last day its rules allow).
    pub fn due_by(mut self, date: NaiveDate) -> Todo {
        self.due = Some(date);
        self
    }

    /// Whether its last day passed before `today` (逾期).
    pub fn overdue_on(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|d| d < today)
    }

    /// Whether it has a last day that is `today` or later (未到期).
    pub fn due_from(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|d| d >= today)
    }

    /// The same to-do, shown only to `roles` (those who act on it).
    pub fn for_roles(mut self, roles: &'static [crate::domain::event::Role]) -> Todo {
        self.roles = roles;
        self
    }

    /// Whether `role` sees it (`None`: no one in particular, every to-do).
    pub fn shown_to(&self, role: Option<crate::domain::event::Role>) -> bool {
        role.is_none_or(|r| self.roles.is_empty() || self.roles.contains(&r))
    }
}

/// What the moment a form is sent gives its reading: today's date, and the time and
/// randomness a new id is made of (`domain::id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sent {
    /// Today, on the phone.
    pub today: NaiveDate,
    /// Now, UTC ms.
    pub now_ms: i64,
    /// Fresh randomness.
    pub random: u64,
}

impl Sent {
    /// A new id with this prefix (`c` cadre, `case` case, …).
    pub fn new_id(&self, prefix: &str) -> String {
        crate::domain::id::generate(prefix, self.now_ms, self.random)
    }
}

/// How a form's inputs complete its command: the domain's reading of the inputs, against
/// the state when it is sent (the policy then in force, the names it picks from), into
/// the form's `template` (which already names what the form is about: the township, the
/// village, the case), with every field's message at once when they cannot. A plain
/// function, so a screen is plain data that can be compared.
pub type Reader = fn(&FormBlock, &Inputs, &Sent, &State) -> Result<Command, Vec<RuleViolation>>;

/// A form on a screen.
#[derive(Clone, Debug)]
pub struct FormBlock {
    /// The form, as data.
    pub form: Form,
    /// The command it records, before the inputs complete it.
    pub template: Command,
    /// Its inputs read into the command to record.
    pub read: Reader,
    /// The submit button.
    pub button: String,
    /// The notice after it is recorded.
    pub done: String,
    /// `data-testid`, if any.
    pub testid: &'static str,
    /// Option lists its pick fields choose from.
    pub options: Options,
    /// Prefilled inputs.
    pub init: Inputs,
    /// Shown under this summary, folded unless `open` (e.g. a re-grading, the exception).
    pub folded: Option<String>,
    /// Whether the folded form starts open.
    pub open: bool,
    /// Whether the form is drawn blank again once recorded (it records a new thing each
    /// time: a grading, a follow-up, a case).
    pub clear: bool,
    /// What the page turns to once it is recorded (a correction done: back to none).
    pub after: Option<Focus>,
    /// Fields drawn before the form's own and read with them (a correction's reason).
    pub lead: Option<Form>,
    /// Which thing it is about when a page holds several of one form (each village's
    /// edit form): a save's notice is shown again only on the form of the same thing.
    pub instance: String,
}

/// The message of a reader handed a template it does not complete (a programming
/// error, never a user's): nothing is recorded.
pub fn not_this_form(form: &Form) -> Vec<RuleViolation> {
    vec![RuleViolation::new(
        "form.template",
        format!("表单“{}”无法记录此内容", form.key),
        format!("The form “{}” cannot record this", form.key),
    )]
}

/// Two forms are the same when everything they show and send is (each form is read by
/// one reader, so the form and its template decide the reading).
impl PartialEq for FormBlock {
    fn eq(&self, other: &Self) -> bool {
        let shown = |f: &FormBlock| (f.form, f.button.clone(), f.done.clone(), f.testid);
        let state = |f: &FormBlock| (f.folded.clone(), f.open, f.clear, f.after.clone(), f.lead);
        let instance = |f: &FormBlock| f.instance.clone();
        shown(self) == shown(other)
            && state(self) == state(other)
            && instance(self) == instance(other)
            && self.template == other.template
            && self.options == other.options
            && self.init == other.init
    }
}

impl FormBlock {
    /// The command these inputs make, or every field's message.
    pub fn command(
        &self,
        inputs: &Inputs,
        sent: &Sent,
        state: &State,
    ) -> Result<Command, Vec<RuleViolation>> {
        (self.read)(self, inputs, sent, state)
    }

    /// A form recording what `read` makes of its inputs and `template`.
    pub fn new(
        form: Form,
        template: Command,
        read: Reader,
        button: String,
        done: String,
    ) -> FormBlock {
        FormBlock {
            form,
            template,
            read,
            button,
            done,
            testid: "",
            options: Options::default(),
            init: Inputs::new(),
            folded: None,
            open: false,
            clear: true,
            after: None,
            lead: None,
            instance: String::new(),
        }
    }
}

/// A page: its cards, in order.
pub type Screen = Vec<Card>;

/// The texts of every line, list item, heading and cell of a screen, in order (what a
/// person reads; used by tests).
pub fn texts(screen: &Screen) -> Vec<String> {
    let mut out = Vec::new();
    for card in screen {
        for block in &card.blocks {
            match block {
                Block::Back(l) => out.push(l.text.clone()),
                Block::Title(t) | Block::Heading(t) => out.push(t.clone()),
                Block::Line { text, .. } => out.push(text.clone()),
                Block::List { head, items, .. } => {
                    out.push(head.clone());
                    out.extend(items.iter().cloned());
                }
                Block::Actions { links, .. } => out.extend(links.iter().map(|l| l.text.clone())),
                Block::Table(t) => {
                    out.extend(t.columns.iter().cloned());
                    for r in &t.rows {
                        out.push(r.head.clone());
                        out.extend(r.cells.iter().map(TableCell::said));
                    }
                }
                Block::Items(l) => {
                    for i in &l.items {
                        out.push(i.link.text.clone());
                        out.push(i.meta.clone());
                        out.extend(i.warn.iter().cloned());
                    }
                }
                Block::Form(f) => out.push(f.button.clone()),
                Block::Sheet(t) => {
                    out.push(t.caption.clone());
                    out.extend(t.columns.iter().cloned());
                    out.extend(t.rows.iter().flatten().map(SheetCell::said));
                }
                Block::Facts { lines, .. } => {
                    out.extend(lines.iter().map(|l| format!("{}{}", l.label, l.text)))
                }
                Block::Record(r) => out.extend(record_texts(r)),
                Block::Records { records, .. } => out.extend(records.iter().flat_map(record_texts)),
                Block::Stages(stages) => {
                    for st in stages {
                        out.push(st.title.clone());
                        out.push(st.state.1.clone());
                        out.extend(texts(&vec![Card::new(st.notes.clone())]));
                        out.extend(st.records.iter().flat_map(record_texts));
                    }
                }
                Block::Focus { text, .. } => out.push(text.clone()),
                Block::Chip(chip) => out.push(chip.said()),
                Block::Bars(b) => {
                    out.push(b.caption.clone());
                    out.extend(b.bars.iter().map(|x| format!("{} {}", x.label, x.said)));
                }
                Block::Chart(c) => {
                    out.push(c.caption.clone());
                    out.extend(c.series.iter().cloned());
                    for g in &c.groups {
                        out.push(g.label.clone());
                        out.extend(g.shown.iter().cloned());
                    }
                }
                Block::Folded {
                    summary, blocks, ..
                } => {
                    out.push(summary.clone());
                    out.extend(texts(&vec![Card::new(blocks.clone())]));
                }
                Block::Choose { label, .. } => out.push(label.clone()),
                Block::DocTitle(t) => out.push(t.clone()),
                Block::Sign(lines) => out.extend(lines.iter().cloned()),
                Block::PrintBar { back, print } => {
                    out.push(back.text.clone());
                    out.push(print.clone());
                }
                Block::Download { text, .. } => out.push(text.clone()),
            }
        }
    }
    out
}

fn record_texts(r: &Record) -> Vec<String> {
    let mut out = vec![r.title.clone()];
    out.extend(texts(&vec![Card::new(r.body.clone())]));
    out.push(r.meta.clone());
    out.extend(r.correct.iter().map(|(text, _)| text.clone()));
    out
}
