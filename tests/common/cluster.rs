//! A county's server for sync tests: one in-memory CouchDB database per scope
//! (common, 乌力吉木仁苏木's village pay, cadre records, personal matters), and a phone
//! that syncs every database, each with its own sync state, the way the app does.
#![allow(dead_code)]

use std::collections::BTreeMap;

use jishi::domain::access::Scope;
use jishi::sync::{
    block_on, Config, Faults, MemoryRemote, Remote, Replicator, Snapshot, Summary, SyncError,
    SyncState, UserCtx,
};

use super::{Device, TOWNSHIP};

/// The county prefix of the test databases.
pub const PREFIX: &str = "mem";
/// The server the phones' sync states belong to.
pub const SERVER: &str = "mem://county";

/// Every database of the test county.
pub fn scopes() -> Vec<Scope> {
    vec![
        Scope::Common,
        Scope::Township(TOWNSHIP.into()),
        Scope::Cadre,
        Scope::Personal,
        Scope::Performance,
        Scope::Audit,
    ]
}

/// One in-memory database per scope.
pub struct Cluster {
    dbs: BTreeMap<Scope, MemoryRemote>,
}

impl Cluster {
    /// Empty databases; `seed` drives their faults. The server's clock reads
    /// 2027-06-01 (the fixtures record 2026 and early 2027).
    pub fn new(seed: u64) -> Cluster {
        let now = super::beijing_ms(super::d(2027, 6, 1));
        let dbs = scopes()
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let db = MemoryRemote::new(seed.wrapping_mul(31) ^ i as u64);
                db.set_now(Some(now));
                (s, db)
            })
            .collect();
        Cluster { dbs }
    }

    /// The database of `scope`.
    pub fn db(&self, scope: &Scope) -> &MemoryRemote {
        &self.dbs[scope]
    }

    /// The village-pay database of 乌力吉木仁苏木.
    pub fn township(&self) -> &MemoryRemote {
        self.db(&Scope::Township(TOWNSHIP.into()))
    }

    /// The common database (master data, policy).
    pub fn common(&self) -> &MemoryRemote {
        self.db(&Scope::Common)
    }

    /// Every document id on the server, sorted.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.dbs.values().flat_map(MemoryRemote::ids).collect();
        ids.sort();
        ids
    }

    /// `_changes` rows from the start, all databases.
    pub fn feed_len(&self) -> usize {
        self.dbs.values().map(|d| d.feed_ids().len()).sum()
    }

    /// Requests served so far, all databases.
    pub fn requests(&self) -> usize {
        self.dbs.values().map(MemoryRemote::requests).sum()
    }

    /// The same faults on every database.
    pub fn set_faults(&self, faults: Faults) {
        for d in self.dbs.values() {
            d.set_faults(faults.clone());
        }
    }

    /// A backup of every database.
    pub fn snapshot(&self) -> BTreeMap<Scope, Snapshot> {
        self.dbs
            .iter()
            .map(|(s, d)| (s.clone(), d.snapshot()))
            .collect()
    }

    /// Run the server's rules (`sync::validate`, as the generated design document
    /// does) for requests of `user` on every database; `None`: accept anything.
    pub fn login(&self, user: Option<&UserCtx>) {
        for (scope, db) in &self.dbs {
            db.set_rules(user.map(|u| (scope.clone(), u.clone())));
        }
    }

    /// Restore every database from a backup.
    pub fn restore(&self, backup: &BTreeMap<Scope, Snapshot>) {
        for (s, snap) in backup {
            self.dbs[s].restore(snap);
        }
    }
}

/// A phone that syncs with a [`Cluster`].
pub struct SyncPhone {
    /// The phone.
    pub device: Device,
    /// Its sync state per database.
    pub states: BTreeMap<Scope, SyncState>,
    /// The server user it logs in as, if the server checks users.
    pub user: Option<UserCtx>,
}

impl SyncPhone {
    /// A phone with an empty log.
    pub fn new(name: &str) -> SyncPhone {
        SyncPhone::with_device(Device::new(name))
    }

    /// Sync an existing phone.
    pub fn with_device(device: Device) -> SyncPhone {
        let mut phone = SyncPhone {
            device,
            states: BTreeMap::new(),
            user: None,
        };
        phone.reload_states(SERVER);
        phone
    }

    /// Load the sync states for `server` from the phone's storage (as a restart does).
    pub fn reload_states(&mut self, server: &str) {
        let store = self.device.ledger.store();
        self.states = scopes()
            .into_iter()
            .map(|s| {
                let state = SyncState::load(store, server, &s.database(PREFIX));
                (s, state)
            })
            .collect();
    }

    /// The sync state of one database.
    pub fn state(&self, scope: &Scope) -> &SyncState {
        &self.states[scope]
    }

    /// One pass over every database with default limits.
    pub fn sync(&mut self, cluster: &Cluster) -> Result<Summary, SyncError> {
        self.sync_with(cluster, Config::default())
    }

    /// One pass over every database.
    pub fn sync_with(&mut self, cluster: &Cluster, config: Config) -> Result<Summary, SyncError> {
        self.sync_via(cluster, config, |db| db)
    }

    /// One pass over every database, each reached through `wrap` (a recording or
    /// misbehaving server in front of it). Like the app, a failure in one database
    /// does not stop the others; the first error is returned.
    pub fn sync_via<'c, R: Remote + 'c>(
        &mut self,
        cluster: &'c Cluster,
        config: Config,
        wrap: impl Fn(&'c MemoryRemote) -> R,
    ) -> Result<Summary, SyncError> {
        let mut total = Summary::default();
        let mut first_error = None;
        let mut config = config;
        if let Some(user) = &self.user {
            cluster.login(Some(user));
            config.author = user.sends_only();
        }
        for scope in scopes() {
            let remote = wrap(cluster.db(&scope));
            let r = Replicator::new(&remote, config.clone());
            let state = self.states.get_mut(&scope).expect("a state per scope");
            match block_on(r.sync(&mut self.device.ledger, state, &scope, &mut |_| {})) {
                Ok(s) => total.add(s),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(total),
        }
    }

    /// Records not yet on the server, all databases.
    pub fn waiting(&self) -> usize {
        self.states
            .iter()
            .map(|(scope, st)| {
                jishi::sync::replicator::unsent(&self.device.ledger, st, scope).len()
            })
            .sum()
    }

    /// Every id held, sorted.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self
            .device
            .ledger
            .held()
            .map(|h| h.id().to_string())
            .collect();
        ids.sort();
        ids
    }

    /// Tamper alarms, all databases.
    pub fn alarms(&self) -> Vec<jishi::sync::TamperAlarm> {
        self.states
            .values()
            .flat_map(|s| s.alarms.clone())
            .collect()
    }

    /// Quarantined remote docs, all databases.
    pub fn quarantine(&self) -> Vec<jishi::sync::RemoteQuarantined> {
        self.states
            .values()
            .flat_map(|s| s.quarantine.clone())
            .collect()
    }
}
