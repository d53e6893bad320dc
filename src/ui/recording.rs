//! Recording a command: `decide` and every workflow's rules, in the start chunk
//! (`chunks::recorder`, from `chunks::start_parts`), fetched as the app starts, so the
//! first load doesn't hold them.
//!
//! Architecture invariant: the app records only through [`Recorder`] (`Ctx::record`); a
//! form sent before the chunk is here waits for it ([`send_when_ready`], one at a time)
//! instead of failing, and is recorded once it comes.

use std::cell::{Cell, RefCell};

use crate::domain::command::Command;
use crate::domain::event::Event;
use crate::domain::state::Actor;
use crate::domain::RuleViolation;
use crate::store::{Ledger, RecordError};

use super::ctx::AnyStore;

/// Records one command into the ledger (`Ledger::record`, from the chunk).
pub type Recorder = fn(
    &mut Ledger<AnyStore>,
    Command,
    &Actor,
    i64,
    &mut dyn FnMut() -> u64,
) -> Result<Vec<Event>, RecordError>;

/// What waits for the recorder, told whether it came.
type Waiter = Box<dyn FnOnce(bool)>;

thread_local! {
    /// The recorder, once its chunk is here.
    static LOADED: Cell<Option<Recorder>> = const { Cell::new(None) };
    /// A load under way (a second caller waits for it rather than starting another).
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// What waits for the chunk, run once it is here (or could not be fetched).
    static WAITING: RefCell<Vec<Waiter>> = const { RefCell::new(Vec::new()) };
}

/// The recorder, if its chunk is here.
pub fn ready() -> Option<Recorder> {
    LOADED.with(Cell::get)
}

/// Fetch the chunk (once; again after a failure) without waiting for it.
pub fn load() {
    if ready().is_some() || LOADING.with(|l| l.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async {
        let loaded = super::chunks::recorder().await.ok();
        LOADED.with(|l| l.set(loaded));
        LOADING.with(|l| l.set(false));
        let waiting = WAITING.with(|w| std::mem::take(&mut *w.borrow_mut()));
        for then in waiting {
            then(loaded.is_some());
        }
    });
}

/// Run `then` once the recorder is here (at once if it is), told whether it came.
fn when_ready(then: impl FnOnce(bool) + 'static) {
    if ready().is_some() {
        return then(true);
    }
    WAITING.with(|w| w.borrow_mut().push(Box::new(then)));
    load();
}

/// How sending a form went while the recorder was not here yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    /// Sent now (the recorder was here).
    Sent,
    /// Waiting for the recorder: sent once it comes.
    Waiting,
    /// Another form's send is already waiting: this one was not queued (one at a time,
    /// so a second tap never records the same thing twice).
    Busy,
}

thread_local! {
    /// A send is waiting for the recorder.
    static SEND_WAITING: Cell<bool> = const { Cell::new(false) };
}

/// Run `send` once the recorder is here (at once if it is), told whether it came: a
/// form's send, one waiting at a time. It runs even if its form was drawn anew or its
/// page left meanwhile: what was sent is recorded, as if the recorder had been here.
pub fn send_when_ready(send: impl FnOnce(bool) + 'static) -> Queued {
    if ready().is_some() {
        send(true);
        return Queued::Sent;
    }
    if SEND_WAITING.with(|w| w.replace(true)) {
        return Queued::Busy;
    }
    when_ready(move |came| {
        SEND_WAITING.with(|w| w.set(false));
        send(came);
    });
    Queued::Waiting
}

/// Why nothing was recorded when the recorder could not be fetched.
pub fn not_loaded() -> RuleViolation {
    RuleViolation::new(
        "app.not_loaded",
        "录入功能未能载入，未保存。请检查网络后再提交",
        "Recording could not be loaded: nothing was saved. Check the connection and submit again",
    )
}

/// Why a form was not sent while another waits for the recorder.
pub fn busy() -> RuleViolation {
    RuleViolation::new(
        "app.recording_busy",
        "上一项正在等待录入功能载入，请稍候再提交",
        "The last entry is waiting for recording to load; submit again in a moment",
    )
}
