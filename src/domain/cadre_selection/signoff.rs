//! Re-check, signatures and submissions (seed 003: 记录人 → 干部科科长 → 干部监督科科长 →
//! 分管副部长, two submission nodes).
//!
//! A signature counts only when it was recorded in a role that may sign its line by
//! the person it names, is (for the re-check) not by a recorder of the records it
//! covers, saw the records (and the disclosures and endings) the node covers as they
//! stand, is the only person on its line, and its signer signed no earlier line. These
//! hold whatever the decider of the phone that recorded it did: a signature that breaks
//! them is shown as not counting, with the reason. Two people on one
//! line (signed on phones that had not seen each other's) is a conflict: the line
//! counts for no one until the person who stands signs it again naming the competing
//! signatures (`Command::ResolveSignatures`); the others are kept as withdrawn.

use crate::domain::sorting;
use crate::domain::sorting::Gather;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::gates::Names;
use super::rules::not_future;
use super::state::{digest_of, missing, CadreSelection, Case, Missing, Signature, Submitted};
use super::{Action, Round, SignOff, Step, Submission};
use crate::domain::access::ScopeKind;
use crate::domain::event::Role;
use crate::domain::policy::Policy;
use crate::domain::state::Actor;
use crate::domain::RuleViolation as V;

/// Why a signature counts or does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureState {
    /// It counts.
    Valid,
    /// The same person signed the line again (the earliest counts).
    Repeated,
    /// Over records (or disclosures, endings) that changed since: to be signed again.
    Stale,
    /// Recorded in a role that may not sign this line.
    WrongRole,
    /// Recorded by someone other than the signer it names (phones quarantine such
    /// records; kept here so the fold never counts one).
    NotTheSigner,
    /// A re-check by someone who recorded records it covers: the re-check is done by
    /// someone other than the recorder.
    ByRecorder,
    /// Another person signed the same line: a conflict for a person to resolve.
    Competing,
    /// Its signer already stands on this earlier line: one person, one line.
    SameSigner(SignOff),
    /// Replaced by a signature naming it.
    Withdrawn,
}

impl SignatureState {
    /// Why it does not count, in Chinese (`zh`) or English (empty when it counts).
    pub fn reason(self, zh: bool) -> String {
        match (self, zh) {
            (SignatureState::Valid | SignatureState::Repeated, _) => String::new(),
            (SignatureState::Stale, true) => "签字后内容已更正，须重新签字".into(),
            (SignatureState::Stale, false) => "the record changed since: sign again".into(),
            (SignatureState::WrongRole, true) => "签字人的角色不能签这一栏，不计入".into(),
            (SignatureState::WrongRole, false) => {
                "signed in a role that may not sign this line; not counted".into()
            }
            (SignatureState::NotTheSigner, true) => "签字人不是记录这一签字的人本人，不计入".into(),
            (SignatureState::NotTheSigner, false) => {
                "recorded by someone other than the signer it names; not counted".into()
            }
            (SignatureState::ByRecorder, true) => {
                "复核须由记录人以外的工作人员进行：此人记录了所复核的内容，不计入".into()
            }
            (SignatureState::ByRecorder, false) => {
                "the re-check must be done by someone other than the recorder: this person recorded what it re-checks; not counted".into()
            }
            (SignatureState::Competing, true) => {
                "同一栏有两人签字（冲突），须由应签字的人重新签字确认".into()
            }
            (SignatureState::Competing, false) => {
                "two people signed this line (conflict): the right signer signs it again".into()
            }
            (SignatureState::SameSigner(l), true) => {
                format!(
                    "此人已签「{}」栏，同一人不能签两栏，不计入",
                    l.label_in(true)
                )
            }
            (SignatureState::SameSigner(l), false) => format!(
                "this person signed the {} line already; one person signs one line",
                l.label_in(false)
            ),
            (SignatureState::Withdrawn, true) => "已被重新签字取代".into(),
            (SignatureState::Withdrawn, false) => "replaced by a later signature".into(),
        }
    }
}

/// What a phone holds of the records a signature or submission covers: a role that
/// does not read personal matters (有关事项, `access::ScopeKind::Personal`) never holds
/// the disclosures, so it cannot check the `annex` digest. The deciders always check in
/// full: every role that signs or submits reads personal matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// The steps, disclosures and endings: every digest is checked.
    Full,
    /// The steps and endings but not the disclosures: a signature or submission over
    /// the steps as they stand stands; its annex digest cannot be checked here.
    StepsOnly,
}

impl Sight {
    /// The sight of a phone whose user acts as `role` (`None`: no user chosen, the
    /// whole log as it is).
    pub fn of(role: Option<Role>) -> Sight {
        match role {
            Some(r) if !ScopeKind::Personal.readers().contains(&r) => Sight::StepsOnly,
            _ => Sight::Full,
        }
    }
}

/// A person's name as compared between signatures (spaces ignored).
pub fn person(name: &str) -> String {
    name.split_whitespace().collect()
}

impl Case {
    /// Digest of the disclosures (and, for 二次提交, endings) a node covers: the first
    /// disclosures for 初次提交, every disclosure and ending for 二次提交.
    pub fn annex_digest(&self, node: Submission) -> String {
        let work_out = || digest_of(self.annex_items(node).into_iter().map(|(id, _)| id));
        let kept = match node {
            Submission::Initial => &self.derived().annex_digests[0],
            Submission::Second => &self.derived().annex_digests[1],
        };
        self.kept_text(kept, work_out)
    }

    /// The live annexes a node covers: (id, recorded_at).
    fn annex_items(&self, node: Submission) -> Vec<(&str, i64)> {
        let mut out: Vec<(&str, i64)> = self
            .live_disclosures()
            .into_iter()
            .filter(|d| node == Submission::Second || d.round == Round::First)
            .map(|d| (d.id.as_str(), d.recorded_at))
            .collect();
        if node == Submission::Second {
            out.extend(
                self.live_endings()
                    .into_iter()
                    .map(|e| (e.id.as_str(), e.recorded_at)),
            );
        }
        out
    }

    /// Whether a signature or submission with these digests saw the node as it stands.
    fn saw_node(&self, node: Submission, over: &str, annex: &str, recorded_at: i64) -> bool {
        let now = self.annex_digest(node);
        self.saw_node_against(node, (over, annex, recorded_at), Some(&now))
    }

    /// The annex digest a phone with `sight` checks a node's signatures and submissions
    /// against: its own, or, not holding the disclosures, the newest on record — that of
    /// the last signature (that may stand) or submission (in a role that may submit) of the node over its steps as
    /// they stand (a later one over other disclosures shows they changed). `None`: none.
    fn annex_to_check(&self, node: Submission, sight: Sight) -> Option<String> {
        if self.sight_held(sight) == Sight::Full {
            return Some(self.annex_digest(node));
        }
        let signed = self.signatures.values();
        let signed = signed.filter(|s| s.node == node && self.may_stand(s));
        let signed = signed.map(|s| (s.recorded_at, &s.id, &s.over, &s.annex));
        let submitted = self.submissions.values();
        let submitted = submitted.filter(|s| s.node == node && Action::Submit.allows(s.role));
        let submitted = submitted.map(|s| (s.recorded_at, &s.id, &s.over, &s.annex));
        signed
            .chain(submitted)
            .filter(|(at, _, over, annex)| {
                !annex.is_empty() && self.saw_steps(node.last_step(), over, *at)
            })
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
            .map(|(.., annex)| annex.clone())
    }

    /// What this phone checks with: in full when it holds any disclosure of the case
    /// (the server sends them only to readers of personal matters: a phone holding one
    /// synced them, whatever role its user now acts in), else as `sight` says.
    fn sight_held(&self, sight: Sight) -> Sight {
        match self.disclosures.is_empty() {
            true => sight,
            false => Sight::Full,
        }
    }

    /// Whether a record with these digests, `by` = (over, annex, recorded_at), saw the
    /// node's steps as they stand and the annex `now` (`None`: taken on trust).
    fn saw_node_against(&self, node: Submission, by: (&str, &str, i64), now: Option<&str>) -> bool {
        let (over, annex, recorded_at) = by;
        let annex_ok = if annex.is_empty() {
            self.annex_items(node)
                .iter()
                .all(|(_, at)| *at <= recorded_at)
        } else {
            now.is_none_or(|now| annex == now)
        };
        annex_ok && self.saw_steps(node.last_step(), over, recorded_at)
    }

    /// Every signature of a node with its state, in chain order (then date, id).
    pub fn signature_states(&self, node: Submission) -> Vec<(&Signature, SignatureState)> {
        self.signature_states_seen(node, Sight::Full)
    }

    /// As [`Case::signature_states`] on a phone with `sight` (what a screen draws).
    pub fn signature_states_seen(
        &self,
        node: Submission,
        sight: Sight,
    ) -> Vec<(&Signature, SignatureState)> {
        let now = self.annex_to_check(node, sight);
        self.states_where(node, &|s| {
            self.saw_node_against(node, (&s.over, &s.annex, s.recorded_at), now.as_deref())
        })
    }

    /// As [`Case::signature_states`], a signature being over the records it must
    /// cover when `saw` says so (else stale).
    fn states_where(
        &self,
        node: Submission,
        saw: &dyn Fn(&Signature) -> bool,
    ) -> Vec<(&Signature, SignatureState)> {
        // A signature withdraws only signatures of its own node and line, and only
        // when it may stand there itself (role, own name, not the recorder's re-check).
        let withdrawn: BTreeSet<&str> = self
            .signatures
            .values()
            .filter(|s| s.node == node && self.may_stand(s))
            .flat_map(|s| {
                s.supersedes.iter().map(String::as_str).filter(|id| {
                    self.signatures
                        .get(*id)
                        .is_some_and(|o| o.node == s.node && o.sign == s.sign)
                })
            })
            .collect();
        let mut sigs: Vec<&Signature> = self
            .signatures
            .values()
            .filter(|s| s.node == node)
            .collect();
        sorting::sort_by(&mut sigs, |a, b| {
            (a.sign, a.on, &a.id).cmp(&(b.sign, b.on, &b.id))
        });
        let mut out = Vec::new();
        let mut candidates: BTreeMap<SignOff, Vec<&Signature>> = BTreeMap::new();
        for s in sigs {
            let state = if withdrawn.contains(s.id.as_str()) {
                SignatureState::Withdrawn
            } else if !s.sign.signable_by(s.role, s.over.is_empty()) {
                SignatureState::WrongRole
            } else if s.signer != s.author {
                SignatureState::NotTheSigner
            } else if self.by_recorder(s) {
                SignatureState::ByRecorder
            } else if !saw(s) {
                SignatureState::Stale
            } else {
                candidates.entry(s.sign).or_default().push(s);
                continue;
            };
            out.push((s, state));
        }
        let mut lines: BTreeMap<String, SignOff> = BTreeMap::new();
        for line in SignOff::CHAIN {
            out.extend(line_states(line, candidates.remove(&line), &mut lines));
        }
        sorting::sort_by(&mut out, |a, b| {
            (a.0.sign, a.0.on, &a.0.id).cmp(&(b.0.sign, b.0.on, &b.0.id))
        });
        out
    }

    /// Whether a re-check is by someone who recorded a step its node covers.
    fn by_recorder(&self, s: &Signature) -> bool {
        s.sign == SignOff::Recheck && self.recorded_by(&s.signer, s.node.last_step())
    }

    /// Whether a signature may stand on its line at all: signed in a role of the line,
    /// in its author's own name, and (a re-check) not by a recorder.
    fn may_stand(&self, s: &Signature) -> bool {
        s.sign.signable_by(s.role, s.over.is_empty())
            && s.signer == s.author
            && !self.by_recorder(s)
    }

    /// Valid signatures of a node by link (see `signature_states`).
    pub fn signed(&self, node: Submission) -> BTreeMap<SignOff, &Signature> {
        self.signed_seen(node, Sight::Full)
    }

    /// As [`Case::signed`] on a phone with `sight` (what a screen draws).
    pub fn signed_seen(&self, node: Submission, sight: Sight) -> BTreeMap<SignOff, &Signature> {
        self.signature_states_seen(node, sight)
            .into_iter()
            .filter(|(_, st)| *st == SignatureState::Valid)
            .map(|(s, _)| (s.sign, s))
            .gather_map()
    }

    /// Signatures of a node over records that have changed since: shown as stale,
    /// to be signed again (links signed again since are left out).
    pub fn stale_signatures(&self, node: Submission) -> Vec<&Signature> {
        let states = self.signature_states(node);
        let valid: BTreeSet<SignOff> = states
            .iter()
            .filter(|(_, st)| *st == SignatureState::Valid)
            .map(|(s, _)| s.sign)
            .gather_set();
        states
            .into_iter()
            .filter(|(s, st)| *st == SignatureState::Stale && !valid.contains(&s.sign))
            .map(|(s, _)| s)
            .collect()
    }

    /// Lines of a node signed by two or more people: (line, their signatures).
    pub fn signature_conflicts(&self, node: Submission) -> Vec<(SignOff, Vec<&Signature>)> {
        self.signature_conflicts_seen(node, Sight::Full)
    }

    /// As [`Case::signature_conflicts`] on a phone with `sight` (what a screen draws).
    pub fn signature_conflicts_seen(
        &self,
        node: Submission,
        sight: Sight,
    ) -> Vec<(SignOff, Vec<&Signature>)> {
        let mut out: BTreeMap<SignOff, Vec<&Signature>> = BTreeMap::new();
        for (s, st) in self.signature_states_seen(node, sight) {
            if st == SignatureState::Competing {
                out.entry(s.sign).or_default().push(s);
            }
        }
        out.into_iter().collect()
    }

    /// The date a node was first submitted, if it was.
    pub fn submitted(&self, node: Submission) -> Option<NaiveDate> {
        self.submissions
            .values()
            .filter(|s| s.node == node)
            .map(|s| s.on)
            .min()
    }

    /// Since when the 二次提交 is due (seed 003: after formal appointment, no
    /// deadline): the last appointment, once every post of the case has one.
    pub fn second_due_since(&self) -> Option<NaiveDate> {
        let appointed = self.appointed();
        let mut last = None;
        for post in &self.posts {
            let on = appointed
                .values()
                .filter(|(p, _)| p == post)
                .map(|(_, on)| *on);
            last = last.max(Some(on.min()?));
        }
        last
    }

    /// A submission of the node over the records as they stand (None: never
    /// submitted, or the records changed since and it must be submitted again).
    pub fn submission(&self, node: Submission) -> Option<&Submitted> {
        self.submission_seen(node, Sight::Full)
    }

    /// As [`Case::submission`] on a phone with `sight` (what a screen draws).
    pub fn submission_seen(&self, node: Submission, sight: Sight) -> Option<&Submitted> {
        let now = self.annex_to_check(node, sight);
        let saw = |s: &&Submitted| {
            self.saw_node_against(node, (&s.over, &s.annex, s.recorded_at), now.as_deref())
        };
        self.submissions
            .values()
            .filter(|s| s.node == node)
            .filter(saw)
            .min_by(|a, b| (a.on, &a.id).cmp(&(b.on, &b.id)))
    }

    /// Whether a signature or the submission of a node stands on a phone with `sight`
    /// only because its annex (the disclosures, for 二次提交 also the endings) could not
    /// be checked here: its annex digest differs from what this phone holds, or it
    /// carries none (an old record, checked by time against disclosures not held here).
    pub fn annex_unchecked(&self, node: Submission, sight: Sight) -> bool {
        if self.sight_held(sight) == Sight::Full {
            return false;
        }
        let here = self.annex_digest(node);
        let unmatched = |annex: &str| annex.is_empty() || annex != here;
        let signed = self.signed_seen(node, sight);
        let submitted = self.submission_seen(node, sight);
        signed.values().any(|s| unmatched(&s.annex))
            || submitted.is_some_and(|x| unmatched(&x.annex))
    }

    /// What must be reviewed before a node can be signed or submitted (besides the
    /// steps being complete): two people on one of its lines (`except` a line being
    /// resolved), two versions of a disclosure it covers, an ending in conflict, and,
    /// for 二次提交, a post this case filled that is over its quota on `on`.
    pub fn sign_off_blocked(
        &self,
        selection: &CadreSelection,
        node: Submission,
        except: Option<SignOff>,
        on: NaiveDate,
    ) -> Option<Missing> {
        let names = Names(Some(selection));
        if let Some((line, _)) = self
            .signature_conflicts(node)
            .into_iter()
            .find(|(l, _)| Some(*l) != except)
        {
            return Some(competing(line));
        }
        let covered = |r: Round| node == Submission::Second || r == Round::First;
        if let Some(m) = self
            .disclosure_conflicts()
            .into_iter()
            .find(|g| g.first().is_some_and(|d| covered(d.round)))
            .map(|g| super::disclosure::conflict_missing(&g, names))
        {
            return Some(m);
        }
        if let Some(m) = self.ending_conflict() {
            return Some(m);
        }
        if node != Submission::Second {
            return None;
        }
        self.appointed()
            .values()
            .find_map(|(post, _)| selection.over_quota_review(post, on))
    }
}

/// How faithfully the records a submission covered were put back together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reconstructed {
    /// Exactly the records its digests name.
    Exact,
    /// An old submission that carries no digest: the records recorded before it.
    ByTime,
    /// The step records exactly; the disclosures (and endings) this phone holds do not
    /// match (its role may not read personal matters): those recorded before it.
    StepsOnly,
    /// No set of records recorded up to or after it (another phone's clock) matches its
    /// digests: the records recorded before it, which may differ from what it covered.
    Unmatched,
}

/// A case as one submission (初次提交 / 二次提交) saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AsSubmitted {
    /// The case holding only the records, signatures and submissions recorded up to
    /// the submission (in fold order; records found later by its digests).
    pub case: Case,
    /// How faithfully the records were put back together.
    pub how: Reconstructed,
}

/// A record's place in fold order: (recorded_at, id).
type FoldKey<'a> = (i64, &'a str);

impl Case {
    /// The case holding the step records, disclosures and endings recorded up to
    /// `records`, and the signatures and submissions recorded up to `rest`.
    fn cut(&self, records: FoldKey, rest: FoldKey) -> Case {
        let mut c = self.clone();
        let upto = |at: i64, id: &str, k: FoldKey| (at, id) <= k;
        c.entries.retain(|id, e| upto(e.recorded_at, id, records));
        c.disclosures
            .retain(|id, d| upto(d.recorded_at, id, records));
        c.endings.retain(|id, e| upto(e.recorded_at, id, records));
        c.signatures.retain(|id, s| upto(s.recorded_at, id, rest));
        c.submissions.retain(|id, s| upto(s.recorded_at, id, rest));
        c
    }

    /// The fold keys of the records (steps, disclosures, endings) recorded after `key`,
    /// in fold order.
    fn later_keys<'a>(&'a self, key: FoldKey) -> Vec<FoldKey<'a>> {
        let steps = self
            .entries
            .values()
            .map(|e| (e.recorded_at, e.id.as_str()));
        let disclosed = self
            .disclosures
            .values()
            .map(|d| (d.recorded_at, d.id.as_str()));
        let ended = self
            .endings
            .values()
            .map(|e| (e.recorded_at, e.id.as_str()));
        let mut out: Vec<FoldKey> = steps
            .chain(disclosed)
            .chain(ended)
            .filter(|k| *k > key)
            .collect();
        sorting::sort(&mut out);
        out
    }

    /// The case as submission `sub` saw it: the records its digests name (those
    /// recorded up to it; if another phone's clock put some after it, the first later
    /// cut that matches), and the signatures and submissions recorded up to it, never
    /// one after. Its `signed(sub.node)` are the signatures that stood for `sub`.
    pub fn as_submitted(&self, sub: &Submitted) -> AsSubmitted {
        let key = (sub.recorded_at, sub.id.as_str());
        let at = self.cut(key, key);
        if sub.over.is_empty() {
            return AsSubmitted {
                case: at,
                how: Reconstructed::ByTime,
            };
        }
        let steps = |c: &Case| c.digest(sub.node) == sub.over;
        let annex = |c: &Case| sub.annex.is_empty() || c.annex_digest(sub.node) == sub.annex;
        if steps(&at) && annex(&at) {
            return AsSubmitted {
                case: at,
                how: Reconstructed::Exact,
            };
        }
        let steps_match = steps(&at);
        let found = self.later_match(sub, steps_match, &|c| steps(c) && annex(c));
        // Else the step records as they stood, but not the disclosures: the phone does
        // not hold them all (its role does not read personal matters).
        match (found, steps_match) {
            (Some(case), _) => AsSubmitted {
                case,
                how: Reconstructed::Exact,
            },
            (None, true) => AsSubmitted {
                case: at,
                how: Reconstructed::StepsOnly,
            },
            (None, false) => AsSubmitted {
                case: at,
                how: Reconstructed::Unmatched,
            },
        }
    }

    /// The first cut after `sub` (records a phone's clock put after it) that `matches`,
    /// holding the signatures and submissions recorded up to `sub`. When the step
    /// records match already (`steps_match`), only a later disclosure or ending can mend
    /// the annex: only those are tried.
    fn later_match(
        &self,
        sub: &Submitted,
        steps_match: bool,
        matches: &dyn Fn(&Case) -> bool,
    ) -> Option<Case> {
        let key = (sub.recorded_at, sub.id.as_str());
        let annex_record =
            |k: &FoldKey| self.disclosures.contains_key(k.1) || self.endings.contains_key(k.1);
        self.later_keys(key)
            .into_iter()
            .filter(|k| !steps_match || annex_record(k))
            .map(|k| self.cut(k, key))
            .find(|c| matches(c))
    }

    /// The signature that stood on each line when `sub` was made (a line missing:
    /// nobody had signed it then): those of its node over the same digests as `sub`
    /// (the records it covered), resolved as [`Case::signature_states`] resolves lines,
    /// none recorded after it in fold order nor dated after it (a submission is never
    /// dated before its signatures: one dated later, whatever its phone's clock says,
    /// was signed after it and neither stands nor withdraws another for it). Old records
    /// without digests: those that saw the records as they stood then.
    pub fn signed_for(&self, sub: &Submitted) -> BTreeMap<SignOff, Signature> {
        let mut then = self.as_submitted(sub).case;
        then.signatures.retain(|_, s| s.on <= sub.on);
        let same = |a: &str, b: &str| a.is_empty() || b.is_empty() || a == b;
        let saw = |s: &Signature| match sub.over.is_empty() || s.over.is_empty() {
            false => s.over == sub.over && same(&s.annex, &sub.annex),
            true => then.saw_node(sub.node, &s.over, &s.annex, s.recorded_at),
        };
        let states = then.states_where(sub.node, &saw).into_iter();
        let valid = states.filter(|(_, st)| *st == SignatureState::Valid);
        valid.map(|(s, _)| (s.sign, s.clone())).collect()
    }

    /// The lines [`Case::signed_for`] leaves unsigned that a signature recorded after
    /// `sub` in fold order fills: one over exactly its digests and dated no later, that
    /// stands when every such signature is counted. A submission with digests was made
    /// with every line signed over them, so a line unsigned in fold order means a
    /// phone's clock put its signature late; the one person who signed it so is shown,
    /// said to be recorded later (none when two people did, or for old records).
    /// `before`: its `signed_for(sub)`.
    pub fn signed_for_recorded_later(
        &self,
        sub: &Submitted,
        before: &BTreeMap<SignOff, Signature>,
    ) -> BTreeMap<SignOff, Signature> {
        if sub.over.is_empty() || SignOff::CHAIN.iter().all(|l| before.contains_key(l)) {
            return BTreeMap::new();
        }
        let mut all = self.as_submitted(sub).case;
        all.signatures = self.signatures.clone();
        all.signatures.retain(|_, s| s.on <= sub.on);
        let saw =
            |s: &Signature| s.over == sub.over && (s.annex.is_empty() || s.annex == sub.annex);
        let states = all.states_where(sub.node, &saw).into_iter();
        let valid =
            states.filter(|(s, st)| *st == SignatureState::Valid && !before.contains_key(&s.sign));
        valid.map(|(s, _)| (s.sign, s.clone())).collect()
    }
}

/// The states of one line's candidates, given the people standing on earlier lines
/// (`lines`, updated).
fn line_states<'a>(
    line: SignOff,
    candidates: Option<Vec<&'a Signature>>,
    lines: &mut BTreeMap<String, SignOff>,
) -> Vec<(&'a Signature, SignatureState)> {
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for s in candidates.unwrap_or_default() {
        match lines.get(&person(&s.signer)) {
            Some(earlier) => out.push((s, SignatureState::SameSigner(*earlier))),
            None => rest.push(s),
        }
    }
    let people: BTreeSet<String> = rest.iter().map(|s| person(&s.signer)).collect();
    let state = if people.len() > 1 {
        SignatureState::Competing
    } else {
        SignatureState::Valid
    };
    for (i, s) in rest.into_iter().enumerate() {
        let repeated = state == SignatureState::Valid && i > 0;
        out.push((
            s,
            if repeated {
                SignatureState::Repeated
            } else {
                state
            },
        ));
    }
    for p in people {
        lines.insert(p, line);
    }
    out
}

/// The conflict of two people on one line.
pub(super) fn competing(line: SignOff) -> Missing {
    missing(
        "w4.sign_conflict",
        format!(
            "「{}」栏有两人在不同手机上签字，须由应签字的人在该栏“以我为准重新签字”",
            line.label_in(true)
        ),
        format!(
            "Two people signed the {} line on different phones; the right signer signs it again (“Sign again, replacing the others”)",
            line.label_in(false)
        ),
    )
}

fn rule(m: Missing) -> V {
    V::new(m.code, m.zh, m.en)
}

/// Signing: the record complete and free of conflicts up to the node's last step and
/// nothing to review, the chain in order over the records as they stand, the re-check
/// by someone other than the recorders, one person on one line. `replacing`: the
/// signatures of this line a resolution replaces.
pub(super) fn sign_rules(
    selection: &CadreSelection,
    c: &Case,
    node: Submission,
    sign: SignOff,
    replacing: &[String],
    policy: &Policy,
    actor: &Actor,
) -> Result<(), V> {
    let names = Names(Some(selection));
    for step in Step::ALL.into_iter().filter(|s| *s <= node.last_step()) {
        if let Some(m) = c
            .missing_named(step, &policy.cadre_selection, names)
            .first()
        {
            return Err(V::new(
                "w4.incomplete",
                format!("纪实记录不完整，不能签字：{}", m.zh),
                format!("The record is incomplete and cannot be signed: {}", m.en),
            ));
        }
    }
    let except = (!replacing.is_empty()).then_some(sign);
    if let Some(m) = c.sign_off_blocked(selection, node, except, actor.today) {
        return Err(rule(m));
    }
    if replacing.is_empty() {
        if let Some(m) = c
            .signature_conflicts(node)
            .into_iter()
            .find(|(l, _)| *l == sign)
            .map(|(l, _)| competing(l))
        {
            return Err(rule(m));
        }
    }
    let signed = c.signed(node);
    if replacing.is_empty() && signed.contains_key(&sign) {
        return Err(V::new(
            "w4.duplicate",
            format!("「{}」已签字", sign.label_in(true)),
            format!("The {} line is signed already", sign.label_in(false)),
        ));
    }
    chain_order(&signed, sign)?;
    if sign == SignOff::Recheck && c.recorded_by(&actor.name, Step::Probation) {
        return Err(V::new(
            "w4.recheck_self",
            "复核须由记录人以外的工作人员进行",
            "The re-check must be done by someone other than the recorder",
        ));
    }
    let me = person(&actor.name);
    if signed
        .values()
        .any(|s| person(&s.signer) == me && s.sign != sign)
    {
        return Err(V::new(
            "w4.same_signer",
            "同一人不能在纪实表上签两栏",
            "One person cannot sign two lines of the record",
        ));
    }
    Ok(())
}

/// The line before `sign` must be signed.
fn chain_order(signed: &BTreeMap<SignOff, &Signature>, sign: SignOff) -> Result<(), V> {
    let pos = SignOff::CHAIN.iter().position(|s| *s == sign).unwrap_or(0);
    let prev = pos
        .checked_sub(1)
        .and_then(|i| SignOff::CHAIN.get(i))
        .copied();
    match prev.filter(|p| !signed.contains_key(p)) {
        Some(prev) => Err(V::new(
            "w4.sign_order",
            format!(
                "须先由「{}」签字，再由「{}」签字",
                prev.label_in(true),
                sign.label_in(true)
            ),
            format!(
                "The {} line must be signed before the {} line",
                prev.label_in(false),
                sign.label_in(false)
            ),
        )),
        None => Ok(()),
    }
}

/// A resolution names live signatures of this node's line, at least one.
pub(super) fn replaced_signatures(
    c: &Case,
    node: Submission,
    sign: SignOff,
    mut named: Vec<String>,
) -> Result<Vec<String>, V> {
    sorting::sort(&mut named);
    named.dedup();
    let states = c.signature_states(node);
    let live = |id: &String| {
        states
            .iter()
            .any(|(s, st)| &s.id == id && s.sign == sign && *st != SignatureState::Withdrawn)
    };
    if named.is_empty() || !named.iter().all(live) {
        return Err(V::new(
            "w4.correct_target",
            "要取代的签字不存在、不属于这一栏或已被取代",
            "The signature to replace does not exist, is not on this line, or was replaced already",
        ));
    }
    Ok(named)
}

fn submit_date(zh: String, en: String) -> V {
    V::new("w4.submit_date", zh, en).on("on")
}

/// Submitting: nothing to review, the chain signed over the records as they stand,
/// the initial node before the second, dated after what it covers and not in the
/// future.
pub(super) fn submit_rules(
    selection: &CadreSelection,
    c: &Case,
    node: Submission,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), V> {
    if c.submission(node).is_some() {
        return Err(V::new(
            "w4.duplicate",
            format!("已{}", node.label_in(true)),
            format!("{} done already", node.label_in(false)),
        ));
    }
    if node == Submission::Second && c.submission(Submission::Initial).is_none() {
        return Err(V::new(
            "w4.submit_order",
            "须先初次提交（内容更正后须重新签字并初次提交）",
            "The initial submission comes first (again, after a correction)",
        ));
    }
    if let Some(m) = c.sign_off_blocked(selection, node, None, today) {
        return Err(rule(m));
    }
    let signed = c.signed(node);
    if let Some(s) = SignOff::CHAIN.iter().find(|s| !signed.contains_key(s)) {
        return Err(V::new(
            "w4.unsigned",
            format!(
                "「{}」尚未签字（或内容更正后尚未重新签字），不能提交",
                s.label_in(true)
            ),
            format!(
                "The {} line is not signed (or not again since a correction)",
                s.label_in(false)
            ),
        ));
    }
    not_future(on, today, "on")?;
    submit_dates(c, node, on, &signed)
}

/// A submission is not dated before what it covers, nor before its signatures.
fn submit_dates(
    c: &Case,
    node: Submission,
    on: NaiveDate,
    signed: &BTreeMap<SignOff, &Signature>,
) -> Result<(), V> {
    let covered = match node {
        Submission::Initial => c.decision_date(),
        Submission::Second => c.appointed().values().map(|a| a.1).max(),
    };
    if let Some(d) = covered.filter(|d| on < *d) {
        let (zh, en) = match node {
            Submission::Initial => ("讨论决定", "decision"),
            Submission::Second => ("任职", "appointment"),
        };
        return Err(submit_date(
            format!("{}日期不能早于{zh}日期 {d}", node.label_in(true)),
            format!("The submission cannot precede the {en} of {d}"),
        ));
    }
    if let Some(d) = signed.values().map(|s| s.on).max().filter(|d| on < *d) {
        return Err(submit_date(
            format!("提交日期不能早于签字日期 {d}"),
            format!("The submission cannot precede the signatures of {d}"),
        ));
    }
    Ok(())
}
