//! What keeps a gate of the "1+8" open: no record, conflicting records, a required
//! field left blank, a record that cannot be used (impossible counts, scores above
//! the policy's maximum), or the step's own rule (差额考察, the four checks, …). Every
//! reason names people and posts as people read them.

use std::collections::BTreeMap;

use super::state::{missing, CadreSelection, Case, Missing, StepEntry};
use super::{form_label, CheckKind, Step, StepRecord};
use crate::domain::policy::CadreSelectionPolicy;

/// How cadres and posts are named in reasons: by the W4 data when at hand (names,
/// unit and title), else by id.
#[derive(Clone, Copy)]
pub struct Names<'a>(pub Option<&'a CadreSelection>);

impl Names<'_> {
    /// A cadre as people read it.
    pub fn cadre(&self, id: &str) -> String {
        self.0
            .map(|w| w.cadre_name(id))
            .unwrap_or_else(|| id.to_string())
    }

    /// A post as people read it.
    pub fn post(&self, id: &str) -> String {
        self.0
            .map(|w| w.post_name(id))
            .unwrap_or_else(|| id.to_string())
    }
}

impl StepRecord {
    /// Whether the record's counts are impossible whatever the policy: a vote with no
    /// members, more present than members or more votes cast than present; a
    /// recommendation with no participants, more participants than eligible or more
    /// votes for someone than participants. Such a record is never used.
    pub fn counts_impossible(&self) -> bool {
        match self {
            StepRecord::Vote {
                members,
                present,
                votes_for,
                against,
                abstain,
                ..
            } => {
                let cast = u64::from(*votes_for) + u64::from(*against) + u64::from(*abstain);
                *members == 0 || present > members || cast > u64::from(*present)
            }
            StepRecord::Recommendation {
                eligible,
                participants,
                votes,
                ..
            } => {
                *participants == 0
                    || participants > eligible
                    || votes.values().any(|v| v > participants)
            }
            _ => false,
        }
    }

    /// Why the record cannot be used under `policy` (received from a phone or a
    /// backup that did not check it), if it cannot.
    pub fn unusable(&self, policy: &CadreSelectionPolicy) -> Option<Missing> {
        let form = form_label(self.form(), true);
        let form_en = form_label(self.form(), false);
        if self.counts_impossible() {
            return Some(missing(
                "w4.invalid_counts",
                format!("「{form}」的人数或票数自相矛盾（如票数之和超过到会人数），该记录不能使用，须更正"),
                format!("{form_en}: its counts are impossible (e.g. more votes than members present); it cannot be used and must be corrected"),
            ));
        }
        let StepRecord::Inspection { scores, .. } = self else {
            return None;
        };
        let max = policy.dimension_max;
        scores.all().iter().any(|s| *s > max).then(|| {
            missing(
                "w4.invalid_scores",
                format!("「{form}」有维度得分超过满分 {max}，该记录不能使用，须更正"),
                format!("{form_en}: a dimension score exceeds the maximum of {max}; it cannot be used and must be corrected"),
            )
        })
    }
}

/// The conflict reason of a group of live records.
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
            form_label(form, true),
            group.len(),
            who.join("、")
        ),
        format!(
            "{}: {} records made on phones that had not seen each other ({}); a recorder must correct them into one",
            form_label(form, false),
            group.len(),
            who.join(", ")
        ),
    )
}

/// Groups of items linked by sharing any key (union-find over small sets), each
/// group in the items' order; groups of one are left out.
pub(super) fn linked<T: Copy>(items: &[T], keys: impl Fn(T) -> Vec<String>) -> Vec<Vec<T>> {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn root(parent: &[usize], mut i: usize) -> usize {
        while let Some(&p) = parent.get(i) {
            if p == i {
                break;
            }
            i = p;
        }
        i
    }
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        for key in keys(*item) {
            let j = *first.entry(key).or_insert(i);
            let (a, b) = (root(&parent, i), root(&parent, j));
            if let Some(slot) = parent.get_mut(a.max(b)) {
                *slot = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<T>> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        groups.entry(root(&parent, i)).or_default().push(*item);
    }
    groups.into_values().filter(|g| g.len() > 1).collect()
}

impl Case {
    /// Groups of live records recorded on phones that had not seen each other's: two
    /// filling one slot (`StepRecord::slot`), or two corrections of the same record
    /// (whatever their slots). Each group is resolved by one correction naming all.
    pub fn conflicts(&self) -> Vec<Vec<&StepEntry>> {
        let live = self.live();
        linked(&live, |e| {
            let mut keys: Vec<String> = e.supersedes.iter().map(|s| format!("^{s}")).collect();
            keys.extend(e.record.slot());
            keys
        })
    }

    /// Live records that cannot be used under `policy`, with the reason.
    pub fn unusable(&self, policy: &CadreSelectionPolicy) -> Vec<(&StepEntry, Missing)> {
        self.live()
            .into_iter()
            .filter_map(|e| e.record.unusable(policy).map(|m| (e, m)))
            .collect()
    }

    /// Why `step` is not complete (empty = complete), naming cadres and posts by id.
    pub fn missing(&self, step: Step, policy: &CadreSelectionPolicy) -> Vec<Missing> {
        self.missing_named(step, policy, Names(None))
    }

    /// Why `step` is not complete (empty = complete), naming cadres and posts as
    /// `names` gives them. Reasons are shown to the user.
    pub fn missing_named(
        &self,
        step: Step,
        policy: &CadreSelectionPolicy,
        names: Names,
    ) -> Vec<Missing> {
        self.missing_given(step, policy, names, &self.conflicts())
    }

    /// [`Case::missing_named`] with the case's [`Case::conflicts`] already found (a
    /// view of every step finds them once, not once a step).
    pub fn missing_given(
        &self,
        step: Step,
        policy: &CadreSelectionPolicy,
        names: Names,
        conflicts: &[Vec<&StepEntry>],
    ) -> Vec<Missing> {
        let records = self.records(step);
        if records.is_empty() {
            // 转正 before any record: name whose probation is running.
            if step == Step::Probation {
                let gate = Gate {
                    case: self,
                    records: &records,
                    policy,
                    names,
                };
                let running = gate.probation();
                if !running.is_empty() {
                    return running;
                }
            }
            return vec![missing(
                "w4.step_empty",
                format!("「{}」尚无记录", step.label(true)),
                format!("{} has no record yet", step.label(false)),
            )];
        }
        let mut out: Vec<Missing> = conflicts
            .iter()
            .filter(|g| g.first().is_some_and(|e| e.record.step() == step))
            .map(|g| conflict_missing(g))
            .collect();
        out.extend(records.iter().filter_map(|e| e.record.unusable(policy)));
        if records.iter().any(|e| {
            let (filled, required) = e.record.required_fields();
            filled < required
        }) {
            out.push(missing(
                "w4.fields",
                format!("「{}」有必填项未填写", step.label(true)),
                format!("{}: a required field is empty", step.label(false)),
            ));
        }
        let gate = Gate {
            case: self,
            records: &records,
            policy,
            names,
        };
        out.extend(gate.rule(step));
        out
    }

    /// Whether `step` is complete.
    pub fn complete(&self, step: Step, policy: &CadreSelectionPolicy) -> bool {
        self.missing(step, policy).is_empty()
    }
}

/// One step's own rule, over its live records.
struct Gate<'a> {
    case: &'a Case,
    records: &'a [&'a StepEntry],
    policy: &'a CadreSelectionPolicy,
    names: Names<'a>,
}

impl Gate<'_> {
    fn rule(&self, step: Step) -> Vec<Missing> {
        match step {
            Step::Qualification | Step::Initiation => vec![],
            Step::Nomination => self.nomination(),
            Step::Inspection => self.inspection(),
            Step::Deliberation => self.deliberation(),
            Step::Consultation => self.consultation(),
            Step::Decision => self.decision(),
            Step::Publicity => self.publicity(),
            Step::Appointment => self.appointment(),
            Step::Probation => self.probation(),
        }
    }

    fn has(&self, f: impl Fn(&StepRecord) -> bool) -> bool {
        self.records.iter().any(|e| f(&e.record))
    }

    fn nomination(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        for post in &self.case.posts {
            let nominated =
                self.has(|r| matches!(r, StepRecord::Nomination { post: p, .. } if p == post));
            let recommended =
                self.has(|r| matches!(r, StepRecord::Recommendation { post: p, .. } if p == post));
            if !nominated || !recommended {
                let name = self.names.post(post);
                out.push(missing(
                    "w4.nomination_missing",
                    format!("职位“{name}”须有初始提名和民主推荐结果"),
                    format!("Post “{name}” needs a nomination and a recommendation result"),
                ));
            }
        }
        out
    }

    fn inspection(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        let want = self.policy.targets_per_post;
        for post in &self.case.posts {
            let targets = self.case.targets(post);
            let name = self.names.post(post);
            if (targets.len() as u64) < u64::from(want) {
                out.push(missing(
                    "w4.ratio",
                    format!(
                        "职位“{name}”须差额考察：至少 {want} 名考察对象（{want}:1），现有 {} 名",
                        targets.len()
                    ),
                    format!(
                        "Post “{name}” needs at least {want} inspection targets ({want}:1), has {}",
                        targets.len()
                    ),
                ));
            }
            for t in targets {
                let inspected = self.has(|r| {
                    matches!(r, StepRecord::Inspection { post: p, cadre, .. } if p == post && *cadre == t)
                });
                if !inspected {
                    let who = self.names.cadre(&t);
                    out.push(missing(
                        "w4.not_inspected",
                        format!("考察对象 {who} 尚无考察记录"),
                        format!("Target {who} has not been inspected"),
                    ));
                }
            }
        }
        out
    }

    fn deliberation(&self) -> Vec<Missing> {
        let proposed = self.case.proposed();
        let mut out = Vec::new();
        for post in self
            .case
            .posts
            .iter()
            .filter(|p| !proposed.contains_key(*p))
        {
            let name = self.names.post(post);
            out.push(missing(
                "w4.proposed",
                format!("酝酿未确定职位“{name}”的拟任人选"),
                format!("Deliberation named no one for post “{name}”"),
            ));
        }
        for cadre in proposed.values() {
            out.extend(
                CheckKind::ALL
                    .into_iter()
                    .filter_map(|k| self.check(cadre, k)),
            );
        }
        out
    }

    /// Whether the latest check of `kind` for `cadre` passed (None: it did).
    fn check(&self, cadre: &str, kind: CheckKind) -> Option<Missing> {
        let last = self.records.iter().rev().find_map(|e| match &*e.record {
            StepRecord::Check {
                cadre: c,
                check,
                passed,
                ..
            } if c == cadre && *check == kind => Some(*passed),
            _ => None,
        });
        let who = self.names.cadre(cadre);
        let (zh, en) = (kind.label_in(true), kind.label_in(false));
        match last {
            Some(true) => None,
            Some(false) => Some(missing(
                "w4.check_failed",
                format!("{who} 未通过{zh}"),
                format!("{who} failed the {en}"),
            )),
            None => Some(missing(
                "w4.check_missing",
                format!("{who} 尚未记录{zh}"),
                format!("{who}: the {en} is not recorded"),
            )),
        }
    }

    fn consultation(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        for cadre in self.case.proposed().values() {
            for body in &self.policy.opinion_bodies {
                let answered = self.has(|r| {
                    matches!(r, StepRecord::Opinion { cadre: c, body: b, .. } if c == cadre && b == body)
                });
                if !answered {
                    let who = self.names.cadre(cadre);
                    out.push(missing(
                        "w4.opinion_missing",
                        format!("尚未记录{body}对 {who} 的意见"),
                        format!("No opinion of {} on {who} recorded", body_en(body)),
                    ));
                }
            }
        }
        out
    }

    fn decision(&self) -> Vec<Missing> {
        if self.case.decision_date().is_some() {
            return vec![];
        }
        vec![missing(
            "w4.not_decided",
            "尚有职位的拟任人选未获表决通过",
            "A post's proposed appointee has not passed a vote",
        )]
    }

    fn publicity(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        if self.case.complaints().iter().any(|c| c.verified.is_none()) {
            out.push(missing(
                "w4.complaint_open",
                "任前公示期间的举报尚未核实办结，不能任职",
                "A complaint received during publicity is not yet verified",
            ));
        }
        if !self.has(|r| matches!(r, StepRecord::PublicityClosed { .. })) {
            out.push(missing(
                "w4.publicity_open",
                "任前公示尚未结束",
                "Publicity has not been closed",
            ));
        }
        out
    }

    fn appointment(&self) -> Vec<Missing> {
        let appointed = self.case.appointed();
        let mut out = Vec::new();
        for post in &self.case.posts {
            if !appointed.values().any(|(p, _)| p == post) {
                let name = self.names.post(post);
                out.push(missing(
                    "w4.not_appointed",
                    format!("职位“{name}”尚未任职"),
                    format!("Post “{name}” has no appointment"),
                ));
            }
        }
        out
    }

    fn probation(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        for cadre in self.case.appointed().keys() {
            let ended = self
                .has(|r| matches!(r, StepRecord::ProbationEnded { cadre: c, .. } if c == cadre));
            if !ended {
                let who = self.names.cadre(cadre);
                out.push(missing(
                    "w4.probation_running",
                    format!("{who} 试用期尚未办理转正"),
                    format!("{who}'s probation has not ended"),
                ));
            }
        }
        out
    }
}

/// A body consulted (征求意见单位), named in English when it is one of the policy's
/// default bodies; any other body as the administrator typed it.
fn body_en(body: &str) -> &str {
    const DEFAULTS: [(&str, &str); 3] = [
        (
            "纪委监委",
            "the discipline inspection and supervision commission",
        ),
        ("检察院", "the procuratorate"),
        ("综治办", "the public security coordination office"),
    ];
    DEFAULTS
        .iter()
        .find(|d| d.0 == body)
        .map(|d| d.1)
        .unwrap_or(body)
}
