//! The app context: the ledger, a revision signal that changes after every write,
//! the language, the current user and connectivity. Components read domain state
//! through it; they never hold a rule.

use leptos::prelude::*;

use crate::domain::event::Role;
use crate::domain::state::{Actor, State};
use crate::domain::time::beijing_date;
use crate::domain::Event;
use crate::store::local::LocalStore;
use crate::store::{EventStore, Ledger, MemoryStore, RecordError, StoreError};

/// A store chosen at start: the browser's, or memory if the browser refuses.
pub type AnyStore = Box<dyn EventStore>;

/// The person using this device (recorded as author of every event).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
}

/// Shared handles for every component (all `Copy`).
#[derive(Clone, Copy)]
pub struct Ctx {
    ledger: StoredValue<Ledger<AnyStore>, LocalStorage>,
    /// Bumped after every change of the log.
    pub rev: RwSignal<u64>,
    /// Chinese UI (default) or English.
    pub zh: RwSignal<bool>,
    /// Who is using the device; None until the first-start form is done.
    pub user: RwSignal<Option<User>>,
    /// The townships the logged-in server user is a member of (empty while not known).
    pub townships: RwSignal<Vec<String>>,
    /// Browser online status.
    pub online: RwSignal<bool>,
    /// A problem with local storage itself, shown in a banner.
    pub storage_problem: RwSignal<Option<StoreError>>,
    /// The year chosen on the home page, as typed (kept across pages and user switches).
    pub home_year: RwSignal<String>,
}

/// Current time, UTC milliseconds.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Today's Beijing date.
pub fn today() -> chrono::NaiveDate {
    beijing_date(now_ms())
}

/// Today's Beijing date as `YYYY-MM-DD` (the value of a date input).
pub fn today_iso() -> String {
    today().to_string()
}

/// 64 random bits from the browser's CSPRNG (falls back to Math.random).
pub fn random_u64() -> u64 {
    let mut buf = [0u8; 8];
    let ok = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut buf).is_ok())
        .unwrap_or(false);
    if ok {
        u64::from_le_bytes(buf)
    } else {
        ((js_sys::Math::random() * 4294967296.0) as u64) << 32
            | (js_sys::Math::random() * 4294967296.0) as u64
    }
}

impl Ctx {
    /// Open the browser store (or memory, with a banner, if it is unavailable),
    /// load the log and provide the context.
    pub fn init() -> Ctx {
        let (store, problem): (AnyStore, Option<StoreError>) = match LocalStore::open() {
            Ok(s) => (Box::new(s), None),
            Err(e) => (Box::new(MemoryStore::default()), Some(e)),
        };
        let mut device = store.get_meta("device");
        let mut store = store;
        if device.is_none() {
            let id = format!("d{:016x}", random_u64());
            let _ = store.set_meta("device", &id);
            device = Some(id);
        }
        let user = store.get_meta("user").and_then(|u| {
            let (role, name) = u.split_once(':')?;
            Some(User {
                name: name.to_string(),
                role: Role::from_key(role)?,
            })
        });
        let zh = store.get_meta("lang").as_deref() != Some("en");
        let ledger = Ledger::open(store, &device.unwrap_or_default());
        let online = web_sys::window()
            .map(|w| w.navigator().on_line())
            .unwrap_or(true);
        let ctx = Ctx {
            ledger: StoredValue::new_local(ledger),
            rev: RwSignal::new(0),
            zh: RwSignal::new(zh),
            user: RwSignal::new(user),
            townships: RwSignal::new(Vec::new()),
            online: RwSignal::new(online),
            storage_problem: RwSignal::new(problem),
            home_year: RwSignal::new(chrono::Datelike::year(&today()).to_string()),
        };
        provide_context(ctx);
        ctx
    }

    /// Pick text by the current language. Not reactive: the app root re-renders
    /// everything when the language changes, so text needs no closure of its own.
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        if self.zh.get_untracked() {
            zh
        } else {
            en
        }
    }

    /// Whether the UI is in Chinese (not reactive, like [`Ctx::t`]).
    pub fn is_zh(&self) -> bool {
        self.zh.get_untracked()
    }

    /// Switch language and remember it on this device.
    pub fn set_zh(&self, zh: bool) {
        self.zh.set(zh);
        self.ledger.update_value(|l| {
            let _ = l.store_mut().set_meta("lang", if zh { "zh" } else { "en" });
        });
    }

    /// Read the derived state (reactive: reruns after every write).
    pub fn with_state<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.rev.track();
        self.ledger.with_value(|l| f(l.state()))
    }

    /// Read the derived state without subscribing (event handlers, the sync driver).
    pub fn with_state_untracked<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        self.ledger.with_value(|l| f(l.state()))
    }

    /// Read the ledger without subscribing, for one synchronous call.
    pub fn ledger_untracked<R>(&self, f: impl FnOnce(&Ledger<AnyStore>) -> R) -> R {
        self.ledger.with_value(f)
    }

    /// Change the ledger for one synchronous call (never held across an `await`);
    /// `None` once the app is gone.
    pub fn ledger_mut<R>(&self, f: impl FnOnce(&mut Ledger<AnyStore>) -> R) -> Option<R> {
        self.ledger.try_update_value(f)
    }

    /// Read the ledger (reactive).
    pub fn with_ledger<R>(&self, f: impl FnOnce(&Ledger<AnyStore>) -> R) -> R {
        self.rev.track();
        self.ledger.with_value(f)
    }

    /// The acting user with today's date.
    pub fn actor(&self) -> Option<Actor> {
        self.user.get_untracked().map(|u| Actor {
            name: u.name,
            role: u.role,
            today: today(),
            townships: self.townships.get_untracked(),
        })
    }

    /// Record a command as the current user. On success the state updates; on
    /// failure nothing was stored and the error says why.
    pub fn record(
        &self,
        cmd: impl Into<crate::domain::command::Command>,
    ) -> Result<Vec<Event>, RecordError> {
        let actor = self.actor().ok_or_else(|| {
            RecordError::Rule(crate::domain::RuleViolation::new(
                "auth.no_user",
                "请先登记使用人",
                "Say who is using this device first",
            ))
        })?;
        let mut random = random_u64;
        let result = self
            .ledger
            .try_update_value(|l| l.record(cmd, &actor, now_ms(), &mut random));
        let result = result.unwrap_or_else(|| {
            Err(RecordError::Storage(StoreError::Unavailable(
                "ledger gone".into(),
            )))
        });
        match &result {
            Ok(_) => {
                self.storage_problem.set(None);
                self.rev.update(|r| *r += 1);
            }
            Err(RecordError::Storage(e)) => self.storage_problem.set(Some(e.clone())),
            Err(_) => {}
        }
        result
    }

    /// Import a backup file: (added, skipped) or why nothing was added.
    pub fn import(&self, text: &str) -> Result<(usize, usize), RecordError> {
        let r = self
            .ledger
            .try_update_value(|l| l.import(text))
            .unwrap_or(Ok((0, 0)));
        match r {
            Ok(counts) => {
                self.storage_problem.set(None);
                self.rev.update(|r| *r += 1);
                Ok(counts)
            }
            Err(RecordError::Storage(e)) => {
                self.storage_problem.set(Some(e.clone()));
                Err(RecordError::Rule(e.import_violation()))
            }
            Err(e) => Err(e),
        }
    }

    /// The backup file text.
    pub fn export(&self) -> String {
        self.ledger.with_value(|l| l.export(now_ms()))
    }

    /// This device's id (recorded in every event).
    pub fn device(&self) -> String {
        self.ledger.with_value(|l| l.device().to_string())
    }

    /// Read a small named value of this device (not reactive).
    pub fn meta(&self, key: &str) -> Option<String> {
        self.ledger.with_value(|l| l.store().get_meta(key))
    }

    /// Write a small named value of this device.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.ledger
            .try_update_value(|l| l.store_mut().set_meta(key, value))
            .unwrap_or(Ok(()))
    }

    /// Save who is using the device.
    pub fn set_user(&self, user: User) -> Result<(), StoreError> {
        let value = format!("{}:{}", user.role.key(), user.name);
        let r = self
            .ledger
            .try_update_value(|l| l.store_mut().set_meta("user", &value))
            .unwrap_or(Ok(()));
        if r.is_ok() {
            self.user.set(Some(user));
        }
        r
    }
}

/// The context provided by [`Ctx::init`].
pub fn use_ctx() -> Ctx {
    expect_context::<Ctx>()
}
