//! One more workflow, compiled only with `--features bench-extra-workflow`: `make bench`
//! builds the app with it and prints what a workflow's registry wiring costs (its two
//! folders, their `pub mod` lines and one line in the list, appended by
//! `with_bench_workflow!`). It has every part the registry wires — an event kind with
//! its access rule, a command and its rule, its part of the state, its page (a list and
//! a form as data, drawn by the one renderer, in a chunk of its own), a to-do and a
//! bottom-navigation entry — and no policy section: the cost printed is a floor.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::access::{rule, FieldRule, KindRule, ScopeKind::Common};
use crate::domain::event::{Event, EventBody, Role};
use crate::domain::form::{field, FieldKind, Form, Inputs};
use crate::domain::master::Master;
use crate::domain::screen::{t, Block, Card, FormBlock, Item, Items, Link, Screen, Sent, Todo};
use crate::domain::state::{Actor, WorkflowState};
use crate::domain::RuleViolation;
use crate::route::Route;

/// Its records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchWorkflowEvent {
    /// A dated note.
    NoteRecorded {
        /// The note's id (not `note`: W1's and W4's records use that key for text).
        note_id: String,
        /// Its day.
        on: NaiveDate,
        /// Its text.
        text: String,
    },
}

impl BenchWorkflowEvent {
    /// Kept with the master data; the administrator writes it.
    pub const ACCESS: &'static [KindRule] = &[rule("note_recorded", Common, &[Role::Admin])];
    /// Payload fields that narrow who may write a kind: none.
    pub const FIELD_RULES: &'static [FieldRule] = &[];
    /// Payload fields that must name the record's author: none.
    pub const AUTHOR_FIELDS: &'static [(&'static str, &'static str)] = &[];
    /// Folded with the rest.
    pub const FOLDS_LATER: bool = false;
    /// Payload keys whose list value holds ids: none.
    pub const ID_LIST_KEYS: &'static [&'static str] = &[];
    /// Payload keys whose text value is an id: its note's.
    pub const ID_KEYS: &'static [&'static str] = &["note_id"];
    /// Its kinds.
    pub const KINDS: &'static [&'static str] = &["note_recorded"];

    /// Not about a township or village.
    pub fn about(&self) -> Option<crate::domain::access::About> {
        None
    }

    /// No payload field has its own access rule.
    pub fn field_text(&self, _field: &str) -> Option<&str> {
        None
    }

    /// Stable kind name, as serialized.
    pub fn kind(&self) -> &'static str {
        "note_recorded"
    }

    /// Every id the body names.
    pub fn ids(&self) -> Vec<&str> {
        let BenchWorkflowEvent::NoteRecorded { note_id, .. } = self;
        vec![note_id]
    }

    /// The subject: the note.
    pub fn write_subject(&self, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let BenchWorkflowEvent::NoteRecorded { note_id, .. } = self;
        write!(out, "bench/{note_id}")
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Record a note.
    RecordNote {
        /// A new id.
        note: String,
        /// Its day.
        on: NaiveDate,
        /// Its text.
        text: String,
    },
}

/// The administrator records a note with a text.
pub fn decide(
    _: &crate::domain::State,
    cmd: Command,
    actor: &Actor,
) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(&[Role::Admin], actor)?;
    let Command::RecordNote { note, on, text } = cmd;
    crate::domain::id::check(&note, "note", "编号", "Id")?;
    let text = crate::domain::master::required(&text, "text", "内容", "Text")?;
    Ok(vec![EventBody::BenchWorkflow(
        BenchWorkflowEvent::NoteRecorded {
            note_id: note,
            on,
            text,
        },
    )])
}

/// Its part of the state: the notes by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// Note id → (day, text).
    pub notes: BTreeMap<String, (NaiveDate, String)>,
}

impl WorkflowState for State {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        if let EventBody::BenchWorkflow(BenchWorkflowEvent::NoteRecorded { note_id, on, text }) =
            &e.body
        {
            self.notes.insert(note_id.clone(), (*on, text.clone()));
        }
    }
}

/// Its pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// The notes.
    Notes,
}

impl Page {
    /// The page at a path's parts.
    pub fn parse(parts: &[&str]) -> Option<Page> {
        matches!(parts, ["bench"]).then_some(Page::Notes)
    }

    /// The page's path.
    pub fn path(&self) -> String {
        "/bench".into()
    }
}

/// Its to-dos: today's notes.
pub mod todos {
    use super::*;

    /// A to-do for each note of `today`.
    pub fn todos(state: &crate::domain::State, today: NaiveDate, zh: bool) -> Vec<Todo> {
        let notes = state.bench_workflow.notes.values();
        let today_notes = notes.filter(|(on, _)| *on == today);
        let text = |(_, text): &(NaiveDate, String)| {
            format!("{}{text}", t(zh, "今日笔记：", "Today's note: "))
        };
        let page = || Route::BenchWorkflow(Page::Notes);
        today_notes
            .map(|n| Todo::new(page(), text(n), false))
            .collect()
    }
}

/// Its note form.
pub const NOTE_FORM: Form = Form {
    key: "note",
    fields: &[
        field("on", "日期", "Date", FieldKind::Date).required(),
        field("text", "内容", "Text", FieldKind::LongText).required(),
    ],
};

/// What the note form reads into.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteInput {
    /// Its day.
    pub on: NaiveDate,
    /// Its text.
    pub text: String,
}

/// The notes page: every note, and the form for the administrator.
pub fn notes_screen(state: &crate::domain::State, role: Option<Role>, zh: bool) -> Screen {
    let items = state
        .bench_workflow
        .notes
        .iter()
        .map(|(id, (on, text))| Item {
            link: Link {
                text: format!("{on} {text}"),
                route: Route::BenchWorkflow(Page::Notes),
            },
            meta: id.clone(),
            warn: None,
            urgent: false,
            attrs: Vec::new(),
        });
    let mut blocks = vec![
        Block::Title(t(zh, "笔记", "Notes")),
        Block::Items(Items {
            testid: "notes",
            items: items.collect(),
        }),
    ];
    if role.is_none_or(|r| r == Role::Admin) {
        let template = Command::RecordNote {
            note: String::new(),
            on: NaiveDate::MIN,
            text: String::new(),
        };
        let (button, done) = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
        blocks.push(Block::Form(Box::new(FormBlock::new(
            NOTE_FORM,
            template.into(),
            read_note,
            button,
            done,
        ))));
    }
    vec![Card::new(blocks)]
}

fn read_note(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &crate::domain::State,
) -> Result<crate::domain::command::Command, Vec<RuleViolation>> {
    let x: NoteInput = block.form.read(&block.options, inputs, sent.today)?;
    Ok(Command::RecordNote {
        note: sent.new_id("n"),
        on: x.on,
        text: x.text,
    }
    .into())
}
