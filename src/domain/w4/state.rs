//! W4 state, folded from events. Cadres and posts keep the latest version by
//! (recorded_at, id); every case accumulator is keyed by event id, so any order of
//! arrival gives the same state.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{
    CadreProfile, CheckKind, Finding, PersonalMatters, Post, Round, SignOff, Step, StepRecord,
    Submission,
};
use crate::domain::event::{Event, EventBody, Role};
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
    /// Who recorded it, in which role, when (UTC ms).
    pub author: String,
    /// Role of the author.
    pub role: Role,
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
    /// Submissions by event id: (node, date, who).
    pub submissions: BTreeMap<String, (Submission, NaiveDate, String)>,
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

    /// Signatures of a node by link (the earliest if two were recorded concurrently).
    pub fn signed(&self, node: Submission) -> BTreeMap<SignOff, &Signature> {
        let mut sigs: Vec<&Signature> = self
            .signatures
            .values()
            .filter(|s| s.node == node)
            .collect();
        sigs.sort_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)));
        let mut out = BTreeMap::new();
        for s in sigs {
            out.entry(s.sign).or_insert(s);
        }
        out
    }

    /// The date a node was submitted, if it was.
    pub fn submitted(&self, node: Submission) -> Option<NaiveDate> {
        self.submissions
            .values()
            .filter(|s| s.0 == node)
            .map(|s| s.1)
            .min()
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
    /// Cadres by id: (recorded_at, event id, profile) of the latest version.
    pub cadres: BTreeMap<String, (i64, String, CadreProfile)>,
    /// Posts by id: (recorded_at, event id, post).
    pub posts: BTreeMap<String, (i64, String, Post)>,
    /// Cases by id.
    pub cases: BTreeMap<String, Case>,
}

impl W4 {
    /// A cadre's profile.
    pub fn cadre(&self, id: &str) -> Option<&CadreProfile> {
        self.cadres.get(id).map(|c| &c.2)
    }

    /// A post.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.get(id).map(|p| &p.2)
    }

    /// Cadres currently holding `post` on `on` (open position at that date).
    pub fn holders(&self, post: &str, on: NaiveDate) -> usize {
        self.cadres
            .values()
            .filter(|(_, _, c)| {
                c.positions
                    .iter()
                    .any(|p| p.post == post && p.start <= on && p.end.is_none_or(|end| end >= on))
            })
            .count()
    }

    fn case_mut(&mut self, case: &str) -> &mut Case {
        let c = self.cases.entry(case.to_string()).or_default();
        c.id = case.to_string();
        c
    }

    /// Apply one W4 event.
    pub fn evolve(&mut self, e: &Event) {
        match &e.body {
            EventBody::CadreRecorded { cadre, profile } => {
                let key = (e.recorded_at, e.id.clone());
                if self
                    .cadres
                    .get(cadre)
                    .is_none_or(|c| (c.0, &c.1) < (key.0, &key.1))
                {
                    self.cadres
                        .insert(cadre.clone(), (key.0, key.1, profile.clone()));
                }
            }
            EventBody::PostRecorded {
                post,
                unit,
                title,
                quota,
            } if self
                .posts
                .get(post)
                .is_none_or(|p| (p.0, &p.1) < (e.recorded_at, &e.id)) =>
            {
                self.posts.insert(
                    post.clone(),
                    (
                        e.recorded_at,
                        e.id.clone(),
                        Post {
                            id: post.clone(),
                            unit: unit.clone(),
                            title: title.clone(),
                            quota: *quota,
                        },
                    ),
                );
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
                    },
                );
            }
            EventBody::W4Submitted { case, node, on } => {
                self.case_mut(case)
                    .submissions
                    .insert(e.id.clone(), (*node, *on, e.author.clone()));
            }
            _ => {}
        }
    }
}
