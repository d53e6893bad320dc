//! Recording a command: `decide` and every workflow's rules, in a chunk of their own
//! (`chunks::recorder`), fetched while the log is read at start, so the first screen
//! doesn't wait for them.
//!
//! Architecture invariant: the app records only through [`Recorder`] (`Ctx::record`); a
//! form sent before the chunk is here waits for it ([`when_ready`]) instead of failing.

use std::cell::{Cell, RefCell};

use crate::domain::command::Command;
use crate::domain::event::Event;
use crate::domain::state::Actor;
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
pub fn when_ready(then: impl FnOnce(bool) + 'static) {
    if ready().is_some() {
        return then(true);
    }
    WAITING.with(|w| w.borrow_mut().push(Box::new(then)));
    load();
}
