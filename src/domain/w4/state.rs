//! W4 state, folded from events. Every accumulator is keyed by event id and every
//! derived answer is computed from the whole set (ties broken by event id), so any
//! order of arrival gives the same state. Cadres and posts keep every version: the
//! live ones are those no other version supersedes; two live versions are a conflict.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use super::{
    CadreProfile, CheckKind, Ending, Finding, PersonalMatters, Post, Round, SignOff, Step,
    StepRecord, Submission,
};
use crate::domain::event::{hex, Event, EventBody, Role};
use crate::domain::policy::W4Policy;

/// One recorded step entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepEntry {
    /// Event id.
    pub id: String,
    /// The record.
    pub record: StepRecord,
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
    /// The nine matters.
    pub matters: PersonalMatters,
    /// Who recorded it.
    pub author: String,
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
    /// The signer's role.
    pub role: Role,
    /// Date signed.
    pub on: NaiveDate,
    /// Digest of the records signed over (empty in old records).
    pub over: String,
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
    /// Digest of the records submitted (empty in old records).
    pub over: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// A case's ending without (further) appointment.
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
    /// Disclosures by event id.
    pub disclosures: BTreeMap<String, Disclosure>,
    /// Signatures by event id.
    pub signatures: BTreeMap<String, Signature>,
    /// Submissions by event id.
    pub submissions: BTreeMap<String, Submitted>,
    /// Endings by event id (normally none or one).
    pub endings: BTreeMap<String, Ended>,
}

/// One version of a cadre's profile or a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version<T> {
    /// Event id.
    pub id: String,
    /// The content.
    pub value: T,
    /// The versions it replaces (`None`: every version recorded before it).
    pub supersedes: Option<Vec<String>>,
    /// Who recorded it.
    pub author: String,
    /// The device it was recorded on.
    pub device: String,
    /// UTC ms.
    pub recorded_at: i64,
}

/// Every version of one cadre or post, by event id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Versions<T> {
    /// All versions by event id.
    pub all: BTreeMap<String, Version<T>>,
}

impl<T> Default for Versions<T> {
    fn default() -> Self {
        Versions {
            all: BTreeMap::new(),
        }
    }
}

impl<T> Versions<T> {
    /// Versions no other version replaces, oldest first by (recorded_at, id).
    pub fn live(&self) -> Vec<&Version<T>> {
        let named: BTreeSet<&str> = self
            .all
            .values()
            .filter_map(|v| v.supersedes.as_ref())
            .flatten()
            .map(String::as_str)
            .collect();
        // An old record (no list) replaces every version recorded before it.
        let legacy = self
            .all
            .values()
            .filter(|v| v.supersedes.is_none())
            .map(|v| (v.recorded_at, v.id.as_str()))
            .max();
        let mut out: Vec<&Version<T>> = self
            .all
            .values()
            .filter(|v| {
                !named.contains(v.id.as_str())
                    && legacy.is_none_or(|l| (v.recorded_at, v.id.as_str()) >= l)
            })
            .collect();
        out.sort_by(|a, b| (a.recorded_at, &a.id).cmp(&(b.recorded_at, &b.id)));
        out
    }

    /// The content in force: the latest live version (a conflict is flagged apart).
    pub fn current(&self) -> Option<&T> {
        self.live().last().map(|v| &v.value)
    }

    /// Whether two or more versions are live (recorded without seeing each other).
    pub fn conflicted(&self) -> bool {
        self.live().len() > 1
    }

    fn add(&mut self, e: &Event, value: T, supersedes: Option<Vec<String>>) {
        self.all.insert(
            e.id.clone(),
            Version {
                id: e.id.clone(),
                value,
                supersedes,
                author: e.author.clone(),
                device: e.device.clone(),
                recorded_at: e.recorded_at,
            },
        );
    }
}

/// What keeps a step from being complete: a stable code and the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    /// Stable code.
    pub code: &'static str,
    /// Reason (Chinese).
    pub zh: String,
    /// Reason (English).
    pub en: String,
}

fn missing(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Missing {
    Missing {
        code,
        zh: zh.into(),
        en: en.into(),
    }
}

fn conflict_missing(group: &[&StepEntry]) -> Missing {
    let form = group.first().map(|e| e.record.form()).unwrap_or_default();
    let who: Vec<String> = group
        .iter()
        .map(|e| format!("{}@{}", e.author, e.device))
        .collect();
    missing(
        "w4.conflict",
        format!(
            "「{}」有 {} 条在不同手机上各自记录的内容（{}），须由记录人更正为一条有效记录",
            super::form_label(form, true),
            group.len(),
            who.join("、")
        ),
        format!(
            "{}: {} records made on phones that had not seen each other ({}); a recorder must correct them into one",
            super::form_label(form, false),
            group.len(),
            who.join(", ")
        ),
    )
}

impl Case {
    /// Live entries (not corrected by a later one), ordered by (date, recorded_at, id).
    pub fn live(&self) -> Vec<&StepEntry> {
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
        v.sort_by(|a, b| {
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
            if let StepRecord::Target { post: p, cadre, .. } = &e.record {
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
            if let StepRecord::Target { cadre, on, .. } = &e.record {
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
            .find_map(|e| match &e.record {
                StepRecord::Deliberation { proposed, .. } => Some(proposed.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// The first passing vote for each cadre: cadre → (post, date).
    pub fn decided(&self) -> BTreeMap<String, (String, NaiveDate)> {
        let mut out = BTreeMap::new();
        for e in self.live() {
            if let StepRecord::Vote {
                post,
                cadre,
                on,
                passed: true,
                ..
            } = &e.record
            {
                out.entry(cadre.clone()).or_insert((post.clone(), *on));
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
            .find_map(|e| match &e.record {
                StepRecord::PublicityOpened { on, end, .. } => Some((*on, *end)),
                _ => None,
            })
    }

    /// Complaints received during publicity, with their verification.
    pub fn complaints(&self) -> Vec<Complaint> {
        let live = self.live();
        let mut out: Vec<Complaint> = live
            .iter()
            .filter_map(|e| match &e.record {
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
            } = &e.record
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
            } = &e.record
            {
                out.entry(cadre.clone()).or_insert((post.clone(), *on));
            }
        }
        out
    }

    /// Groups of live records filling one slot (`StepRecord::slot`) without
    /// superseding each other: recorded on phones that had not seen each other's.
    pub fn conflicts(&self) -> Vec<Vec<&StepEntry>> {
        let mut by_slot: BTreeMap<String, Vec<&StepEntry>> = BTreeMap::new();
        for e in self.live() {
            if let Some(slot) = e.record.slot() {
                by_slot.entry(slot).or_default().push(e);
            }
        }
        by_slot.into_values().filter(|v| v.len() > 1).collect()
    }

    /// Digest of the live records a node covers (任职资格 … its last step): what a
    /// signature or submission is over. Any correction or new record changes it.
    pub fn digest(&self, node: Submission) -> String {
        let mut ids: Vec<&str> = self
            .live()
            .into_iter()
            .filter(|e| e.record.step() <= node.last_step())
            .map(|e| e.id.as_str())
            .collect();
        ids.sort_unstable();
        hex(&Sha256::digest(ids.join(",").as_bytes()))
    }

    /// Whether something recorded with `over` at `recorded_at` saw the node's records
    /// as they stand. Old records carry no digest: they saw every record recorded
    /// before them.
    fn saw(&self, node: Submission, digest: &str, over: &str, recorded_at: i64) -> bool {
        if over.is_empty() {
            self.live()
                .iter()
                .filter(|e| e.record.step() <= node.last_step())
                .all(|e| e.recorded_at <= recorded_at)
        } else {
            over == digest
        }
    }

    /// Valid signatures of a node by link: over the records as they stand (the
    /// earliest by (date, id) if two were recorded concurrently).
    pub fn signed(&self, node: Submission) -> BTreeMap<SignOff, &Signature> {
        let digest = self.digest(node);
        let mut sigs: Vec<&Signature> = self
            .signatures
            .values()
            .filter(|s| s.node == node && self.saw(node, &digest, &s.over, s.recorded_at))
            .collect();
        sigs.sort_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)));
        let mut out = BTreeMap::new();
        for s in sigs {
            out.entry(s.sign).or_insert(s);
        }
        out
    }

    /// Signatures of a node over records that have changed since: shown as stale,
    /// to be signed again (links signed again since are left out).
    pub fn stale_signatures(&self, node: Submission) -> Vec<&Signature> {
        let valid = self.signed(node);
        let mut out: Vec<&Signature> = self
            .signatures
            .values()
            .filter(|s| s.node == node && !valid.contains_key(&s.sign))
            .collect();
        out.sort_by(|a, b| (a.sign, a.on, &a.id).cmp(&(b.sign, b.on, &b.id)));
        out
    }

    /// The date a node was first submitted, if it was.
    pub fn submitted(&self, node: Submission) -> Option<NaiveDate> {
        self.submissions
            .values()
            .filter(|s| s.node == node)
            .map(|s| s.on)
            .min()
    }

    /// A submission of the node over the records as they stand (None: never
    /// submitted, or the records changed since and it must be submitted again).
    pub fn submission(&self, node: Submission) -> Option<&Submitted> {
        let digest = self.digest(node);
        self.submissions
            .values()
            .filter(|s| s.node == node && self.saw(node, &digest, &s.over, s.recorded_at))
            .min_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)))
    }

    /// How the case ended without appointment, if it did (the earliest by date, id).
    pub fn ended(&self) -> Option<&Ended> {
        self.endings
            .values()
            .min_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)))
    }

    /// Cadres whose probation ended without 转正.
    pub fn not_confirmed(&self) -> BTreeSet<String> {
        self.live()
            .into_iter()
            .filter_map(|e| match &e.record {
                StepRecord::ProbationEnded {
                    cadre,
                    confirmed: false,
                    ..
                } => Some(cadre.clone()),
                _ => None,
            })
            .collect()
    }

    /// Why `step` is not complete (empty = complete). Reasons are shown to the user.
    pub fn missing(&self, step: Step, policy: &W4Policy) -> Vec<Missing> {
        let records = self.records(step);
        let mut out = Vec::new();
        if records.is_empty() {
            out.push(missing(
                "w4.step_empty",
                format!("「{}」尚无记录", step.label(true)),
                format!("{} has no record yet", step.label(false)),
            ));
            return out;
        }
        for group in self.conflicts() {
            if group.first().is_some_and(|e| e.record.step() == step) {
                out.push(conflict_missing(&group));
            }
        }
        for e in &records {
            let (filled, required) = e.record.required_fields();
            if filled < required {
                out.push(missing(
                    "w4.fields",
                    format!("「{}」有必填项未填写", step.label(true)),
                    format!("{}: a required field is empty", step.label(false)),
                ));
                break;
            }
        }
        let proposed = self.proposed();
        match step {
            Step::Qualification | Step::Initiation => {}
            Step::Nomination => {
                for post in &self.posts {
                    let nominated = records.iter().any(|e| {
                        matches!(&e.record, StepRecord::Nomination { post: p, .. } if p == post)
                    });
                    let recommended = records.iter().any(|e| {
                        matches!(&e.record, StepRecord::Recommendation { post: p, .. } if p == post)
                    });
                    if !nominated || !recommended {
                        out.push(missing(
                            "w4.nomination_missing",
                            format!("职位 {post} 须有初始提名和民主推荐结果"),
                            format!("Post {post} needs a nomination and a recommendation result"),
                        ));
                    }
                }
            }
            Step::Inspection => {
                for post in &self.posts {
                    let targets = self.targets(post);
                    if (targets.len() as u32) < policy.targets_per_post {
                        out.push(missing(
                            "w4.ratio",
                            format!(
                                "职位 {post} 须差额考察：至少 {} 名考察对象（{}:1），现有 {} 名",
                                policy.targets_per_post,
                                policy.targets_per_post,
                                targets.len()
                            ),
                            format!(
                                "Post {post} needs at least {} inspection targets ({}:1), has {}",
                                policy.targets_per_post,
                                policy.targets_per_post,
                                targets.len()
                            ),
                        ));
                    }
                    for t in targets {
                        let inspected = records.iter().any(|e| {
                            matches!(&e.record, StepRecord::Inspection { post: p, cadre, .. } if p == post && *cadre == t)
                        });
                        if !inspected {
                            out.push(missing(
                                "w4.not_inspected",
                                format!("考察对象 {t} 尚无考察记录"),
                                format!("Target {t} has not been inspected"),
                            ));
                        }
                    }
                }
            }
            Step::Deliberation => {
                for post in &self.posts {
                    if !proposed.contains_key(post) {
                        out.push(missing(
                            "w4.proposed",
                            format!("酝酿未确定职位 {post} 的拟任人选"),
                            format!("Deliberation named no one for post {post}"),
                        ));
                    }
                }
                for cadre in proposed.values() {
                    for kind in CheckKind::ALL {
                        let last = records.iter().rev().find_map(|e| match &e.record {
                            StepRecord::Check {
                                cadre: c,
                                check,
                                passed,
                                ..
                            } if c == cadre && *check == kind => Some(*passed),
                            _ => None,
                        });
                        match last {
                            Some(true) => {}
                            Some(false) => out.push(missing(
                                "w4.check_failed",
                                format!("{cadre} 未通过{}", kind.label()),
                                format!("{cadre} failed the {kind:?} check"),
                            )),
                            None => out.push(missing(
                                "w4.check_missing",
                                format!("{cadre} 尚未记录{}", kind.label()),
                                format!("{cadre}: the {kind:?} check is not recorded"),
                            )),
                        }
                    }
                }
            }
            Step::Consultation => {
                for cadre in proposed.values() {
                    for body in &policy.opinion_bodies {
                        let answered = records.iter().any(|e| {
                            matches!(&e.record, StepRecord::Opinion { cadre: c, body: b, .. } if c == cadre && b == body)
                        });
                        if !answered {
                            out.push(missing(
                                "w4.opinion_missing",
                                format!("尚未记录{body}对 {cadre} 的意见"),
                                format!("No opinion of {body} on {cadre} recorded"),
                            ));
                        }
                    }
                }
            }
            Step::Decision => {
                if self.decision_date().is_none() {
                    out.push(missing(
                        "w4.not_decided",
                        "尚有职位的拟任人选未获表决通过",
                        "A post's proposed appointee has not passed a vote",
                    ));
                }
            }
            Step::Publicity => {
                if self.complaints().iter().any(|c| c.verified.is_none()) {
                    out.push(missing(
                        "w4.complaint_open",
                        "任前公示期间的举报尚未核实办结，不能任职",
                        "A complaint received during publicity is not yet verified",
                    ));
                }
                let closed = records
                    .iter()
                    .any(|e| matches!(e.record, StepRecord::PublicityClosed { .. }));
                if !closed {
                    out.push(missing(
                        "w4.publicity_open",
                        "任前公示尚未结束",
                        "Publicity has not been closed",
                    ));
                }
            }
            Step::Appointment => {
                let appointed = self.appointed();
                for post in &self.posts {
                    if !appointed.values().any(|(p, _)| p == post) {
                        out.push(missing(
                            "w4.not_appointed",
                            format!("职位 {post} 尚未任职"),
                            format!("Post {post} has no appointment"),
                        ));
                    }
                }
            }
            Step::Probation => {
                for cadre in self.appointed().keys() {
                    let ended = records.iter().any(
                        |e| matches!(&e.record, StepRecord::ProbationEnded { cadre: c, .. } if c == cadre),
                    );
                    if !ended {
                        out.push(missing(
                            "w4.probation_running",
                            format!("{cadre} 试用期尚未办理转正"),
                            format!("{cadre}'s probation has not ended"),
                        ));
                    }
                }
            }
        }
        out
    }

    /// Whether `step` is complete.
    pub fn complete(&self, step: Step, policy: &W4Policy) -> bool {
        self.missing(step, policy).is_empty()
    }

    /// Names of everyone who recorded a step of this case.
    pub fn recorders(&self) -> BTreeSet<&str> {
        self.entries.values().map(|e| e.author.as_str()).collect()
    }

    /// Whether a nomination of `cadre` for `post` exists.
    pub fn nominated(&self, post: &str, cadre: &str) -> bool {
        self.live().iter().any(|e| {
            matches!(&e.record, StepRecord::Nomination { post: p, cadre: c, .. }
                if p == post && c == cadre)
        })
    }
}

/// All W4 data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct W4 {
    /// Cadres by id: every version of the profile.
    pub cadres: BTreeMap<String, Versions<CadreProfile>>,
    /// Posts by id: every version.
    pub posts: BTreeMap<String, Versions<Post>>,
    /// Cases by id.
    pub cases: BTreeMap<String, Case>,
}

impl W4 {
    /// A cadre's profile in force.
    pub fn cadre(&self, id: &str) -> Option<&CadreProfile> {
        self.cadres.get(id).and_then(Versions::current)
    }

    /// A post in force.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.get(id).and_then(Versions::current)
    }

    /// Every cadre with the profile in force, by id.
    pub fn cadre_list(&self) -> impl Iterator<Item = (&String, &CadreProfile)> {
        self.cadres
            .iter()
            .filter_map(|(id, v)| v.current().map(|p| (id, p)))
    }

    /// Every post in force, by id.
    pub fn post_list(&self) -> impl Iterator<Item = &Post> {
        self.posts.values().filter_map(Versions::current)
    }

    /// Cadres currently holding `post` on `on` (open position at that date).
    pub fn holders(&self, post: &str, on: NaiveDate) -> u64 {
        self.held(post, on, "")
    }

    fn held(&self, post: &str, on: NaiveDate, except: &str) -> u64 {
        self.cadre_list()
            .filter(|(id, c)| {
                id.as_str() != except
                    && c.positions.iter().any(|p| {
                        p.post == post && p.start <= on && p.end.is_none_or(|end| end >= on)
                    })
            })
            .count() as u64
    }

    /// Seats of `post` taken on `on` (凡提必审), not counting `cadre`: holders by the
    /// cadres' profiles, plus appointments recorded in cases other than `case` whose
    /// cadre's profile does not name the post yet (so none is counted twice), less any
    /// appointee whose probation ended without 转正.
    pub fn seats_taken(&self, post: &str, on: NaiveDate, case: &str, cadre: &str) -> u64 {
        self.held(post, on, cadre)
            .saturating_add(self.appointed_elsewhere(post, case, cadre))
    }

    /// Appointments to `post` in cases other than `case` (of cadres other than
    /// `cadre`) that no profile names yet and whose probation did not end in refusal.
    fn appointed_elsewhere(&self, post: &str, case: &str, cadre: &str) -> u64 {
        let mut taken = 0u64;
        for other in self.cases.values().filter(|c| c.id != case) {
            let dropped = other.not_confirmed();
            for (appointee, (p, _)) in other.appointed() {
                let in_profile = self
                    .cadre(&appointee)
                    .is_some_and(|c| c.positions.iter().any(|x| x.post == post));
                if p == post && appointee != cadre && !in_profile && !dropped.contains(&appointee) {
                    taken = taken.saturating_add(1);
                }
            }
        }
        taken
    }

    fn case_mut(&mut self, case: &str) -> &mut Case {
        let c = self.cases.entry(case.to_string()).or_default();
        c.id = case.to_string();
        c
    }

    /// Apply one W4 event.
    pub fn evolve(&mut self, e: &Event) {
        match &e.body {
            EventBody::CadreRecorded {
                cadre,
                profile,
                supersedes,
            } => self.cadres.entry(cadre.clone()).or_default().add(
                e,
                profile.clone(),
                supersedes.clone(),
            ),
            EventBody::PostRecorded {
                post,
                unit,
                title,
                quota,
                supersedes,
            } => {
                let value = Post {
                    id: post.clone(),
                    unit: unit.clone(),
                    title: title.clone(),
                    quota: *quota,
                };
                self.posts
                    .entry(post.clone())
                    .or_default()
                    .add(e, value, supersedes.clone());
            }
            EventBody::W4CaseOpened {
                case,
                title,
                posts,
                opened_on,
            } => {
                let c = self.case_mut(case);
                // Two concurrent openings of one id: the earliest stands.
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
            }
            EventBody::W4StepRecorded {
                case,
                record,
                supersedes,
                reason,
            } => {
                self.case_mut(case).entries.insert(
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
            }
            EventBody::W4Disclosed {
                case,
                cadre,
                round,
                start,
                end,
                matters,
            } => {
                self.case_mut(case).disclosures.insert(
                    e.id.clone(),
                    Disclosure {
                        id: e.id.clone(),
                        cadre: cadre.clone(),
                        round: *round,
                        start: *start,
                        end: *end,
                        matters: matters.clone(),
                        author: e.author.clone(),
                    },
                );
            }
            EventBody::W4Signed {
                case,
                node,
                sign,
                signer,
                on,
                over,
            } => {
                self.case_mut(case).signatures.insert(
                    e.id.clone(),
                    Signature {
                        id: e.id.clone(),
                        node: *node,
                        sign: *sign,
                        signer: signer.clone(),
                        role: e.role,
                        on: *on,
                        over: over.clone(),
                        recorded_at: e.recorded_at,
                    },
                );
            }
            EventBody::W4Submitted {
                case,
                node,
                on,
                over,
            } => {
                self.case_mut(case).submissions.insert(
                    e.id.clone(),
                    Submitted {
                        id: e.id.clone(),
                        node: *node,
                        on: *on,
                        by: e.author.clone(),
                        over: over.clone(),
                        recorded_at: e.recorded_at,
                    },
                );
            }
            EventBody::W4CaseEnded {
                case,
                on,
                ending,
                reason,
            } => {
                self.case_mut(case).endings.insert(
                    e.id.clone(),
                    Ended {
                        id: e.id.clone(),
                        on: *on,
                        ending: *ending,
                        reason: reason.clone(),
                        author: e.author.clone(),
                    },
                );
            }
            _ => {}
        }
    }
}
