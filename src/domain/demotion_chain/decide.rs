//! What the organization department may record in the demotion chain, and why not: a
//! case opened on a standard of the catalogue with its facts; the six steps in strict
//! order, each dated no earlier than the one before, 综合分析 saying whether the cadre
//! is unfit, 讨论决定 naming the disposal (or none); a correction naming what it replaces
//! and why; follow-ups once filed; the follow-up's end.

use chrono::NaiveDate;

use super::event::{
    DemotionChainEvent, DemotionStep, Disposal, FollowUpKind, StandardKind, StepContent,
};
use super::progress::{progress, step, Phase};
use crate::domain::access::only_roles;
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::state::Actor;
use crate::domain::versions::{Standing, Versions};
use crate::domain::{RuleViolation, State};

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Open cases, record their steps and follow-ups.
    Record,
}

impl Action {
    /// The roles allowed: the organization department's recorder and approver.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Recorder, Role::Approver]
    }

    /// Whether `role` may.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(self.roles(), "记录能上能下处置", "record demotion cases")
    }
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Open a case (动议启动).
    Open {
        /// A new id.
        case: String,
        /// The cadre.
        cadre: String,
        /// The standard, from the catalogue.
        standard: String,
        /// The facts (事实依据).
        facts: String,
        /// The evidence the records gave (computed standards).
        evidence: String,
        /// Who proposed it.
        proposer: String,
        /// The day.
        on: NaiveDate,
    },
    /// Record (or correct) a step.
    Step {
        /// The case.
        case: String,
        /// Which step.
        step: DemotionStep,
        /// What it records.
        record: StepContent,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions it replaces (a correction; empty for a first record).
        replaces: Vec<String>,
    },
    /// Record a talk or visit.
    FollowUp {
        /// The case.
        case: String,
        /// Talk or visit.
        kind: FollowUpKind,
        /// Who held it.
        by: String,
        /// What was found.
        note: String,
        /// The day.
        on: NaiveDate,
    },
    /// Correct or withdraw a talk or visit recorded.
    FixFollowUp {
        /// The case.
        case: String,
        /// The record (the id of the event that first recorded it).
        record: String,
        /// Talk or visit.
        kind: FollowUpKind,
        /// Who held it.
        by: String,
        /// What was found.
        note: String,
        /// The day.
        on: NaiveDate,
        /// Whether to withdraw it (recorded by mistake).
        withdrawn: bool,
        /// Why.
        reason: String,
        /// The versions on the page as drawn.
        seen: Vec<String>,
    },
    /// End the follow-up (or correct its end).
    Close {
        /// The case.
        case: String,
        /// Whether the cadre was used again.
        reinstated: bool,
        /// The post given.
        post: String,
        /// Why.
        note: String,
        /// The day.
        on: NaiveDate,
        /// Why it is corrected.
        reason: String,
        /// The versions it replaces.
        seen: Vec<String>,
    },
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Record.roles(), actor)?;
    let today = actor.today;
    let events = match cmd {
        Command::Open {
            case,
            cadre,
            standard,
            facts,
            evidence,
            proposer,
            on,
        } => open(
            state,
            case,
            cadre,
            standard,
            (facts, evidence, proposer),
            on,
            today,
        )?,
        Command::Step {
            case,
            step,
            record,
            on,
            reason,
            replaces,
        } => vec![record_step(
            state,
            case,
            step,
            record,
            on,
            (reason, replaces),
            today,
        )?],
        Command::FollowUp {
            case,
            kind,
            by,
            note,
            on,
        } => {
            let filed = under_follow_up(state, &case, false)?;
            dated(on, filed, today, DemotionStep::Filing)?;
            vec![DemotionChainEvent::DemotionFollowedUp {
                case,
                follow_up: kind,
                by: required(&by, "by", "谈话（回访）人", "Held by")?,
                note: required(&note, "note", "情况", "What was found")?,
                on,
                corrects: String::new(),
                withdrawn: false,
                reason: String::new(),
                supersedes: Vec::new(),
            }]
        }
        Command::FixFollowUp {
            case,
            record,
            kind,
            by,
            note,
            on,
            withdrawn,
            reason,
            seen,
        } => vec![fix_follow_up(
            state,
            case,
            record,
            (kind, by, note, on),
            (withdrawn, reason, seen),
            today,
        )?],
        Command::Close {
            case,
            reinstated,
            post,
            note,
            on,
            reason,
            seen,
        } => {
            let since = under_follow_up(state, &case, true)?;
            let filed_yet = progress(state, &case).is_some_and(|p| p.filed_on.is_some());
            let records = state.demotion_chain.follow_ups.get(&case);
            let last = records
                .into_iter()
                .flat_map(|r| r.standing())
                .map(|(_, f, _)| f.on)
                .max();
            if let Some(last) = last.filter(|last| on < *last) {
                let e = refuse(
                    "demotion.date",
                    format!("结束日期不能早于最后一次谈话或回访（{last}）"),
                    format!("The end cannot precede the last talk or visit ({last})"),
                );
                return Err(e.on("on"));
            }
            let from = if filed_yet {
                DemotionStep::Filing
            } else {
                DemotionStep::Initiation
            };
            dated(on, since, today, from)?;
            if reinstated && !filed_yet {
                let e = refuse(
                    "demotion.not_filed",
                    "尚未备案的事项只能撤销，不能记录重新使用".into(),
                    "A case not filed can only be withdrawn".into(),
                );
                return Err(e.on("reinstated"));
            }
            let versions = state.demotion_chain.closings.get(&case);
            let supersedes = replaced(versions, &seen);
            let reason = match supersedes.is_empty() {
                true => String::new(),
                false => required(&reason, "reason", "更正原因", "Reason for the correction")?,
            };
            let post = match reinstated {
                true => required(&post, "post", "重新使用的职务", "Post given")?,
                false => post.trim().to_string(),
            };
            vec![DemotionChainEvent::DemotionClosed {
                case,
                reinstated,
                // Before filing, an end is the case withdrawn.
                withdrawn: !filed_yet,
                post_given: post,
                note: required(&note, "note", "说明", "Note")?,
                on,
                reason,
                supersedes,
            }]
        }
    };
    Ok(events.into_iter().map(EventBody::DemotionChain).collect())
}

/// A talk or visit corrected or withdrawn: the record exists, the case was filed, the day
/// falls between the filing and today, and the reason is given.
fn fix_follow_up(
    state: &State,
    case: String,
    record: String,
    (kind, by, note, on): (FollowUpKind, String, String, NaiveDate),
    (withdrawn, reason, seen): (bool, String, Vec<String>),
    today: NaiveDate,
) -> Result<DemotionChainEvent, RuleViolation> {
    let p = progress(state, &case);
    let Some(filed) = p.as_ref().and_then(|p| p.filed_on) else {
        return Err(refuse(
            "demotion.not_filed",
            "该事项的备案记录尚未确定（未记录或两部手机记录不一致），暂不能更正跟踪记录".into(),
            "The filing is not settled: the follow-up cannot be corrected yet".into(),
        ));
    };
    // Once the follow-up ended, a talk stays within it.
    let ended = p.and_then(|p| match p.phase {
        Phase::Closed(c) => Some(c.on),
        _ => None,
    });
    let versions = state
        .demotion_chain
        .follow_ups
        .get(&case)
        .and_then(|r| r.by_id.get(&record));
    let Some(versions) = versions else {
        let e = refuse(
            "demotion.no_record",
            "没有这条谈话或回访记录".into(),
            "No such talk or visit".into(),
        );
        return Err(e.on("record"));
    };
    let Some(current) = crate::domain::versions::Records::content(versions) else {
        let e = refuse(
            "demotion.no_record",
            "这条记录已撤销".into(),
            "This record was withdrawn".into(),
        );
        return Err(e.on("record"));
    };
    let supersedes = replaced(Some(versions), &seen);
    if supersedes.is_empty() {
        return Err(refuse(
            "demotion.stale",
            "页面上的记录已有新版本，请刷新后再更正".into(),
            "The record has changed since the page was drawn: look again".into(),
        ));
    }
    let reason = required(&reason, "reason", "更正原因", "Reason for the correction")?;
    let (kind, by, note, on) = match withdrawn {
        true => (
            current.kind,
            current.by.clone(),
            current.note.clone(),
            current.on,
        ),
        false => {
            dated(on, filed, today, DemotionStep::Filing)?;
            if let Some(end) = ended.filter(|end| on > *end) {
                let e = refuse(
                    "demotion.date",
                    format!("日期不能晚于跟踪结束之日（{end}）"),
                    format!("The day cannot be after the follow-up ended ({end})"),
                );
                return Err(e.on("on"));
            }
            let by = required(&by, "by", "谈话（回访）人", "Held by")?;
            (
                kind,
                by,
                required(&note, "note", "情况", "What was found")?,
                on,
            )
        }
    };
    Ok(DemotionChainEvent::DemotionFollowedUp {
        case,
        follow_up: kind,
        by,
        note,
        on,
        corrects: record,
        withdrawn,
        reason,
        supersedes,
    })
}

/// The standards of the catalogue in force on `on`: the two computed, then the
/// quantitative and the qualitative ones of policy.
pub fn catalogue(state: &State, on: NaiveDate) -> Vec<(String, StandardKind)> {
    let policy = state.policies.at(on).demotion_chain;
    let computed = [
        policy.bottom_standard(true),
        policy.integrity_standard(true),
    ];
    let quantitative = computed
        .into_iter()
        .chain(policy.quantitative.iter().cloned());
    let quantitative = quantitative.map(|s| (s, StandardKind::Quantitative));
    let qualitative = policy
        .qualitative
        .iter()
        .map(|s| (s.clone(), StandardKind::Qualitative));
    quantitative.chain(qualitative).collect()
}

fn open(
    state: &State,
    case: String,
    cadre: String,
    standard: String,
    (facts, evidence, proposer): (String, String, String),
    on: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<DemotionChainEvent>, RuleViolation> {
    crate::domain::id::check(&case, "case", "处置事项编号", "Case id")?;
    crate::domain::id::check(&cadre, "cadre", "干部", "Cadre")?;
    if state.cadre_selection.cadre(&cadre).is_none() {
        let e = refuse(
            "demotion.cadre",
            "干部库中没有这名干部".into(),
            "No such cadre in the pool".into(),
        );
        return Err(e.on("cadre"));
    }
    if state.demotion_chain.cases.contains_key(&case) {
        return Err(refuse(
            "demotion.case_exists",
            "该处置事项已存在".into(),
            "This case exists already".into(),
        ));
    }
    if let Some(open) = open_on(state, &cadre, standard.trim()) {
        return Err(refuse(
            "demotion.duplicate",
            format!(
                "该干部依据这条标准的处置事项（{}动议）尚未办结",
                open.head.opened_on
            ),
            format!(
                "A case of this cadre on this standard (opened {}) is still open",
                open.head.opened_on
            ),
        ));
    }
    // The catalogue as the form offers it today (a standard added since may open a case
    // dated before it was added).
    let Some((standard, kind)) = catalogue(state, today)
        .into_iter()
        .find(|(s, _)| *s == standard.trim())
    else {
        let e = refuse(
            "demotion.standard",
            "请从标准目录中选择一条标准（目录由旗县委组织部在政策参数中维护）".into(),
            "Choose a standard of the catalogue (the county keeps it in the policy)".into(),
        );
        return Err(e.on("standard"));
    };
    if on > today {
        let e = refuse(
            "demotion.date",
            format!("日期不能晚于今天（{today}）"),
            format!("The day cannot be after today ({today})"),
        );
        return Err(e.on("on"));
    }
    let facts = required(&facts, "facts", "事实依据", "Facts")?;
    let proposer = required(&proposer, "proposer", "动议人", "Proposed by")?;
    let text = format!("{proposer}：{facts}");
    let record = StepContent {
        text,
        unfit: None,
        disposal: None,
        evidence: evidence.trim().to_string(),
    };
    Ok(vec![
        DemotionChainEvent::DemotionOpened {
            case: case.clone(),
            cadre,
            standard,
            kind,
            on,
        },
        DemotionChainEvent::DemotionStepRecorded {
            case,
            step: DemotionStep::Initiation,
            record,
            on,
            reason: String::new(),
            supersedes: Vec::new(),
        },
    ])
}

fn record_step(
    state: &State,
    case: String,
    s: DemotionStep,
    record: StepContent,
    on: NaiveDate,
    (reason, replaces): (String, Vec<String>),
    today: NaiveDate,
) -> Result<DemotionChainEvent, RuleViolation> {
    let Some(p) = progress(state, &case) else {
        return Err(refuse(
            "demotion.no_case",
            "没有这个处置事项".into(),
            "No such case".into(),
        ));
    };
    let versions = state.demotion_chain.steps.get(&(case.clone(), s));
    let supersedes = replaced(versions, &replaces);
    let correcting = !supersedes.is_empty();
    let record = content_ok(s, record)?;
    match correcting {
        true => correction_ok(state, &p, s, &record, on)?,
        false => in_order(&p.phase, s)?,
    }
    let before = s.before().and_then(|b| match step(state, &case, b) {
        Standing::One(e) => Some(e.on),
        _ => None,
    });
    dated(
        on,
        before.unwrap_or(p.head.opened_on),
        today,
        s.before().unwrap_or(s),
    )?;
    let reason = match correcting {
        true => required(&reason, "reason", "更正原因", "Reason for the correction")?,
        false => String::new(),
    };
    Ok(DemotionChainEvent::DemotionStepRecorded {
        case,
        step: s,
        record,
        on,
        reason,
        supersedes,
    })
}

/// A correction of `s`: every step before it stands as one record, the case did not end
/// before it, it keeps its conclusion once a later step is recorded (the 认定 and the
/// disposal the later steps rest on), and it is dated no later than the next step.
fn correction_ok(
    state: &State,
    p: &super::progress::Progress,
    s: DemotionStep,
    record: &StepContent,
    on: NaiveDate,
) -> Result<(), RuleViolation> {
    let case = &p.head.id;
    let unsettled = DemotionStep::ALL
        .into_iter()
        .take_while(|b| *b < s)
        .find(|b| !matches!(step(state, case, *b), Standing::One(_)));
    if let Some(b) = unsettled {
        return Err(refuse(
            "demotion.order",
            format!(
                "「{}」尚未记录或记录不一致，不能更正其后的环节",
                b.label(true)
            ),
            format!(
                "{} is not settled: later steps cannot be corrected",
                b.label(false)
            ),
        ));
    }
    if p.filed_on.is_none() && matches!(p.phase, Phase::Closed(_) | Phase::ClosingHeld) {
        return Err(refuse(
            "demotion.withdrawn",
            "该事项已撤销：如撤销有误，请先更正撤销记录".into(),
            "The case is withdrawn: correct the withdrawal first".into(),
        ));
    }
    if s == DemotionStep::Filing {
        filing_ok(state, p, on)?;
    }
    if let Phase::Ended(at) = p.phase {
        if at < s {
            return Err(refuse(
                "demotion.order",
                format!("该事项已在「{}」环节终结", at.label(true)),
                format!("The case ended at {}", at.label(false)),
            ));
        }
    }
    let next = s.after().map(|n| step(state, case, n));
    let later = next.filter(|n| !matches!(n, Standing::None));
    let Some(later) = later else {
        return Ok(());
    };
    let live = state.demotion_chain.steps.get(&(case.clone(), s));
    let each = live.map(|v| v.live()).unwrap_or_default();
    let changes = each.iter().any(|v| {
        v.value.record.unfit != record.unfit || v.value.record.disposal != record.disposal
    });
    if changes {
        return Err(refuse(
            "demotion.conclusion",
            format!("其后的环节已记录，不能再改变「{}」的结论", s.label(true)),
            format!(
                "Later steps are recorded: {}'s conclusion cannot change",
                s.label(false)
            ),
        ));
    }
    if let Standing::One(n) = later {
        if on > n.on {
            let e = refuse(
                "demotion.date",
                format!("日期不能晚于下一环节的日期（{}）", n.on),
                format!("The day cannot be after the next step's ({})", n.on),
            );
            return Err(e.on("on"));
        }
    }
    Ok(())
}

/// A corrected 备案 day: not after the follow-up's end, nor after a talk or visit held.
fn filing_ok(
    state: &State,
    p: &super::progress::Progress,
    on: NaiveDate,
) -> Result<(), RuleViolation> {
    let case = &p.head.id;
    let ended = match &p.phase {
        Phase::Closed(c) => Some(c.on),
        _ => None,
    };
    let held = state.demotion_chain.follow_ups.get(case);
    let first = held
        .into_iter()
        .flat_map(|f| f.standing())
        .map(|(_, f, _)| f)
        .map(|f| f.on)
        .min();
    let limit = [ended, first].into_iter().flatten().min();
    match limit {
        Some(l) if on > l => {
            let e = refuse(
                "demotion.date",
                format!("备案日期不能晚于已记录的跟踪或结束日期（{l}）"),
                format!("The filing cannot be after a follow-up or the end already recorded ({l})"),
            );
            Err(e.on("on"))
        }
        _ => Ok(()),
    }
}

/// A first record of `s` only where the case stands at it.
fn in_order(phase: &Phase, s: DemotionStep) -> Result<(), RuleViolation> {
    let (zh, en) = match phase {
        Phase::Next(next) if *next == s => return Ok(()),
        Phase::Next(next) if *next < s => (
            format!("请先记录「{}」：六个环节须依次进行", next.label(true)),
            format!(
                "Record {} first: the six steps go in order",
                next.label(false)
            ),
        ),
        Phase::Held(held) => (
            format!("「{}」在两部手机上记录不一致，请先更正", held.label(true)),
            format!(
                "{} differs between two phones: correct it first",
                held.label(false)
            ),
        ),
        Phase::Ended(at) => (
            format!("该事项已在「{}」环节终结，不再处置", at.label(true)),
            format!("The case ended at {}", at.label(false)),
        ),
        _ => (
            format!("「{}」已记录；如需修改请更正", s.label(true)),
            format!("{} is recorded; correct it instead", s.label(false)),
        ),
    };
    Err(refuse("demotion.order", zh, en))
}

fn content_ok(s: DemotionStep, mut record: StepContent) -> Result<StepContent, RuleViolation> {
    let (zh, en) = match s {
        DemotionStep::Initiation => ("事实依据", "Facts"),
        DemotionStep::Investigation => ("调查核实情况", "Findings"),
        DemotionStep::Analysis => ("综合分析意见", "Analysis"),
        DemotionStep::Decision => ("会议及表决情况", "Meeting and votes"),
        DemotionStep::Notice => ("谈话情况", "The talk"),
        DemotionStep::Filing => ("备案情况", "Filing"),
    };
    record.text = required(&record.text, "text", zh, en)?;
    record.evidence = record.evidence.trim().to_string();
    if s == DemotionStep::Analysis && record.unfit.is_none() {
        let e = refuse(
            "demotion.unfit",
            "请选择是否认定为不胜任现职".into(),
            "Say whether the cadre is unfit for the post".into(),
        );
        return Err(e.on("unfit"));
    }
    if s != DemotionStep::Analysis {
        record.unfit = None;
    }
    if s != DemotionStep::Decision {
        record.disposal = None;
    }
    Ok(record)
}

/// The day a case under follow-up was filed, or why it is not under follow-up.
fn under_follow_up(state: &State, case: &str, closing: bool) -> Result<NaiveDate, RuleViolation> {
    let Some(p) = progress(state, case) else {
        return Err(refuse(
            "demotion.no_case",
            "没有这个处置事项".into(),
            "No such case".into(),
        ));
    };
    match (p.filed_on, &p.phase) {
        (Some(filed), Phase::FollowUp) => Ok(filed),
        (Some(filed), Phase::Closed(_) | Phase::ClosingHeld) if closing => Ok(filed),
        // Not filed yet: a case may be withdrawn (opened by mistake), or that corrected.
        (None, Phase::Next(_) | Phase::Held(_) | Phase::Closed(_) | Phase::ClosingHeld)
            if closing =>
        {
            Ok(p.head.opened_on)
        }
        (Some(_), Phase::Closed(_) | Phase::ClosingHeld) => Err(refuse(
            "demotion.closed",
            "跟踪已结束，不再记录谈话或回访".into(),
            "The follow-up has ended".into(),
        )),
        _ => Err(refuse(
            "demotion.not_filed",
            "备案后才开始跟踪谈话与回访".into(),
            "Follow-up starts once the case is filed".into(),
        )),
    }
}

fn dated(
    on: NaiveDate,
    after: NaiveDate,
    today: NaiveDate,
    of: DemotionStep,
) -> Result<(), RuleViolation> {
    if on >= after && on <= today {
        return Ok(());
    }
    let e = refuse(
        "demotion.date",
        format!(
            "日期应在「{}」之日（{after}）至今天（{today}）之间",
            of.label(true)
        ),
        format!(
            "The day must fall between {} ({after}) and today ({today})",
            of.label(false)
        ),
    );
    Err(e.on("on"))
}

/// The live versions among those named (what a new version replaces).
fn replaced<T>(versions: Option<&Versions<T>>, seen: &[String]) -> Vec<String> {
    let live = versions.map(|v| v.live_ids()).unwrap_or_default();
    live.into_iter().filter(|id| seen.contains(id)).collect()
}

/// A case of `cadre` on `standard` not yet ended or closed, if any.
pub fn open_on<'a>(
    state: &'a State,
    cadre: &str,
    standard: &str,
) -> Option<super::progress::Progress<'a>> {
    let same = state.demotion_chain.cases.values();
    let family = super::triggers::computed_family(standard);
    let alike = |s: &str| {
        s == standard || (family.is_some() && super::triggers::computed_family(s) == family)
    };
    let same = same.filter(|(_, h)| h.cadre == cadre && alike(&h.standard));
    same.filter_map(|(_, h)| progress(state, &h.id))
        .find(|p| !matches!(p.phase, Phase::Ended(_) | Phase::Closed(_)))
}

/// Whether a decided disposal is one of the kinds (for forms reading a choice).
pub fn disposal_of(key: &str) -> Option<Disposal> {
    Some(match key {
        "removal" => Disposal::Removal,
        "demotion" => Disposal::Demotion,
        "transfer" => Disposal::Transfer,
        "standby" => Disposal::Standby,
        "training" => Disposal::Training,
        "supervision" => Disposal::Supervision,
        _ => return None,
    })
}
