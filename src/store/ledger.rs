//! The ledger: the loaded log plus its folded state; records commands so that an
//! event is in state only once it is safely stored.

use crate::domain::sorting;
use std::collections::BTreeMap;

use super::id_index::IdIndex;
use super::later::LaterRecord;
use super::{Entry, EventStore, Quarantined, StoreError};
use crate::domain::backup::{self, ImportPlan};
use crate::domain::command::{decide, Command};
use crate::domain::event::{Event, Problem, Stamp};
use crate::domain::record::{self, Decoded, Foreign, Refused};
use crate::domain::state::{Actor, State};
use crate::domain::RuleViolation;

/// Why recording failed. In every case nothing was stored.
#[derive(Clone, Debug, PartialEq)]
pub enum RecordError {
    /// A rule refused the command.
    Rule(RuleViolation),
    /// A form was refused on several fields at once (every field's message; a form
    /// checked field by field before anything is recorded).
    Rules(Vec<RuleViolation>),
    /// The store refused the write.
    Storage(StoreError),
}

impl RecordError {
    /// The form's messages as one error: one message, or several at once.
    pub fn rules(mut all: Vec<RuleViolation>) -> RecordError {
        match all.len() {
            1 => RecordError::Rule(all.remove(0)),
            _ => RecordError::Rules(all),
        }
    }

    /// Message for the user (`zh` = Chinese); several messages are joined.
    pub fn message(&self, zh: bool) -> String {
        match self {
            RecordError::Rule(v) => v.message(zh).to_string(),
            RecordError::Rules(all) => {
                let m: Vec<&str> = all.iter().map(|v| v.message(zh)).collect();
                m.join(if zh { "；" } else { "; " })
            }
            RecordError::Storage(s) => s.form_message(zh),
        }
    }

    /// The form field the (first) message belongs to, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            RecordError::Rule(v) => v.field.as_deref(),
            RecordError::Rules(all) => all.first().and_then(|v| v.field.as_deref()),
            RecordError::Storage(_) => None,
        }
    }

    /// Every message, each with the form field it belongs to (if any).
    pub fn messages(&self, zh: bool) -> Vec<(Option<&str>, String)> {
        match self {
            RecordError::Rule(v) => vec![(v.field.as_deref(), v.message(zh).to_string())],
            RecordError::Rules(all) => all
                .iter()
                .map(|v| (v.field.as_deref(), v.message(zh).to_string()))
                .collect(),
            RecordError::Storage(s) => vec![(None, s.form_message(zh))],
        }
    }
}

/// What [`Ledger::receive`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Received {
    /// How many events were new and are now stored and folded.
    pub added: usize,
    /// Events refused (not stored).
    pub rejected: Vec<Rejected>,
}

/// An event [`Ledger::receive`] refused to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// Its id.
    pub id: String,
    /// Why.
    pub reason: RejectReason,
    /// The details, in English (technical).
    pub detail: String,
}

/// Why a received event was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RejectReason {
    /// Its content does not match its hash.
    HashMismatch,
    /// An event with the same id but different content is already held.
    IdClash,
    /// Sound JSON with a matching hash, but not acceptable: an id outside the safe
    /// alphabet, a malformed envelope, or values out of range.
    Invalid,
}

impl RejectReason {
    /// Message for the user (`zh` = Chinese).
    pub fn message(self, zh: bool) -> &'static str {
        match (self, zh) {
            (RejectReason::HashMismatch, true) => "内容与其哈希不符（记录后被改动）",
            (RejectReason::HashMismatch, false) => {
                "content does not match its hash (changed after it was recorded)"
            }
            (RejectReason::IdClash, true) => "与本机已有的同编号记录内容不同",
            (RejectReason::IdClash, false) => {
                "differs from the event this device holds under the same id"
            }
            (RejectReason::Invalid, true) => "格式不符或数值超出范围，未采用",
            (RejectReason::Invalid, false) => "malformed or out of range; not used",
        }
    }
}

/// A store, the events it holds, and the state folded from them.
pub struct Ledger<S: EventStore> {
    store: S,
    events: Vec<Event>,
    /// Index of each understood event in `events`.
    by_id: IdIndex,
    /// Records of kinds this version can't read: stored and forwarded, not folded.
    foreign: Vec<Foreign>,
    /// Index of each foreign record in `foreign`.
    foreign_ids: BTreeMap<String, usize>,
    state: State,
    quarantined: Vec<Quarantined>,
    device: String,
    /// How many of `events` (from the first) have had their canonical hash re-derived,
    /// and those whose hash did not match: each event is checked once.
    hashes_checked: std::cell::RefCell<(usize, Vec<Problem>)>,
    /// This device's records, so recording needn't walk the whole log.
    own: OwnRecords,
    /// The log's stamp ([`LOG_STAMP`]) as this ledger last knew it.
    stamp: String,
    /// The part of the log still to be folded after the rest (`workflows::folds_later`):
    /// `None` once every event is folded ([`Ledger::open_later`]).
    later: Option<Box<LaterPart<S>>>,
}

/// The events of the parts folded after the rest (`store::later`), while they are
/// decoded and folded a part each turn, the app drawn from the rest meanwhile.
///
/// Architecture invariant: while a ledger has a later part, only its state is read, by
/// pages that show no part folded later (home, village pay's: `Ctx::with_state_so_far`):
/// the parts folded later are not in it yet, and the later part's events are in
/// `events` unindexed until all are decoded. Every other use of the
/// ledger finishes the later part first (each `&mut` method here that reads or adds
/// events does it itself; the app's context does it before any other read, `ui::ctx`).
struct LaterPart<S: EventStore> {
    /// Decodes, places or folds a slice ([`Ledger::later_step`]), set where the ledger
    /// is opened ([`Opening::finish`]): reached through it, the decoding and every
    /// workflow's fold stay in the chunk that opens the log, out of the app's first load
    /// (`ui::chunks`), although the first load finishes the later part.
    step: fn(&mut Ledger<S>, &mut LaterPart<S>, usize) -> bool,
    /// Records still to decode.
    records: std::vec::IntoIter<LaterRecord>,
    /// Where the decoded events start in `events` (pushed there, unindexed).
    first: usize,
    /// Once every record is decoded and every event indexed: where in `events` the
    /// events of the parts folded later are, in fold order; and how many are folded.
    order: Option<(Vec<usize>, usize)>,
    /// The parts folded later as folded so far, taken into the ledger's state once
    /// they all are: until then its state is exactly the rest of the log's, never a
    /// part half folded (a case's decision without its 初次提交 would read as overdue).
    folding: State,
}

/// [`Ledger::verify`] a part at a time, so the Data page keeps answering while a
/// county's chain is walked: the records held when it began are checked; one added
/// since may still fill a gap (a parent that arrived later is not reported missing).
pub struct ChainCheck {
    /// Whether records of the version before records named their database are checked
    /// ([`Ledger::verify`]) or passed over ([`Ledger::verify_synced`]).
    every_database: bool,
    /// The understood events and foreign records held when the check began.
    held: (usize, usize),
    /// Their hashes as bytes, sorted once all are in.
    hashes: Vec<[u8; 32]>,
    /// How many of the held records have had their hash taken.
    hashed: usize,
    sorted: bool,
    /// How many of the held records have had their parents looked for.
    walked: usize,
    /// Records whose parent was not found: (id, parent).
    missing: Vec<(String, String)>,
}

impl ChainCheck {
    /// A check of what `ledger` holds now.
    pub fn new<S: EventStore>(ledger: &Ledger<S>, every_database: bool) -> ChainCheck {
        let held = (ledger.events.len(), ledger.foreign.len());
        ChainCheck {
            every_database,
            held,
            hashes: Vec::with_capacity(held.0 + held.1),
            hashed: 0,
            sorted: false,
            walked: 0,
            missing: Vec::new(),
        }
    }

    /// How many records the check covers, and how far it got (each counts twice: its
    /// hash taken, its parents looked for).
    pub fn progress(&self) -> (usize, usize) {
        let total = self.held.0 + self.held.1;
        (self.hashed + self.walked, total * 2)
    }

    /// Go on for up to `limit` records of `ledger` (the one it began with); every
    /// problem [`Ledger::verify`] would name once it is done.
    pub fn step<S: EventStore>(
        &mut self,
        ledger: &Ledger<S>,
        limit: usize,
    ) -> Option<Vec<Problem>> {
        let total = self.held.0 + self.held.1;
        let held = |i: usize| match i < self.held.0 {
            true => ledger.events.get(i).map(Held::Known),
            false => ledger.foreign.get(i - self.held.0).map(Held::Foreign),
        };
        if self.hashed < total {
            let end = self.hashed.saturating_add(limit).min(total);
            let taken = (self.hashed..end).filter_map(|i| hash_bytes(held(i)?.hash()));
            self.hashes.extend(taken);
            self.hashed = end;
            return None;
        }
        if !self.sorted {
            sorting::sort_by(&mut self.hashes, |a, b| a.cmp(b));
            self.sorted = true;
            return None;
        }
        if self.walked == total {
            // Records that arrived meanwhile (an import adopting its batches) have
            // their hashes derived a part at a time too, before the verdict.
            let (checked, held_now) = ledger.check_hashes(0);
            if checked < held_now {
                ledger.check_hashes(limit);
                return None;
            }
            return Some(self.problems(ledger));
        }
        let end = self.walked.saturating_add(limit).min(total);
        for h in (self.walked..end).filter_map(held) {
            if !self.every_database && h.scope().is_empty() {
                continue;
            }
            for p in h.parents() {
                let held = hash_bytes(p).is_some_and(|p| self.hashes.binary_search(&p).is_ok());
                if !held {
                    self.missing.push((h.id().to_string(), p.clone()));
                }
            }
        }
        self.walked = end;
        None
    }

    /// The hash problems and the parents still missing (one held now that arrived
    /// after the check began fills its gap).
    fn problems<S: EventStore>(&self, ledger: &Ledger<S>) -> Vec<Problem> {
        let late: std::collections::BTreeSet<&str> = ledger.events
            [self.held.0.min(ledger.events.len())..]
            .iter()
            .map(|e| e.hash.as_str())
            .chain(
                ledger.foreign[self.held.1.min(ledger.foreign.len())..]
                    .iter()
                    .map(|f| f.hash.as_str()),
            )
            .collect();
        let mut problems = ledger.hash_problems();
        for (id, parent) in &self.missing {
            if !late.contains(parent.as_str()) {
                problems.push(Problem::MissingParent {
                    id: id.clone(),
                    parent: parent.clone(),
                });
            }
        }
        problems
    }
}

/// A hash's 32 bytes, from its 64 lower-case hex digits (the only spelling a hash
/// has); `None` for anything else, which then matches no record.
fn hash_bytes(hex: &str) -> Option<[u8; 32]> {
    let digit = |d: u8| match d {
        b'0'..=b'9' => Some(d - b'0'),
        b'a'..=b'f' => Some(d - b'a' + 10),
        _ => None,
    };
    let digits = hex.as_bytes();
    let mut out = [0; 32];
    if digits.len() != 64 {
        return None;
    }
    for (byte, pair) in out.iter_mut().zip(digits.chunks(2)) {
        *byte = digit(pair[0])? * 16 + digit(pair[1])?;
    }
    Some(out)
}

/// The stamp of a ledger that no longer knows which log it holds (another tab added
/// records since it was opened): no log's stamp is ever this.
pub const STALE: &str = "stale";

/// How a stamp given before a write begins ([`Ledger::note_new_records`]): until the
/// write is stored and the stamp settled, the log is named by none.
pub const PENDING: &str = "pending-";

/// Whether `stamp` names a log: settled, not pending, not [`STALE`].
pub fn names_a_log(stamp: &str) -> bool {
    !stamp.starts_with(PENDING) && stamp != STALE
}

/// The meta key of the log's stamp: a value that changes before every write that adds
/// records, by whichever tab writes them, so a copy of what the log showed
/// (`ui::first_screen`) names the log it was drawn from.
pub const LOG_STAMP: &str = "log_stamp";

/// How [`Ledger::open_if_empty`] found the log.
pub enum Start<S: EventStore> {
    /// It holds no event: the ledger is open.
    Open(Ledger<S>),
    /// It holds events: they are to be folded ([`Opening::step`]).
    ToFold(Opening<S>),
}

/// A ledger being opened a part at a time ([`Ledger::opening`]), so a large log is
/// indexed and folded over several turns of the browser, which keeps answering taps.
pub struct Opening<S: EventStore> {
    ledger: Ledger<S>,
    /// How many of `ledger.events` (the loaded events, adopted as they are) are indexed.
    indexed: usize,
    /// Whether an id was met twice while indexing (the log is indexed again, each id
    /// once, before it is folded).
    repeated: bool,
    /// Indexes into `ledger.events` in the order they are folded (`State::fold_key`),
    /// once every event is indexed.
    order: Option<Vec<usize>>,
    /// How many of `order` are folded.
    folded: usize,
    /// The records of the parts folded later, still undecoded (`store::later`).
    later: Vec<LaterRecord>,
    /// How many of the events loaded are folded with the rest (not later).
    to_fold: usize,
}

impl<S: EventStore> Opening<S> {
    /// Index or fold up to `limit` more events; true once the ledger is open.
    pub fn step(&mut self, limit: usize) -> bool {
        let Some(order) = &self.order else {
            let end = self
                .indexed
                .saturating_add(limit)
                .min(self.ledger.events.len());
            for i in self.indexed..end {
                self.repeated |= !self.ledger.index_in_place(i);
            }
            self.indexed = end;
            if end == self.ledger.events.len() {
                if self.repeated {
                    self.ledger.index_again_each_id_once();
                }
                let now = fold_order(&self.ledger.events, |e| !e.body.folds_later());
                self.order = Some(now);
            }
            return false;
        };
        let end = self.folded.saturating_add(limit).min(order.len());
        for i in &order[self.folded..end] {
            self.ledger.state.evolve(&self.ledger.events[*i]);
        }
        self.folded = end;
        end == order.len()
    }

    /// Events loaded, indexed and folded so far, of the steps to take (indexing each,
    /// then folding those not folded later).
    pub fn progress(&self) -> (usize, usize) {
        let to_fold = self.order.as_ref().map_or(self.to_fold, Vec::len);
        (
            self.indexed + self.folded,
            self.ledger.events.len() + to_fold,
        )
    }

    /// The open ledger, once [`Opening::step`] said so (any events left are folded
    /// now), with the parts folded later still to fold ([`Ledger::open_later`]).
    pub fn finish(mut self) -> Ledger<S> {
        while !self.step(usize::MAX) {}
        let first = self.ledger.events.len();
        // Their events go where the loaded list has room for them (the store reserved
        // it for every record read): no second list of a county's events.
        self.ledger.later = Some(Box::new(LaterPart {
            step: Ledger::later_step,
            records: std::mem::take(&mut self.later).into_iter(),
            first,
            order: None,
            folding: State::default(),
        }));
        self.ledger
    }
}

/// Positions of the events of `events` that `pick` picks, in the order they are folded
/// (`State::fold_key`).
fn fold_order(events: &[Event], pick: impl Fn(&Event) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).filter(|i| pick(&events[*i])).collect();
    sorting::sort_by(&mut order, |a, b| {
        State::fold_key(&events[*a]).cmp(&State::fold_key(&events[*b]))
    });
    order
}

/// The order to hold `events` in once the later part's events (from `first` on) are
/// placed: the events loaded first in rising id order (`events[..rising]`, IndexedDB's)
/// merged with the later part's own rising run, then the others as they were. An id
/// in both runs puts the one loaded first first (kept, as [`Ledger::index`] keeps it).
fn placed_order(events: &[Event], rising: usize, first: usize) -> Vec<usize> {
    let later = &events[first..];
    let run = first + later.windows(2).take_while(|w| w[0].id < w[1].id).count();
    let run = if later.is_empty() { first } else { run + 1 };
    let mut order = Vec::with_capacity(events.len());
    let (mut a, mut b) = (0, first);
    while a < rising && b < run {
        if events[a].id <= events[b].id {
            order.push(a);
            a += 1;
        } else {
            order.push(b);
            b += 1;
        }
    }
    order.extend((a..rising).chain(b..run).chain(rising..first));
    order.extend(run..events.len());
    order
}

/// Put `items` in `order` (`items[i]` becomes the item that was at `order[i]`), in
/// place: each cycle of the permutation is walked once, swapping.
fn permute<T>(items: &mut [T], order: &[usize]) {
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = order[at];
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// This device's records by time: the chain head of each database and the latest
/// time, in logarithmic time at any size of the log.
#[derive(Default)]
struct OwnRecords {
    /// Every own record's (recorded_at, id).
    times: std::collections::BTreeSet<(i64, String)>,
    /// Own records naming their database: by database key, (recorded_at, id) → hash.
    by_scope: BTreeMap<String, BTreeMap<(i64, String), String>>,
    /// Own records of the version before records named their database (their
    /// database follows the master data, so it is worked out when asked).
    unscoped: Vec<String>,
}

impl OwnRecords {
    fn add(&mut self, held: Held<'_>) {
        let key = (held.recorded_at(), held.id().to_string());
        self.times.insert(key.clone());
        match held.scope() {
            "" => self.unscoped.push(held.id().to_string()),
            scope => {
                let chain = self.by_scope.entry(scope.to_string()).or_default();
                chain.insert(key, held.hash().to_string());
            }
        }
    }

    /// The latest time of an own record, and the latest no later than `horizon`.
    fn latest(&self, horizon: i64) -> (Option<i64>, Option<i64>) {
        let latest = self.times.last().map(|(at, _)| *at);
        let upto = (horizon.saturating_add(1), String::new());
        let last = self.times.range(..upto).next_back().map(|(at, _)| *at);
        (latest, last)
    }
}

/// A record held by the ledger, understood or not: what storage and sync need.
#[derive(Clone, Copy, Debug)]
pub enum Held<'a> {
    /// An event this version understands.
    Known(&'a Event),
    /// A record of a kind this version can't read.
    Foreign(&'a Foreign),
}

impl<'a> Held<'a> {
    /// Its id.
    pub fn id(&self) -> &'a str {
        match self {
            Held::Known(e) => &e.id,
            Held::Foreign(f) => &f.id,
        }
    }
    /// Its hash.
    pub fn hash(&self) -> &'a str {
        match self {
            Held::Known(e) => &e.hash,
            Held::Foreign(f) => &f.hash,
        }
    }
    /// When it was recorded (UTC ms).
    pub fn recorded_at(&self) -> i64 {
        match self {
            Held::Known(e) => e.recorded_at,
            Held::Foreign(f) => f.recorded_at,
        }
    }
    /// The database it names (empty for records of versions before databases).
    pub fn scope(&self) -> &'a str {
        match self {
            Held::Known(e) => &e.scope,
            Held::Foreign(f) => &f.scope,
        }
    }
    /// Who recorded it.
    pub fn author(&self) -> &'a str {
        match self {
            Held::Known(e) => &e.author,
            Held::Foreign(f) => &f.author,
        }
    }
    /// The device that recorded it.
    pub fn device(&self) -> &'a str {
        match self {
            Held::Known(e) => &e.device,
            Held::Foreign(f) => &f.device,
        }
    }
    /// Its parent hashes.
    pub fn parents(&self) -> &'a [String] {
        match self {
            Held::Known(e) => &e.parents,
            Held::Foreign(f) => &f.parents,
        }
    }
    /// Its canonical JSON with the hash.
    pub fn json(&self) -> std::borrow::Cow<'a, str> {
        match self {
            Held::Known(e) => e.json(),
            Held::Foreign(f) => f.json.as_str().into(),
        }
    }
}

/// Time-ordered unique id: 12 hex digits of UTC ms, then 16 random hex digits.
pub fn new_id(now_ms: i64, random: u64) -> String {
    format!("{:012x}{:016x}", now_ms.max(0), random)
}

impl<S: EventStore> Ledger<S> {
    /// Load everything from `store` and fold it all. `device` identifies this device
    /// in events.
    pub fn open(store: S, device: &str) -> Self {
        let mut ledger = Ledger::opening(store, device).finish();
        ledger.finish_later();
        ledger
    }

    /// Load from `store`: the ledger at once when its log holds no event (a new
    /// phone: nothing to fold, so this needs no workflow's `evolve`), else the opening
    /// to step through ([`Opening::step`]) — the same ledger as [`Ledger::open`] either
    /// way.
    pub fn open_if_empty(store: S, device: &str) -> Start<S> {
        let opening = Ledger::opening(store, device);
        match opening.ledger.events.is_empty() && opening.later.is_empty() {
            true => Start::Open(opening.ledger),
            false => Start::ToFold(opening),
        }
    }

    /// A ledger over `store`, which is new and holds nothing (nothing is loaded from
    /// it): the first screen's own context.
    pub fn blank(store: S, device: &str) -> Self {
        Ledger::unfolded(store, device, String::new(), Vec::new())
    }

    /// A ledger over `store` with no event indexed or folded yet.
    fn unfolded(store: S, device: &str, stamp: String, quarantined: Vec<Quarantined>) -> Self {
        Ledger {
            store,
            events: Vec::new(),
            by_id: IdIndex::default(),
            foreign: Vec::new(),
            foreign_ids: BTreeMap::new(),
            state: State::default(),
            quarantined,
            device: device.to_string(),
            hashes_checked: Default::default(),
            own: OwnRecords::default(),
            stamp,
            later: None,
        }
    }

    /// Load from `store` and open the ledger a part at a time ([`Opening::step`]): the
    /// same ledger as [`Ledger::open`].
    pub fn opening(mut store: S, device: &str) -> Opening<S> {
        let mut loaded = store.load();
        // The stamp read before the log was (a store that read it later reads it now).
        let stamp = loaded.stamp.take().or_else(|| store.get_meta(LOG_STAMP));
        let stamp = stamp.unwrap_or_default();
        let mut ledger = Ledger::unfolded(store, device, stamp, loaded.quarantined);
        for f in loaded.foreign {
            ledger.index_foreign(f);
        }
        // Adopted as loaded, not moved one by one into a second list: 50,000 events
        // are 15 MB, and wasm memory never shrinks.
        ledger.events = loaded.events;
        let to_fold = ledger
            .events
            .iter()
            .filter(|e| !e.body.folds_later())
            .count();
        Opening {
            to_fold,
            ledger,
            indexed: 0,
            repeated: false,
            order: None,
            folded: 0,
            later: loaded.later,
        }
    }

    /// Whether every event is folded (no later part is left, [`Ledger::open_later`]).
    pub fn is_whole(&self) -> bool {
        self.later.is_none()
    }

    /// Decode, index or fold up to `limit` more of the later part (`store::later`);
    /// true once every event is folded.
    pub fn open_later(&mut self, limit: usize) -> bool {
        let Some(mut later) = self.later.take() else {
            return true;
        };
        let done = (later.step)(self, &mut later, limit);
        if !done {
            self.later = Some(later);
        }
        done
    }

    /// Fold the rest of the later part now, if any is left.
    pub fn finish_later(&mut self) {
        while !self.open_later(usize::MAX) {}
    }

    fn later_step(&mut self, later: &mut LaterPart<S>, limit: usize) -> bool {
        if let Some((order, folded)) = &mut later.order {
            let end = folded.saturating_add(limit).min(order.len());
            for i in &order[*folded..end] {
                later.folding.evolve(&self.events[*i]);
            }
            *folded = end;
            if end < order.len() {
                return false;
            }
            let folding = std::mem::take(&mut later.folding);
            self.state.take_later_parts(folding);
            return true;
        }
        if later.records.len() > 0 {
            for record in later.records.by_ref().take(limit.max(1)) {
                match record.decode() {
                    Ok(Decoded::Known(e)) => self.events.push(e),
                    Ok(Decoded::Foreign(f)) => self.index_foreign(f),
                    Err(q) => self.quarantined.push(q),
                }
            }
            return false;
        }
        later.order = Some((self.place_later(later.first), 0));
        false
    }

    /// Place the later part's decoded events (`events[first..]`) among the others,
    /// index every event again, and give the order the later parts' events are folded
    /// in. Should an id be held twice, or a record that waited be of a part folded with
    /// the rest, the state is folded again from the events kept (the first of each
    /// id), the parts folded later left to fold.
    fn place_later(&mut self, first: usize) -> Vec<usize> {
        if first == self.events.len() {
            return fold_order(&self.events, |e| e.body.folds_later());
        }
        // A record that waited but is of a part folded with the rest (no record this
        // app writes: its text named a kind its decoding did not give).
        let misplaced = self.events[first..].iter().any(|e| !e.body.folds_later());
        let order = placed_order(&self.events, self.by_id.rising(), first);
        permute(&mut self.events, &order);
        drop(order);
        *self.hashes_checked.get_mut() = Default::default();
        if self.index_all_again() | misplaced {
            self.state = State::default();
            for i in fold_order(&self.events, |e| !e.body.folds_later()) {
                self.state.evolve(&self.events[i]);
            }
        }
        fold_order(&self.events, |e| e.body.folds_later())
    }

    /// Index every event again, in place, the first of each id kept; true if an id was
    /// met twice.
    fn index_all_again(&mut self) -> bool {
        self.by_id.clear();
        self.own = OwnRecords::default();
        for f in self.foreign.iter().filter(|f| f.device == self.device) {
            self.own.add(Held::Foreign(f));
        }
        let mut repeated = false;
        for i in 0..self.events.len() {
            repeated |= !self.index_in_place(i);
        }
        if repeated {
            self.index_again_each_id_once();
        }
        repeated
    }

    /// The log's stamp as this ledger last knew it ([`LOG_STAMP`]).
    pub fn stamp(&self) -> &str {
        &self.stamp
    }

    /// Give the log a pending stamp before records with these ids are stored (derived
    /// from the stamp before and the ids, so two tabs adding different records never
    /// give it the same one): while it is pending, the log is named by no stamp (a tab
    /// that reads it and then a log without the records must not name that log by it).
    /// A stamp that can't be written refuses the write.
    pub fn note_new_records<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StoreError> {
        self.move_stamp(ids, PENDING)
    }

    /// Settle the log's stamp once records with these ids are stored (and held here).
    /// If this fails, or never comes (the tab closed half-way), the stamp stays pending
    /// until the next write settles one.
    pub fn note_records_stored<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StoreError> {
        self.move_stamp(ids, "")
    }

    /// The next stamp of the log (`prefix` + 16 hex digits). A ledger that finds a
    /// stamp other than the one it knew (another tab added records it does not hold)
    /// knows the log by none from then on ([`STALE`]).
    fn move_stamp<'a>(
        &mut self,
        ids: impl IntoIterator<Item = &'a str>,
        prefix: &str,
    ) -> Result<(), StoreError> {
        let before = self.store.get_meta(LOG_STAMP).unwrap_or_default();
        let mut text = format!("{before} {prefix}");
        for id in ids {
            text.push(' ');
            text.push_str(id);
        }
        let stamp = format!("{prefix}{}", &crate::domain::event::sha256_hex(&text)[..16]);
        self.store.set_meta(LOG_STAMP, &stamp)?;
        self.stamp = match before == self.stamp {
            true => stamp,
            false => STALE.to_string(),
        };
        Ok(())
    }

    /// Index `e`; false if its id is indexed already (then it is dropped).
    fn index(&mut self, e: Event) -> bool {
        self.events.push(e);
        let at = self.events.len() - 1;
        if !self.index_in_place(at) {
            self.events.pop();
            return false;
        }
        true
    }

    /// Index the event held at `i` of `events` (adopted at opening); false if its id
    /// is indexed already (the event stays until [`Ledger::index_again_each_id_once`]).
    fn index_in_place(&mut self, i: usize) -> bool {
        if !self.by_id.add(&self.events, i) {
            return false;
        }
        if let Some(e) = self.events.get(i).filter(|e| e.device == self.device) {
            self.own.add(Held::Known(e));
        }
        true
    }

    /// Index the events anew, the first of each id kept, as [`Ledger::index`] keeps it.
    fn index_again_each_id_once(&mut self) {
        let events = std::mem::take(&mut self.events);
        // Room for them all at once: grown by doubling, it would hold up to twice the
        // list beside the old one, and wasm memory never shrinks.
        self.events = Vec::with_capacity(events.len());
        self.by_id.clear();
        // Own records in the order the opening met them: foreign records first.
        self.own = OwnRecords::default();
        for f in self.foreign.iter().filter(|f| f.device == self.device) {
            self.own.add(Held::Foreign(f));
        }
        for e in events {
            let _ = self.index(e);
        }
    }

    fn index_foreign(&mut self, f: Foreign) {
        if !self.foreign_ids.contains_key(&f.id) {
            if f.device == self.device {
                self.own.add(Held::Foreign(&f));
            }
            self.foreign_ids.insert(f.id.clone(), self.foreign.len());
            self.foreign.push(f);
        }
    }

    /// Records of kinds this version can't read (kept and forwarded, not folded).
    pub fn foreign(&self) -> &[Foreign] {
        &self.foreign
    }

    /// Check every record held: understood events against their hashes, and every
    /// record's parents (the device's previous record) against what is held. A
    /// deleted record, or one changed and re-hashed, leaves a record whose parent is
    /// missing: the chain is broken there.
    pub fn verify(&self) -> Vec<Problem> {
        self.verify_reading(true)
    }

    /// [`Ledger::verify`] on a phone that syncs with a server and so may hold only
    /// some of the county's databases: a record of the version before records named
    /// their database chained to its device's previous record whatever the database,
    /// so its missing parent may lie in a database this phone doesn't read and is not
    /// reported. Records that name their database chain within it and are checked.
    pub fn verify_synced(&self) -> Vec<Problem> {
        self.verify_reading(false)
    }

    fn verify_reading(&self, every_database: bool) -> Vec<Problem> {
        let mut check = ChainCheck::new(self, every_database);
        loop {
            if let Some(problems) = check.step(self, usize::MAX) {
                return problems;
            }
        }
    }

    /// Events whose content does not match their hash; events are never changed or
    /// removed, so each is checked once, on the first check after it arrived.
    fn hash_problems(&self) -> Vec<Problem> {
        self.check_hashes(usize::MAX);
        self.hashes_checked.borrow().1.clone()
    }

    /// Re-derive the hashes of up to `limit` events not checked yet (each event is
    /// checked once), so a caller can spread the check of a large log over several
    /// turns of the browser. Returns how many records are checked, of how many held:
    /// records of newer versions count as checked, as their hash was derived in full
    /// when they were read (`record::decode`).
    pub fn check_hashes(&self, limit: usize) -> (usize, usize) {
        let mut checked = self.hashes_checked.borrow_mut();
        let (upto, problems) = &mut *checked;
        let end = upto.saturating_add(limit).min(self.events.len());
        for e in self.events.get(*upto..end).unwrap_or_default() {
            if !e.hash_ok() {
                problems.push(Problem::HashMismatch { id: e.id.clone() });
            }
        }
        *upto = (*upto).max(end);
        let foreign = self.foreign.len();
        (*upto + foreign, self.events.len() + foreign)
    }

    /// Every record held, understood or not.
    pub fn held(&self) -> impl Iterator<Item = Held<'_>> {
        debug_assert!(
            self.is_whole(),
            "the later part is folded before the log is read"
        );
        self.events
            .iter()
            .map(Held::Known)
            .chain(self.foreign.iter().map(Held::Foreign))
    }

    /// The record held under `id`, understood or not.
    pub fn held_record(&self, id: &str) -> Option<Held<'_>> {
        self.event(id).map(Held::Known).or_else(|| {
            self.foreign_ids
                .get(id)
                .map(|i| Held::Foreign(&self.foreign[*i]))
        })
    }

    /// The server database a held record belongs in (`domain::access`), if known:
    /// not for a record this version can't read, nor for a village not known here.
    pub fn scope_of(&self, held: &Held<'_>) -> Option<crate::domain::access::Scope> {
        use crate::domain::access::{scope_of, Scope};
        match held {
            Held::Known(e) if !e.scope.is_empty() => Scope::from_key(&e.scope),
            Held::Known(e) => scope_of(e, &self.state.master),
            Held::Foreign(f) => Scope::from_key(&f.scope),
        }
    }

    /// The hash of the record held under `id`, understood or not.
    pub fn hash_of(&self, id: &str) -> Option<&str> {
        self.event(id).map(|e| e.hash.as_str()).or_else(|| {
            self.foreign_ids
                .get(id)
                .map(|i| self.foreign[*i].hash.as_str())
        })
    }

    /// The derived state.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Every event held.
    pub fn events(&self) -> &[Event] {
        debug_assert!(
            self.is_whole(),
            "the later part is folded before the log is read"
        );
        &self.events
    }

    /// An event by id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        debug_assert!(
            self.is_whole(),
            "the later part is folded before the log is read"
        );
        self.by_id
            .get(&self.events, id)
            .and_then(|i| self.events.get(i))
    }

    /// Entries that could not be loaded.
    pub fn quarantined(&self) -> &[Quarantined] {
        &self.quarantined
    }

    /// The store (for meta values).
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The store, mutably (for meta values).
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// This device's id.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// The hash of this device's latest record in the database `scope` (the key of an
    /// `access::Scope`) recorded no later than `horizon`: the parent of its next record
    /// there. Each database holds its own chain, so a phone that reads only some
    /// databases sees whole chains; a record dated past the horizon (a clock once far
    /// ahead, which the server refuses) is no one's parent, so no chain hangs on it.
    pub fn chain_head(&self, scope: &str, horizon: i64) -> Option<&str> {
        let upto = (horizon.saturating_add(1), String::new());
        let scoped = self
            .own
            .by_scope
            .get(scope)
            .and_then(|chain| chain.range(..upto).next_back())
            .map(|((at, id), hash)| (*at, id.as_str(), hash.as_str()));
        let unscoped = self
            .own
            .unscoped
            .iter()
            .filter_map(|id| self.held_record(id))
            .filter(|h| h.recorded_at() <= horizon)
            .filter(|h| self.scope_of(h).map(|s| s.key()).unwrap_or_default() == scope)
            .map(|h| (h.recorded_at(), h.id(), h.hash()))
            .max();
        scoped.max(unscoped).map(|(_, _, hash)| hash)
    }

    /// Decide `cmd`, seal the events, store them atomically, then fold them in.
    /// `random` supplies randomness for ids.
    pub fn record(
        &mut self,
        cmd: impl Into<Command>,
        actor: &Actor,
        now_ms: i64,
        random: &mut dyn FnMut() -> u64,
    ) -> Result<Vec<Event>, RecordError> {
        self.finish_later();
        let bodies = decide(&self.state, cmd.into(), actor).map_err(RecordError::Rule)?;
        // Keep each device's records strictly ordered even if the clock went backwards,
        // but never carry forward a time the server would refuse (a clock once set far
        // ahead): records made after the clock is fixed must still be accepted.
        // A record made after a later-dated one of this device (that clock was wrong, or
        // this one is) is noted in the import journal, so each database's sync offers it
        // although its time lies under what it has acknowledged (`sync::state`).
        let horizon = now_ms.saturating_add(crate::sync::validate::MAX_FUTURE_MS);
        let (latest, last) = self.own.latest(horizon);
        let start = now_ms.max(last.map_or(i64::MIN, |l| l.saturating_add(1)));
        let mut heads: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut sealed = Vec::with_capacity(bodies.len());
        for (k, body) in (0_i64..).zip(bodies) {
            let at = start.saturating_add(k);
            let scope = crate::domain::access::scope_of_body(&body, &self.state.master)
                .map(|s| s.key())
                .unwrap_or_default();
            let parent = heads
                .entry(scope.clone())
                .or_insert_with(|| self.chain_head(&scope, horizon).map(str::to_string));
            let e = Event::seal_in(
                body,
                Stamp {
                    id: new_id(at, random()),
                    author: actor.name.clone(),
                    role: actor.role,
                    device: self.device.clone(),
                    recorded_at: at,
                    parents: parent.take().into_iter().collect(),
                },
                scope,
            );
            *parent = Some(e.hash.clone());
            if e.json().len() > crate::domain::record::MAX_RECORD_BYTES {
                return Err(RecordError::Rule(RuleViolation::new(
                    "record.too_large",
                    "内容过长，无法保存为一条记录，请精简文字",
                    "This is too long to keep as one record; shorten the text",
                )));
            }
            sealed.push(e);
        }
        if latest.is_some_and(|l| start <= l) {
            let ids: Vec<String> = sealed.iter().map(|e| e.id.clone()).collect();
            super::journal::append(&mut self.store, &ids).map_err(RecordError::Storage)?;
        }
        self.note_new_records(sealed.iter().map(|e| e.id.as_str()))
            .map_err(RecordError::Storage)?;
        self.store
            .append(&super::entries(&sealed))
            .map_err(RecordError::Storage)?;
        self.absorb(&sealed);
        // Stored: a failure here leaves the stamp pending, which names no log.
        let _ = self.note_records_stored(sealed.iter().map(|e| e.id.as_str()));
        Ok(sealed)
    }

    /// Add events received from elsewhere: each is taken as its stored text and
    /// decoded again, exactly as a record from sync or a backup is (see
    /// [`Ledger::receive_decoded`]).
    pub fn receive(&mut self, events: Vec<Event>) -> Result<Received, StoreError> {
        let decoded = events.iter().map(|e| record::decode(&e.json())).collect();
        self.receive_decoded(decoded)
    }

    /// Add records received from elsewhere (import, sync): store them, then fold.
    ///
    /// Records already held (same id, same hash) are skipped silently; a record that
    /// was refused (hash mismatch, malformed, out of range), or whose id is held with
    /// a different hash, is not stored and is reported in [`Received::rejected`].
    /// The rest, understood or foreign, are stored atomically (all or none) before
    /// the understood ones reach the state.
    pub fn receive_decoded(
        &mut self,
        records: Vec<Result<Decoded, Refused>>,
    ) -> Result<Received, StoreError> {
        self.finish_later();
        let mut rejected = Vec::new();
        let mut new: Vec<Decoded> = Vec::new();
        let mut batch: BTreeMap<String, String> = BTreeMap::new();
        for r in records {
            let d = match r {
                Ok(d) => d,
                Err(refused) => {
                    rejected.push(Rejected {
                        id: refused.id,
                        reason: if refused.hash_mismatch {
                            RejectReason::HashMismatch
                        } else {
                            RejectReason::Invalid
                        },
                        detail: refused.reason,
                    });
                    continue;
                }
            };
            let held = self
                .hash_of(d.id())
                .map(str::to_string)
                .or_else(|| batch.get(d.id()).cloned());
            match held {
                Some(h) if h == d.hash() => {}
                Some(_) => rejected.push(Rejected {
                    id: d.id().to_string(),
                    reason: RejectReason::IdClash,
                    detail: RejectReason::IdClash.message(false).into(),
                }),
                None => {
                    batch.insert(d.id().to_string(), d.hash().to_string());
                    new.push(d);
                }
            }
        }
        let ids: Vec<String> = new.iter().map(|d| d.id().to_string()).collect();
        if !new.is_empty() {
            self.note_new_records(ids.iter().map(String::as_str))?;
            let entries: Vec<Entry> = new.iter().map(Entry::from).collect();
            self.store.append(&entries)?;
        }
        let added = new.len();
        let mut known = Vec::new();
        for d in new {
            match d {
                Decoded::Known(e) => known.push(e),
                Decoded::Foreign(f) => self.index_foreign(f),
            }
        }
        self.absorb(&known);
        if added > 0 {
            let _ = self.note_records_stored(ids.iter().map(String::as_str));
        }
        Ok(Received { added, rejected })
    }

    /// Fold in records the caller already stored elsewhere (an import written straight
    /// to IndexedDB): those held already, or twice in `records`, are skipped. Returns
    /// how many were new.
    pub fn adopt_stored(&mut self, records: Vec<Decoded>) -> usize {
        self.finish_later();
        let mut known = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        let mut added = 0;
        for d in records {
            if self.hash_of(d.id()).is_some() || !seen.insert(d.id().to_string()) {
                continue;
            }
            added += 1;
            match d {
                Decoded::Known(e) => known.push(e),
                Decoded::Foreign(f) => self.index_foreign(f),
            }
        }
        self.absorb(&known);
        added
    }

    /// Records held that are not in `known` (e.g. not yet acknowledged by a
    /// server), understood or not, oldest first.
    pub fn unsynced(&self, known: &dyn Fn(&str) -> bool) -> Vec<Held<'_>> {
        let mut out: Vec<Held<'_>> = self.held().filter(|h| !known(h.id())).collect();
        sorting::sort_by(&mut out, |a, b| {
            (a.recorded_at(), a.id()).cmp(&(b.recorded_at(), b.id()))
        });
        out
    }

    /// Fold newly stored events in. `State::evolve` is order-independent (every
    /// accumulator is keyed, every tie broken by event id), so events are applied as
    /// they come, without refolding the log.
    /// Each id is folded once: an event already held is passed over.
    fn absorb(&mut self, events: &[Event]) {
        for e in events {
            if self.index(e.clone()) {
                self.state.evolve(e);
            }
        }
    }

    /// Serialize every record held, understood or not, as a backup file.
    pub fn export(&self, now_ms: i64) -> String {
        let order = self.backup_order();
        let mut out = self.backup_head(now_ms);
        self.push_backup_part(&order, 0, &mut out);
        out.push_str(backup::FILE_TAIL);
        out
    }

    /// The ids of every record held, understood or not, in a backup file's order
    /// (recorded time, then id). Records are never removed, so the ids stay good for
    /// writing the file in parts ([`Ledger::push_backup_part`]) between other work.
    pub fn backup_order(&self) -> Vec<String> {
        let mut held: Vec<Held<'_>> = self.held().collect();
        sorting::sort_by(&mut held, |a, b| {
            (a.recorded_at(), a.id()).cmp(&(b.recorded_at(), b.id()))
        });
        held.iter().map(|h| h.id().to_string()).collect()
    }

    /// A backup file of this device up to its first record.
    pub fn backup_head(&self, now_ms: i64) -> String {
        backup::file_head(&self.device, now_ms)
    }

    /// Append the records `ids` (a slice of [`Ledger::backup_order`] starting at the
    /// file's record number `first`) to a backup file being written.
    pub fn push_backup_part(&self, ids: &[String], first: usize, out: &mut String) {
        for (n, id) in ids.iter().enumerate() {
            if let Some(held) = self.held_record(id) {
                backup::push_record(out, first.saturating_add(n), &held.json());
            }
        }
    }

    /// Check a backup file without changing anything.
    pub fn plan_import(&self, text: &str) -> Result<ImportPlan, RuleViolation> {
        backup::plan_import(text, &|id| self.hash_of(id).map(str::to_string))
    }

    /// Import a backup file: all of it or nothing. Returns (added, skipped).
    ///
    /// The records added are noted in the import journal (`store::journal`), so every
    /// server database this phone syncs offers them too, although they were not
    /// recorded here (see `sync::state`).
    pub fn import(&mut self, text: &str) -> Result<(usize, usize), RecordError> {
        self.finish_later();
        let plan = self.plan_import(text).map_err(RecordError::Rule)?;
        let ids: Vec<String> = plan
            .new_records
            .iter()
            .map(|d| d.id().to_string())
            .collect();
        let added = self
            .receive_decoded(plan.new_records.into_iter().map(Ok).collect())
            .map_err(RecordError::Storage)?
            .added;
        if added > 0 {
            super::journal::append(&mut self.store, &ids).map_err(RecordError::Storage)?;
        }
        Ok((added, plan.skipped))
    }
}

/// The ledger's meta values are its store's (sync metadata lives there too).
impl<S: EventStore> super::Meta for Ledger<S> {
    fn get_meta(&self, key: &str) -> Option<String> {
        self.store.get_meta(key)
    }
    fn set_meta(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.store.set_meta(key, value)
    }
}
