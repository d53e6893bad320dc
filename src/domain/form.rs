//! Forms as data, for every workflow (ODK XLSForm-style): a form is a key and a list of
//! fields, each with its name, its label in both languages, how it is entered, whether
//! it is required and a help line. The UI draws any form with one renderer
//! (`ui::components::form_fields`) and hands the typed text back as [`Inputs`]; the
//! domain reads them here into a JSON object and then, through the record's own serde
//! shape, into the typed record, so a field name cannot drift from the record it fills.
//!
//! Architecture invariant: every form's field names are its record's serde names; each
//! workflow tests `read(inputs_of(record)) == record` for each of its forms, and a form
//! reports every field's message at once (never the first one only).

use crate::domain::sorting;
use crate::domain::sorting::Gather;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::domain::master::parse_count;
use crate::domain::time::date_field;
use crate::domain::RuleViolation;

/// One option of a choice: its stored value and labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value stored in the record (serde name).
    pub value: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
}

impl Choice {
    /// The label in the chosen language.
    pub fn label(&self, zh: bool) -> &'static str {
        if zh {
            self.zh
        } else {
            self.en
        }
    }
}

/// An option (value, zh, en) for a `const` list.
pub const fn choice(value: &'static str, zh: &'static str, en: &'static str) -> Choice {
    Choice { value, zh, en }
}

/// How a field is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// A date (`YYYY-MM-DD`); a required one is today's date by default
    /// ([`Field::starts_today`]).
    Date,
    /// One line of text.
    Text,
    /// Several lines of text.
    LongText,
    /// A whole number ≥ 0 ("1,500" and full-width digits read too).
    Count,
    /// One of these options.
    Choice(&'static [Choice]),
    /// Yes or no (stored as a boolean).
    YesNo,
    /// One of the options the page supplies under this name ([`Options`]), e.g. the
    /// case's posts; `blank` adds an empty "—" first option.
    Pick {
        /// The name of the option list.
        from: &'static str,
        /// Whether "none" is offered.
        blank: bool,
    },
    /// Any number of the options the page supplies under this name (checkboxes), stored
    /// as the list of chosen values in the options' order.
    PickMany(&'static str),
    /// One input per row (votes per cadre, a score per dimension), stored as an object
    /// from row key to value.
    Grid(Grid),
    /// Not entered: the domain computes it (`decide`); the form sends a placeholder.
    Computed(Computed),
    /// Rows the user adds (positions held, yearly grades), each the same few fields,
    /// stored as a list of objects.
    Repeat(Repeat),
}

/// The rows of a [`FieldKind::Repeat`]: each row's fields (dates, text, counts,
/// choices, picks — their inputs named by the field, one per row), which of them make a
/// row count (a row with all of them blank is left out), how many rows are shown at
/// first, and the button adding one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// Each row's fields.
    pub fields: &'static [Field],
    /// A row counts when one of these fields is filled.
    pub key: &'static [&'static str],
    /// Rows shown when there are none yet.
    pub rows: usize,
    /// The add button (Chinese, English).
    pub add: (&'static str, &'static str),
}

/// The input name of a repeated field in row `row` ("pos_unit.0").
pub fn row_input(name: &str, row: usize) -> String {
    format!("{name}.{row}")
}

/// The rows and the cell of a [`FieldKind::Grid`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Grid {
    /// Where the rows come from.
    pub rows: Rows,
    /// What each row's input holds.
    pub cell: Cell,
    /// Whether a description ends with the total of the cells.
    pub total: bool,
}

/// The rows of a grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rows {
    /// Fixed rows, in this order.
    Listed(&'static [Choice]),
    /// The options the page supplies under this name.
    From(&'static str),
}

/// The input of one grid row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// A whole number; `optional`: a blank row is left out instead of refused.
    Count {
        /// Whether a blank row is left out.
        optional: bool,
    },
    /// One of the options under this name; a blank row is left out.
    Pick(&'static str),
    /// A score in points (halves allowed by policy), read by its workflow against the
    /// row's maximum (`village_pay::parse_scores`): kept here as typed.
    Score,
}

/// What rules compare a field with: numbers with numbers, dates with dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// Counts, votes and scores.
    Number,
    /// Dates.
    Date,
    /// Text and choices.
    Other,
}

impl FieldKind {
    /// The family of values this kind holds.
    pub fn family(self) -> Family {
        match self {
            FieldKind::Count
            | FieldKind::Grid(Grid {
                cell: Cell::Count { .. } | Cell::Score,
                ..
            }) => Family::Number,
            FieldKind::Date | FieldKind::Computed(Computed::SameAsOn) => Family::Date,
            _ => Family::Other,
        }
    }
}

/// The placeholder a computed field is sent with (`decide` replaces it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Computed {
    /// `false` (e.g. whether a vote passed).
    False,
    /// The form's `on` date (e.g. a publicity's end, computed from its start).
    SameAsOn,
}

/// One field of a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Serde name of the field in the record.
    pub name: &'static str,
    /// Chinese label.
    pub zh: &'static str,
    /// English label.
    pub en: &'static str,
    /// How it is entered.
    pub kind: FieldKind,
    /// Whether a blank entry is refused ("请填写…"); a blank optional date or count
    /// reads as none (`null`, an `Option` in the record).
    pub required: bool,
    /// A help line under the field (Chinese, English), if any.
    pub help: Option<(&'static str, &'static str)>,
    /// Drawn blank: a date not as today (a birth date; optional dates always are), a
    /// choice with "—" first and nothing chosen (a grade the user must pick).
    pub blank: bool,
}

/// An optional field (name, zh, en, kind), without help.
pub const fn field(
    name: &'static str,
    zh: &'static str,
    en: &'static str,
    kind: FieldKind,
) -> Field {
    Field {
        name,
        zh,
        en,
        kind,
        required: false,
        help: None,
        blank: false,
    }
}

impl Field {
    /// The same field, required.
    pub const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    /// The same field drawn blank: a date not as today, a choice with nothing chosen.
    pub const fn blank(self) -> Field {
        Field {
            blank: true,
            ..self
        }
    }

    /// Whether a blank input of this field is drawn as today's date: a required date
    /// that is usually today (the day something is recorded).
    pub fn starts_today(&self) -> bool {
        matches!(self.kind, FieldKind::Date) && self.required && !self.blank
    }

    /// The same field with a help line.
    pub const fn help(self, zh: &'static str, en: &'static str) -> Field {
        Field {
            help: Some((zh, en)),
            ..self
        }
    }

    /// The label in the chosen language.
    pub fn label(&self, zh: bool) -> &'static str {
        if zh {
            self.zh
        } else {
            self.en
        }
    }

    /// The help line in the chosen language, if any.
    pub fn help_text(&self, zh: bool) -> Option<&'static str> {
        self.help.map(|(z, e)| if zh { z } else { e })
    }
}

/// One form: its key (the record's serde tag, or a name of the page's form) and fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form's key.
    pub key: &'static str,
    /// Its fields, in order.
    pub fields: &'static [Field],
}

/// A form's inputs as typed: field name → text (`"<field>.<row>"` for one row of a
/// grid; a yes/no field holds `yes` or `no`).
pub type Inputs = BTreeMap<String, String>;

/// The option lists a page supplies to its forms, by name: (value, label) pairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options(BTreeMap<&'static str, Vec<(String, String)>>);

impl Options {
    /// The same options with one more list.
    pub fn with(mut self, name: &'static str, list: Vec<(String, String)>) -> Self {
        self.0.insert(name, list);
        self
    }

    /// The list under `name` (empty if none).
    pub fn list(&self, name: &str) -> &[(String, String)] {
        self.0.get(name).map(Vec::as_slice).unwrap_or_default()
    }

    /// The label of `value` in the list `name` (the value itself if absent).
    pub fn label(&self, name: &str, value: &str) -> String {
        self.list(name)
            .iter()
            .find(|x| x.0 == value)
            .map(|x| x.1.clone())
            .unwrap_or_else(|| value.to_string())
    }

    /// The rows of a grid: (key, label) in order.
    pub fn rows(&self, zh: bool, rows: Rows) -> Vec<(String, String)> {
        match rows {
            Rows::Listed(list) => list
                .iter()
                .map(|c| (c.value.to_string(), c.label(zh).to_string()))
                .collect(),
            Rows::From(name) => self.list(name).to_vec(),
        }
    }

    /// The input names of every field of `form` (`"<field>.<row>"` per grid row).
    pub fn input_names(&self, form: &Form) -> Vec<String> {
        let mut names = Vec::new();
        for f in form.fields {
            names.push(f.name.to_string());
            let rows = match f.kind {
                FieldKind::Grid(g) => self.rows(true, g.rows),
                FieldKind::PickMany(from) => self.list(from).to_vec(),
                _ => Vec::new(),
            };
            for (key, _) in rows {
                names.push(format!("{}.{key}", f.name));
            }
        }
        names
    }
}

impl Form {
    /// Read every field into a JSON object, and every field's reading message (once per
    /// field; an unreadable field stands in as today or 0, so the rest can be checked).
    pub fn values(
        &self,
        options: &Options,
        inputs: &Inputs,
        today: NaiveDate,
    ) -> (Map<String, Value>, Vec<RuleViolation>) {
        let mut problems = Vec::new();
        let mut values = Map::new();
        for f in self.fields {
            let entered = !matches!(
                f.kind,
                FieldKind::Grid(_)
                    | FieldKind::Computed(_)
                    | FieldKind::PickMany(_)
                    | FieldKind::Repeat(_)
            );
            if f.required && entered && crate::domain::text::blank(text(inputs, f.name)) {
                problems.push(required_message(f));
            }
            let value = read_field(f, options, inputs, today, &mut problems);
            if f.required && value.as_array().is_some_and(Vec::is_empty) {
                problems.push(required_message(f));
            }
            values.insert(f.name.to_string(), value);
        }
        (values, problems)
    }

    /// Read the inputs into `T` through its serde shape: `{key: {fields}}` when `tagged`
    /// (a record enum tagged by the form's key), else the fields object itself.
    pub fn read_as<T: DeserializeOwned>(
        &self,
        values: Map<String, Value>,
        tagged: bool,
    ) -> Result<T, Vec<RuleViolation>> {
        let value = if tagged {
            let mut outer = Map::new();
            outer.insert(self.key.to_string(), Value::Object(values));
            Value::Object(outer)
        } else {
            Value::Object(values)
        };
        serde_json::from_value(value).map_err(|e| {
            vec![RuleViolation::new(
                "field.format",
                format!("表单内容有误：{e}"),
                format!("The form is malformed: {e}"),
            )]
        })
    }

    /// Read the inputs into `T` (untagged: the fields object is `T`'s serde shape): the
    /// value, or every field's message at once.
    pub fn read<T: DeserializeOwned>(
        &self,
        options: &Options,
        inputs: &Inputs,
        today: NaiveDate,
    ) -> Result<T, Vec<RuleViolation>> {
        let (values, problems) = self.values(options, inputs, today);
        if !problems.is_empty() {
            return Err(problems);
        }
        self.read_as(values, false)
    }

    /// The reading messages and then the rules' messages, leaving out a rule's message on
    /// an unreadable field, or on a number or date while a number or date is unreadable
    /// (its stand-in, 0 or today, may make a correct field look wrong next to it).
    pub fn settle(
        &self,
        mut unread: Vec<RuleViolation>,
        rules: Vec<RuleViolation>,
    ) -> Vec<RuleViolation> {
        let fields: Vec<Option<String>> = unread.iter().map(|p| p.field.clone()).collect();
        let family = |name: &Option<String>| {
            let field = self.fields.iter().find(|f| Some(f.name) == name.as_deref());
            field.map(|f| f.kind.family())
        };
        let waiting: Vec<Option<Family>> = fields
            .iter()
            .map(family)
            .filter(|f| matches!(f, Some(Family::Number | Family::Date)))
            .collect();
        unread.extend(
            rules
                .into_iter()
                .filter(|p| !fields.contains(&p.field) && !waiting.contains(&family(&p.field))),
        );
        unread
    }

    /// The (label, text) lines of a record's `values` for reading and printing.
    pub fn describe(
        &self,
        zh: bool,
        values: &Map<String, Value>,
        options: &Options,
    ) -> Vec<(&'static str, String)> {
        self.fields
            .iter()
            .filter_map(|f| {
                let text = describe_value(zh, f, values.get(f.name), options);
                (!text.is_empty()).then_some((f.label(zh), text))
            })
            .collect()
    }
}

fn choose_message(f: &Field) -> RuleViolation {
    RuleViolation::new(
        "field.required",
        format!("请选择{}", f.zh),
        format!("Choose: {}", f.en),
    )
    .on(f.name)
}

fn required_message(f: &Field) -> RuleViolation {
    let (zh, en) = match f.kind {
        FieldKind::PickMany(_) => (
            format!("请至少选择一个{}", f.zh),
            format!("Choose at least one: {}", f.en),
        ),
        FieldKind::Choice(_) | FieldKind::Pick { .. } | FieldKind::YesNo => {
            (format!("请选择{}", f.zh), format!("Choose: {}", f.en))
        }
        _ => (format!("请填写{}", f.zh), format!("{} is required", f.en)),
    };
    RuleViolation::new("field.required", zh, en).on(f.name)
}

/// One field's value; an unreadable one adds its message (once per field) and stands in.
fn read_field(
    f: &Field,
    options: &Options,
    inputs: &Inputs,
    today: NaiveDate,
    problems: &mut Vec<RuleViolation>,
) -> Value {
    let mut keep = |r: Result<Value, RuleViolation>, stand_in: Value| {
        r.unwrap_or_else(|e| {
            if !problems.iter().any(|p| p.field == e.field) {
                problems.push(e);
            }
            stand_in
        })
    };
    let day = |raw: &str, name: &str| date_field(raw, name).map(|d| Value::String(d.to_string()));
    let count = |raw: &str| parse_count(raw, f.name).map(Value::from);
    let today_value = Value::String(today.to_string());
    let raw = text(inputs, f.name);
    let blank = crate::domain::text::blank(raw);
    match f.kind {
        // A blank required field already has its message; a blank optional one is none.
        FieldKind::Date if blank && f.required => today_value,
        FieldKind::Count if blank && f.required => Value::from(0),
        FieldKind::Date | FieldKind::Count if blank => Value::Null,
        FieldKind::Date => keep(day(raw, f.name), today_value),
        FieldKind::Count => keep(count(raw), Value::from(0)),
        FieldKind::YesNo => Value::Bool(raw == "yes"),
        FieldKind::Computed(Computed::False) => Value::Bool(false),
        // The same date as `on` (whose message, if any, is shown there).
        FieldKind::Computed(Computed::SameAsOn) => {
            day(text(inputs, "on"), "on").unwrap_or(today_value)
        }
        FieldKind::PickMany(from) => {
            let chosen = options.list(from).iter().map(|(value, _)| value);
            let chosen = chosen.filter(|v| text(inputs, &format!("{}.{v}", f.name)) == "yes");
            Value::Array(chosen.map(|v| Value::String(v.clone())).collect())
        }
        FieldKind::Repeat(r) => read_rows(f, r, options, inputs, today, problems),
        FieldKind::Grid(g) => {
            let mut out = Map::new();
            for (key, _) in options.rows(true, g.rows) {
                let raw = text(inputs, &format!("{}.{key}", f.name));
                let value = match g.cell {
                    Cell::Pick(_) | Cell::Count { optional: true } if raw.trim().is_empty() => {
                        continue
                    }
                    Cell::Pick(_) | Cell::Score => Value::String(raw.to_string()),
                    Cell::Count { .. } => keep(count(raw), Value::from(0)),
                };
                out.insert(key, value);
            }
            Value::Object(out)
        }
        // Only one of its options (a record's enum): anything else is named at the field,
        // standing in as the first option, never reaching serde as a malformed form.
        FieldKind::Choice(list) => match list.iter().find(|c| c.value == raw.trim()) {
            Some(c) => Value::String(c.value.to_string()),
            None => {
                let first = list.first().map_or("", |c| c.value);
                keep(Err(choose_message(f)), Value::String(first.to_string()))
            }
        },
        FieldKind::Text | FieldKind::LongText | FieldKind::Pick { .. } => {
            Value::String(raw.to_string())
        }
    }
}

/// The rows of a repeat that count, each read as an object; a row's messages are named
/// at the repeat, saying which row ("第2行：请填写开始").
fn read_rows(
    f: &Field,
    r: Repeat,
    options: &Options,
    inputs: &Inputs,
    today: NaiveDate,
    problems: &mut Vec<RuleViolation>,
) -> Value {
    let mut rows = Vec::new();
    for row in 0..rows_in(r, inputs) {
        let cell = |name: &str| text(inputs, &row_input(name, row)).to_string();
        if r.key.iter().all(|k| crate::domain::text::blank(&cell(k))) {
            continue;
        }
        let one: Inputs = r
            .fields
            .iter()
            .map(|x| (x.name.to_string(), cell(x.name)))
            .gather_map();
        let mut found = Vec::new();
        let mut values = Map::new();
        for x in r.fields {
            if x.required && crate::domain::text::blank(&cell(x.name)) {
                found.push(required_message(x));
            }
            values.insert(
                x.name.to_string(),
                read_field(x, options, &one, today, &mut found),
            );
        }
        // Every wrong row is named, each by its first problem.
        if let Some(first) = found.into_iter().next() {
            problems.push(in_row(first, row).on(f.name));
        }
        rows.push(Value::Object(values));
    }
    Value::Array(rows)
}

/// A row's message, said with its row ("第2行：…").
pub fn in_row(v: RuleViolation, row: usize) -> RuleViolation {
    let (zh, en) = (
        format!("第{}行：{}", row + 1, v.zh),
        format!("Row {}: {}", row + 1, v.en),
    );
    RuleViolation::new(v.code, zh, en)
}

/// How many rows of a repeat the inputs hold.
pub fn rows_in(r: Repeat, inputs: &Inputs) -> usize {
    let mut rows = 0;
    while r
        .fields
        .iter()
        .any(|x| inputs.contains_key(&row_input(x.name, rows)))
    {
        rows += 1;
    }
    rows
}

/// The typed text of `name` ("" when absent).
pub fn text<'a>(inputs: &'a Inputs, name: &str) -> &'a str {
    inputs.get(name).map(String::as_str).unwrap_or_default()
}

/// The fields of a value as a JSON object: of `{tag: {fields}}` when `tagged`.
pub fn object_of(value: &impl Serialize, tagged: bool) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(m)) if tagged => m
            .into_iter()
            .next()
            .and_then(|(_, v)| v.as_object().cloned())
            .unwrap_or_default(),
        Ok(Value::Object(m)) => m,
        _ => Map::new(),
    }
}

/// The text of one JSON value as a form holds it.
pub fn input_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        _ => String::new(),
    }
}

/// A record's fields as a form's inputs (the inverse of reading; prefills a correction).
pub fn inputs_of_object(values: Map<String, Value>) -> Inputs {
    let mut out = Inputs::new();
    for (name, v) in values {
        match v {
            Value::Object(entries) => {
                for (key, x) in entries {
                    out.insert(format!("{name}.{key}"), input_text(Some(&x)));
                }
            }
            // The rows of a repeat: each row's fields, by row.
            Value::Array(rows) if rows.iter().all(Value::is_object) && !rows.is_empty() => {
                for (i, row) in rows.into_iter().enumerate() {
                    for (key, x) in row.as_object().into_iter().flatten() {
                        out.insert(row_input(key, i), input_text(Some(x)));
                    }
                }
            }
            Value::Array(chosen) => {
                for x in chosen {
                    out.insert(format!("{name}.{}", input_text(Some(&x))), "yes".into());
                }
            }
            other => {
                out.insert(name, input_text(Some(&other)));
            }
        }
    }
    out
}

fn describe_value(zh: bool, f: &Field, v: Option<&Value>, options: &Options) -> String {
    let yes_no = |b: bool| match (zh, b) {
        (true, true) => "是",
        (true, false) => "否",
        (false, true) => "Yes",
        (false, false) => "No",
    };
    match f.kind {
        FieldKind::Computed(Computed::SameAsOn) => input_text(v),
        FieldKind::YesNo | FieldKind::Computed(_) => {
            yes_no(v.and_then(Value::as_bool).unwrap_or(false)).to_string()
        }
        FieldKind::Pick { from, .. } => options.label(from, &input_text(v)),
        FieldKind::PickMany(from) => {
            let chosen = v.and_then(Value::as_array).into_iter().flatten();
            let labels: Vec<String> = chosen
                .map(|x| options.label(from, &input_text(Some(x))))
                .collect();
            labels.join(if zh { "、" } else { ", " })
        }
        FieldKind::Choice(list) => {
            let value = input_text(v);
            list.iter()
                .find(|o| o.value == value)
                .map(|o| o.label(zh).to_string())
                .unwrap_or(value)
        }
        FieldKind::Grid(g) => describe_grid(zh, g, v, options),
        FieldKind::Repeat(r) => {
            let rows = v.and_then(Value::as_array).into_iter().flatten();
            let row = |x: &Value| {
                let cells = r
                    .fields
                    .iter()
                    .map(|f| describe_value(zh, f, x.get(f.name), options));
                let cells: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
                cells.join(" ")
            };
            rows.map(row)
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " })
        }
        FieldKind::Date | FieldKind::Text | FieldKind::LongText | FieldKind::Count => input_text(v),
    }
}

/// "张三 31，李四 9" (votes); "品德修养 19，…；合计 88" (scores); "post 张三" (appointees).
fn describe_grid(zh: bool, g: Grid, v: Option<&Value>, options: &Options) -> String {
    let mut entries: Vec<(String, Value)> = v
        .and_then(Value::as_object)
        .map(|o| o.iter().map(|(k, x)| (k.clone(), x.clone())).collect())
        .unwrap_or_default();
    let rows = options.rows(zh, g.rows);
    if let Rows::Listed(_) = g.rows {
        sorting::sort_by_key(&mut entries, |(k, _)| rows.iter().position(|r| r.0 == *k));
    }
    let mut total = 0u64;
    let parts: Vec<String> = entries
        .iter()
        .map(|(key, x)| {
            total = total.saturating_add(x.as_u64().unwrap_or(0));
            let row = rows
                .iter()
                .find(|r| r.0 == *key)
                .map(|r| r.1.clone())
                .unwrap_or_else(|| key.clone());
            let value = match g.cell {
                Cell::Pick(from) => options.label(from, &input_text(Some(x))),
                Cell::Count { .. } | Cell::Score => input_text(Some(x)),
            };
            format!("{row} {value}")
        })
        .collect();
    let mut out = parts.join(if zh { "，" } else { ", " });
    if g.total {
        out.push_str(if zh { "；合计 " } else { "; total " });
        out.push_str(&total.to_string());
    }
    out
}
