//! W4 state, folded from events. Every accumulator is keyed by event id and every
//! derived answer is computed from the whole set (ties broken by event id), so any
//! order of arrival gives the same state. Cadres and posts keep every version: the
//! live ones are those no other version supersedes; two live versions are a conflict.
//! What keeps a gate open (`gates`), signatures (`signoff`), disclosures
//! (`disclosure`), endings (`ending`) and seats (`seats`) are derived in their own
//! files.

use super::CadreSelectionEvent;
use crate::domain::sorting;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{
    CadreProfile, Ending, Finding, PersonalMatters, Post, Round, SignOff, Step, StepRecord,
    Submission,
};
use crate::domain::event::{hex, Event, EventBody, Role};

/// One recorded step entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepEntry {
    /// Event id.
    pub id: String,
    /// The record (the event's own, shared).
    pub record: Arc<StepRecord>,
    /// Entries this one corrects.
    pub supersedes: Vec<String>,
    /// Why it was corrected.
    pub reason: String,
    /// Who recorded it.
    pub author: String,
    /// Role of the author.
    pub role: Role,
    /// The device it was recorded on.
    pub device: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A disclosure of a cadre's matters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disclosure {
    /// Event id.
    pub id: String,
    /// Cadre id.
    pub cadre: String,
    /// First or second.
    pub round: Round,
    /// Window (working days).
    pub start: NaiveDate,
    /// Last day of the window.
    pub end: NaiveDate,
    /// The nine matters (the event's own, shared).
    pub matters: Arc<PersonalMatters>,
    /// Disclosures it corrects.
    pub supersedes: Vec<String>,
    /// Why it was corrected.
    pub reason: String,
    /// Who recorded it.
    pub author: String,
    /// The device it was recorded on.
    pub device: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A re-check or signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// Event id.
    pub id: String,
    /// Submission node.
    pub node: Submission,
    /// Which link of the chain.
    pub sign: SignOff,
    /// The signer's name.
    pub signer: String,
    /// Who recorded it (the signer, in every record phones accept).
    pub author: String,
    /// The signer's role.
    pub role: Role,
    /// Date signed.
    pub on: NaiveDate,
    /// Digest of the records signed over (empty in old records).
    pub over: String,
    /// Digest of the disclosures (and endings) signed over (empty in old records).
    pub annex: String,
    /// Signatures of the same line it replaces.
    pub supersedes: Vec<String>,
    /// The device it was recorded on.
    pub device: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A submission (初次提交 / 二次提交).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    /// Event id.
    pub id: String,
    /// Which node.
    pub node: Submission,
    /// Date submitted.
    pub on: NaiveDate,
    /// Who submitted.
    pub by: String,
    /// The role it was recorded in.
    pub role: Role,
    /// Digest of the records submitted (empty in old records).
    pub over: String,
    /// Digest of the disclosures (and endings) submitted (empty in old records).
    pub annex: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A case's ending without (further) appointment, or the withdrawal of one
/// (`Ending::Revoked`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    /// Event id.
    pub id: String,
    /// Date ended.
    pub on: NaiveDate,
    /// Why.
    pub ending: Ending,
    /// The reason in words.
    pub reason: String,
    /// Who recorded it.
    pub author: String,
    /// Digest of the step records it saw (empty in old records).
    pub over: String,
    /// Endings it replaces.
    pub supersedes: Vec<String>,
    /// The device it was recorded on.
    pub device: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A complaint received during 任前公示 and its verification, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Complaint {
    /// Event id of the complaint.
    pub id: String,
    /// Cadre complained about.
    pub cadre: String,
    /// Received on.
    pub on: NaiveDate,
    /// Who complained.
    pub complainant: String,
    /// What.
    pub content: String,
    /// Verification: (date, finding, note).
    pub verified: Option<(NaiveDate, Finding, String)>,
}

/// One selection case (选任事项).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Case {
    /// Case id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Posts to fill.
    pub posts: Vec<String>,
    /// Opened on.
    pub opened_on: Option<NaiveDate>,
    /// Who opened it.
    pub opened_by: String,
    /// The opening event's id.
    pub opened_id: String,
    /// Every step entry by event id (corrected ones included).
    pub entries: BTreeMap<String, StepEntry>,
    /// Disclosures by event id (corrected ones included).
    pub disclosures: BTreeMap<String, Disclosure>,
    /// Signatures by event id.
    pub signatures: BTreeMap<String, Signature>,
    /// Submissions by event id.
    pub submissions: BTreeMap<String, Submitted>,
    /// Endings (and their withdrawals) by event id.
    pub endings: BTreeMap<String, Ended>,
    /// What is worked out from the records above, kept until the case changes.
    derived: Derived,
}

/// Answers worked out from a case's records and kept until the case changes
/// (`CadreSelection::with_case` clears them): a county's case list asks for a case's live
/// records once per step and signature, and wasm's SHA-256 is slow.
///
/// Architecture invariant: the fold changes a case's records only through
/// `with_case`, which clears this; a clone starts empty, and two cases compare by their
/// records alone. Each answer also notes how many records it was worked out from
/// ([`Counts`]), and is worked out afresh if the case holds another number (the log
/// only grows), so a record added around `with_case` (the case's fields are public; a
/// test does it) is still seen; one replaced under the same id and count would not be.
#[derive(Default)]
pub(super) struct Derived {
    /// Where each live entry is among `Case::entries` (in their key order), in
    /// [`Case::live`]'s order.
    live: std::cell::OnceCell<(Counts, Vec<usize>)>,
    /// [`Case::digest_through`] of each step, by [`Step::index`].
    digests: [std::cell::OnceCell<(Counts, String)>; Step::ALL.len()],
    /// [`Case::annex_digest`] of 初次提交 and of 二次提交.
    pub(super) annex_digests: [std::cell::OnceCell<(Counts, String)>; 2],
}

/// How many entries, disclosures and endings a case held when an answer was worked out.
pub(super) type Counts = (usize, usize, usize);

impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived::default()
    }
}

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived")
    }
}

pub use crate::domain::versions::{Version, Versions};

/// A version of a cadre or post as `e` recorded it.
fn version<T>(e: &Event, value: T, supersedes: Option<Vec<String>>) -> Version<T> {
    Version::of_event(e, value, supersedes)
}

/// Why something is not complete or needs review: a stable code and the reason in
/// both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// Stable code.
    pub code: &'static str,
    /// Reason (Chinese).
    pub zh: String,
    /// Reason (English).
    pub en: String,
}

/// A `Missing` from its code and both texts.
pub(super) fn missing(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Missing {
    Missing {
        code,
        zh: zh.into(),
        en: en.into(),
    }
}

/// Digest of a set of event ids (sorted first): what a signature, submission or
/// ending saw.
pub(super) fn digest_of<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<&str> = ids.collect();
    sorting::sort(&mut ids);
    hex(&Sha256::digest(ids.join(",").as_bytes()))
}

impl Case {
    /// What is worked out from the case's records and kept.
    pub(super) fn derived(&self) -> &Derived {
        &self.derived
    }

    /// How many records the answers in [`Derived`] are worked out from.
    fn counts(&self) -> Counts {
        let Case {
            entries,
            disclosures,
            endings,
            ..
        } = self;
        (entries.len(), disclosures.len(), endings.len())
    }

    /// The text kept in `kept` if it was worked out from the records the case holds
    /// now, else `work_out`'s (kept if nothing was).
    pub(super) fn kept_text(
        &self,
        kept: &std::cell::OnceCell<(Counts, String)>,
        work_out: impl FnOnce() -> String,
    ) -> String {
        let now = self.counts();
        match kept.get() {
            Some((counts, text)) if *counts == now => text.clone(),
            Some(_) => work_out(),
            None => kept.get_or_init(|| (now, work_out())).1.clone(),
        }
    }

    /// Live entries (not corrected by a later one), ordered by (date, recorded_at, id).
    pub fn live(&self) -> Vec<&StepEntry> {
        let now = self.counts();
        let places = match self.derived.live.get() {
            Some((counts, places)) if *counts == now => places,
            Some(_) => return self.work_out_live(),
            None => {
                &self
                    .derived
                    .live
                    .get_or_init(|| (now, self.live_places()))
                    .1
            }
        };
        let all: Vec<&StepEntry> = self.entries.values().collect();
        places.iter().filter_map(|n| all.get(*n).copied()).collect()
    }

    /// Where each live entry is among the entries (in their key order), in
    /// [`Case::live`]'s order.
    fn live_places(&self) -> Vec<usize> {
        let place: BTreeMap<&str, usize> = (self.entries.keys().enumerate())
            .map(|(n, id)| (id.as_str(), n))
            .collect();
        let live = self.work_out_live();
        live.iter()
            .filter_map(|e| place.get(e.id.as_str()).copied())
            .collect()
    }

    /// [`Case::live`] worked out from the entries.
    fn work_out_live(&self) -> Vec<&StepEntry> {
        let superseded: BTreeSet<&str> = self
            .entries
            .values()
            .flat_map(|e| e.supersedes.iter().map(String::as_str))
            .collect();
        let mut v: Vec<&StepEntry> = self
            .entries
            .values()
            .filter(|e| !superseded.contains(e.id.as_str()))
            .collect();
        sorting::sort_by(&mut v, |a, b| {
            (a.record.on(), a.recorded_at, &a.id).cmp(&(b.record.on(), b.recorded_at, &b.id))
        });
        v
    }

    /// Live records of one step.
    pub fn records(&self, step: Step) -> Vec<&StepEntry> {
        self.live()
            .into_iter()
            .filter(|e| e.record.step() == step)
            .collect()
    }

    /// The furthest step with a live record.
    pub fn reached(&self) -> Option<Step> {
        self.live().iter().map(|e| e.record.step()).max()
    }

    /// Inspection targets of a post, in the order designated.
    pub fn targets(&self, post: &str) -> Vec<String> {
        let mut out = Vec::new();
        for e in self.live() {
            if let StepRecord::Target { post: p, cadre, .. } = &*e.record {
                if p == post && !out.contains(cadre) {
                    out.push(cadre.clone());
                }
            }
        }
        out
    }

    /// Every inspection target of the case, with the date designated (earliest).
    pub fn target_dates(&self) -> BTreeMap<String, NaiveDate> {
        let mut out: BTreeMap<String, NaiveDate> = BTreeMap::new();
        for e in self.live() {
            if let StepRecord::Target { cadre, on, .. } = &*e.record {
                out.entry(cadre.clone()).or_insert(*on);
            }
        }
        out
    }

    /// The proposed appointee per post, from the latest 酝酿 record.
    pub fn proposed(&self) -> BTreeMap<String, String> {
        self.records(Step::Deliberation)
            .into_iter()
            .rev()
            .find_map(|e| match &*e.record {
                StepRecord::Deliberation { proposed, .. } => Some(proposed.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The first passing vote for each cadre: cadre → (post, date). A vote whose
    /// counts are impossible (`StepRecord::counts_impossible`) is not used.
    pub fn decided(&self) -> BTreeMap<String, (String, NaiveDate)> {
        let mut out = BTreeMap::new();
        for e in self.live() {
            if let StepRecord::Vote {
                post,
                cadre,
                on,
                passed: true,
                ..
            } = &*e.record
            {
                if !e.record.counts_impossible() {
                    out.entry(cadre.clone()).or_insert((post.clone(), *on));
                }
            }
        }
        out
    }

    /// Date of the decision: the day the last post got its passing vote.
    pub fn decision_date(&self) -> Option<NaiveDate> {
        let decided = self.decided();
        let proposed = self.proposed();
        let mut last = None;
        for post in &self.posts {
            let cadre = proposed.get(post)?;
            let (p, on) = decided.get(cadre)?;
            if p != post {
                return None;
            }
            last = last.max(Some(*on));
        }
        last
    }

    /// The publicity window, once opened: (start, end).
    pub fn publicity(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.records(Step::Publicity)
            .into_iter()
            .rev()
            .find_map(|e| match &*e.record {
                StepRecord::PublicityOpened { on, end, .. } => Some((*on, *end)),
                _ => None,
            })
    }

    /// Complaints received during publicity, with their verification.
    pub fn complaints(&self) -> Vec<Complaint> {
        let live = self.live();
        let mut out: Vec<Complaint> = live
            .iter()
            .filter_map(|e| match &*e.record {
                StepRecord::Complaint {
                    on,
                    cadre,
                    complainant,
                    content,
                } => Some(Complaint {
                    id: e.id.clone(),
                    cadre: cadre.clone(),
                    on: *on,
                    complainant: complainant.clone(),
                    content: content.clone(),
                    verified: None,
                }),
                _ => None,
            })
            .collect();
        for e in &live {
            if let StepRecord::ComplaintVerified {
                on,
                complaint,
                finding,
                note,
            } = &*e.record
            {
                if let Some(c) = out.iter_mut().find(|c| &c.id == complaint) {
                    if c.verified.is_none() {
                        c.verified = Some((*on, *finding, note.clone()));
                    }
                }
            }
        }
        out
    }

    /// Appointments: cadre → (post, date).
    pub fn appointed(&self) -> BTreeMap<String, (String, NaiveDate)> {
        let mut out = BTreeMap::new();
        for e in self.live() {
            if let StepRecord::Appointment {
                post, cadre, on, ..
            } = &*e.record
            {
                out.entry(cadre.clone()).or_insert((post.clone(), *on));
            }
        }
        out
    }

    /// Digest of the live records a node covers (任职资格 … its last step): what a
    /// signature or submission is over. Any correction or new record changes it.
    pub fn digest(&self, node: Submission) -> String {
        self.digest_through(node.last_step())
    }

    /// Digest of every live step record (all ten steps): what an ending saw.
    pub fn digest_all(&self) -> String {
        self.digest_through(Step::Probation)
    }

    fn digest_through(&self, last: Step) -> String {
        let work_out = || {
            let live = self.live();
            digest_of(
                live.into_iter()
                    .filter(|e| e.record.step() <= last)
                    .map(|e| e.id.as_str()),
            )
        };
        match self.derived.digests.get(last.index()) {
            Some(kept) => self.kept_text(kept, work_out),
            None => work_out(),
        }
    }

    /// Whether something recorded at `recorded_at` with digest `over` saw the live
    /// step records through `last` as they stand. Old records carry no digest: they
    /// saw every record recorded before them.
    pub(super) fn saw_steps(&self, last: Step, over: &str, recorded_at: i64) -> bool {
        if over.is_empty() {
            self.live()
                .iter()
                .filter(|e| e.record.step() <= last)
                .all(|e| e.recorded_at <= recorded_at)
        } else {
            over == self.digest_through(last)
        }
    }

    /// Cadres whose probation ended without 转正.
    pub fn not_confirmed(&self) -> BTreeSet<String> {
        self.live()
            .into_iter()
            .filter_map(|e| match &*e.record {
                StepRecord::ProbationEnded {
                    cadre,
                    confirmed: false,
                    ..
                } => Some(cadre.clone()),
                _ => None,
            })
            .collect()
    }

    /// Names of everyone who recorded a step of this case.
    pub fn recorders(&self) -> BTreeSet<&str> {
        self.entries.values().map(|e| e.author.as_str()).collect()
    }

    /// Whether `name` (as a person: spaces ignored) recorded a step of this case up
    /// to `last` (corrected records included): one of the recorders the re-check of
    /// those records must be done by someone other than.
    pub fn recorded_by(&self, name: &str, last: Step) -> bool {
        let me = super::person(name);
        let same = |author: &str| {
            author
                .split_whitespace()
                .flat_map(str::chars)
                .eq(me.chars())
        };
        self.entries
            .values()
            .any(|e| e.record.step() <= last && same(&e.author))
    }

    /// Whether a nomination of `cadre` for `post` exists.
    pub fn nominated(&self, post: &str, cadre: &str) -> bool {
        self.live().iter().any(|e| {
            matches!(&*e.record, StepRecord::Nomination { post: p, cadre: c, .. }
                if p == post && c == cadre)
        })
    }
}

/// All cadre-selection (W4) data: the cadre pool, posts and cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CadreSelection {
    /// Cadres by id: every version of the profile.
    pub cadres: BTreeMap<String, Versions<Arc<CadreProfile>>>,
    /// Posts by id: every version.
    pub posts: BTreeMap<String, Versions<Post>>,
    /// Cases by id.
    pub cases: BTreeMap<String, Case>,
    /// By post, the cases holding any appointment to it (in force or not): the cases a
    /// post's seats are counted over (`seats`), so counting one post needn't walk
    /// every case.
    pub appointing: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// By post, the cadres some version of whose profile names it (`seats`), so
    /// counting one post's holders needn't walk every cadre of the county.
    pub naming: BTreeMap<String, std::collections::BTreeSet<String>>,
}

impl CadreSelection {
    /// A cadre's profile in force.
    pub fn cadre(&self, id: &str) -> Option<&CadreProfile> {
        self.cadres
            .get(id)
            .and_then(Versions::current)
            .map(|p| &**p)
    }

    /// A post in force.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.get(id).and_then(Versions::current)
    }

    /// A cadre's name as people read it (the id only when no profile exists).
    pub fn cadre_name(&self, id: &str) -> String {
        self.cadre(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// A post as people read it: unit and title (the id only when unknown).
    pub fn post_name(&self, id: &str) -> String {
        self.post(id)
            .map(|p| format!("{}{}", p.unit, p.title))
            .unwrap_or_else(|| id.to_string())
    }

    /// Every cadre with the profile in force, by id.
    pub fn cadre_list(&self) -> impl Iterator<Item = (&String, &CadreProfile)> {
        self.cadres
            .iter()
            .filter_map(|(id, v)| v.current().map(|p| (id, &**p)))
    }

    /// Every post in force, by id.
    pub fn post_list(&self) -> impl Iterator<Item = &Post> {
        self.posts.values().filter_map(Versions::current)
    }

    /// Change the case `case` (opened here if it is new; its derived values are worked
    /// out again). A case already held costs no copy of its id: this runs for every
    /// record of a case while the log is folded.
    fn with_case(&mut self, case: &str, change: impl FnOnce(&mut Case)) {
        if let Some(c) = self.cases.get_mut(case) {
            debug_assert_eq!(c.id, case, "a case is held under its own id");
            c.derived = Derived::default();
            return change(c);
        }
        let c = self.cases.entry(case.to_string()).or_default();
        c.id = case.to_string();
        change(c)
    }

    /// Apply one W4 event.
    pub fn evolve(&mut self, e: &Event) {
        match &e.body {
            EventBody::CadreSelection(CadreSelectionEvent::CadreRecorded {
                cadre,
                profile,
                supersedes,
            }) => {
                for position in &profile.positions {
                    let named = self.naming.entry(position.post.clone()).or_default();
                    named.insert(cadre.clone());
                }
                let v = version(e, profile.clone(), supersedes.clone());
                self.cadres.entry(cadre.clone()).or_default().add(v)
            }
            EventBody::CadreSelection(CadreSelectionEvent::PostRecorded { .. }) => self.add_post(e),
            EventBody::CadreSelection(CadreSelectionEvent::CaseOpened { .. }) => self.open_case(e),
            EventBody::CadreSelection(CadreSelectionEvent::StepRecorded { .. }) => self.add_step(e),
            EventBody::CadreSelection(CadreSelectionEvent::Disclosed { .. }) => {
                self.add_disclosure(e)
            }
            EventBody::CadreSelection(CadreSelectionEvent::Signed { .. }) => self.add_signature(e),
            EventBody::CadreSelection(CadreSelectionEvent::Submitted { .. }) => {
                self.add_submission(e)
            }
            EventBody::CadreSelection(CadreSelectionEvent::CaseEnded { .. }) => self.add_ending(e),
            _ => {}
        }
    }

    fn add_post(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::PostRecorded {
            post,
            unit,
            title,
            quota,
            supersedes,
        }) = &e.body
        else {
            return;
        };
        let value = Post {
            id: post.clone(),
            unit: unit.clone(),
            title: title.clone(),
            quota: *quota,
        };
        self.posts
            .entry(post.clone())
            .or_default()
            .add(version(e, value, supersedes.clone()));
    }

    /// Two concurrent openings of one id: the earliest by (date, id) stands.
    fn open_case(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::CaseOpened {
            case,
            title,
            posts,
            opened_on,
        }) = &e.body
        else {
            return;
        };
        self.with_case(case, |c| {
            if c.opened_on.is_none()
                || Some((*opened_on, e.id.as_str()))
                    < c.opened_on.map(|o| (o, c.opened_id.as_str()))
            {
                c.opened_id = e.id.clone();
                c.title = title.clone();
                c.posts = posts.clone();
                c.opened_on = Some(*opened_on);
                c.opened_by = e.author.clone();
            }
        })
    }

    fn add_step(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::StepRecorded {
            case,
            record,
            supersedes,
            reason,
        }) = &e.body
        else {
            return;
        };
        if let StepRecord::Appointment { post, .. } = &**record {
            let cases = self.appointing.entry(post.clone()).or_default();
            cases.insert(case.clone());
        }
        self.with_case(case, |c| {
            c.entries.insert(
                e.id.clone(),
                StepEntry {
                    id: e.id.clone(),
                    record: record.clone(),
                    supersedes: supersedes.clone(),
                    reason: reason.clone(),
                    author: e.author.clone(),
                    role: e.role,
                    device: e.device.clone(),
                    recorded_at: e.recorded_at,
                },
            );
        });
    }

    fn add_disclosure(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::Disclosed {
            case,
            cadre,
            round,
            start,
            end,
            matters,
            supersedes,
            reason,
        }) = &e.body
        else {
            return;
        };
        self.with_case(case, |c| {
            c.disclosures.insert(
                e.id.clone(),
                Disclosure {
                    id: e.id.clone(),
                    cadre: cadre.clone(),
                    round: *round,
                    start: *start,
                    end: *end,
                    matters: matters.clone(),
                    supersedes: supersedes.clone(),
                    reason: reason.clone(),
                    author: e.author.clone(),
                    device: e.device.clone(),
                    recorded_at: e.recorded_at,
                },
            );
        });
    }

    fn add_signature(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::Signed {
            case,
            node,
            sign,
            signer,
            on,
            over,
            annex,
            supersedes,
        }) = &e.body
        else {
            return;
        };
        self.with_case(case, |c| {
            c.signatures.insert(
                e.id.clone(),
                Signature {
                    id: e.id.clone(),
                    node: *node,
                    sign: *sign,
                    signer: signer.clone(),
                    author: e.author.clone(),
                    role: e.role,
                    on: *on,
                    over: over.clone(),
                    annex: annex.clone(),
                    supersedes: supersedes.clone(),
                    device: e.device.clone(),
                    recorded_at: e.recorded_at,
                },
            );
        });
    }

    fn add_submission(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::Submitted {
            case,
            node,
            on,
            over,
            annex,
        }) = &e.body
        else {
            return;
        };
        self.with_case(case, |c| {
            c.submissions.insert(
                e.id.clone(),
                Submitted {
                    id: e.id.clone(),
                    node: *node,
                    on: *on,
                    by: e.author.clone(),
                    role: e.role,
                    over: over.clone(),
                    annex: annex.clone(),
                    recorded_at: e.recorded_at,
                },
            );
        });
    }

    fn add_ending(&mut self, e: &Event) {
        let EventBody::CadreSelection(CadreSelectionEvent::CaseEnded {
            case,
            on,
            ending,
            reason,
            over,
            supersedes,
        }) = &e.body
        else {
            return;
        };
        self.with_case(case, |c| {
            c.endings.insert(
                e.id.clone(),
                Ended {
                    id: e.id.clone(),
                    on: *on,
                    ending: *ending,
                    reason: reason.clone(),
                    author: e.author.clone(),
                    over: over.clone(),
                    supersedes: supersedes.clone(),
                    device: e.device.clone(),
                    recorded_at: e.recorded_at,
                },
            );
        });
    }
}

impl crate::domain::state::WorkflowState for CadreSelection {
    /// Reads no master data: its fold stands alone (`CadreSelectionEvent::FOLDS_LATER`).
    fn evolve(&mut self, _master: &crate::domain::master::Master, e: &Event) {
        CadreSelection::evolve(self, e);
    }
}
