//! The top-level command: every workflow's commands, dispatched to its decider.

use super::event::EventBody;
use super::state::{Actor, State};
use super::{access, cadre_selection, village_pay, RuleViolation};
use crate::domain::workflows::MasterEvent;

/// A command of any workflow.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Village performance pay (and master data, policy).
    VillagePay(village_pay::Command),
    /// Cadre selection records.
    CadreSelection(cadre_selection::Command),
}

impl From<village_pay::Command> for Command {
    fn from(c: village_pay::Command) -> Self {
        Command::VillagePay(c)
    }
}

impl From<cadre_selection::Command> for Command {
    fn from(c: cadre_selection::Command) -> Self {
        Command::CadreSelection(c)
    }
}

/// Validate a command and return the events to record. Whatever the workflow
/// decides, every event must be one the actor's role may write (`access`, the table
/// the server enforces too), so the phone never records what the server would refuse; no
/// text may be longer than anyone types (`record::check_text`); and a new version of
/// shared data (master data, a policy of one effective date) names the versions it
/// replaces, so versions made on two phones at once show as a conflict.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    if let Command::VillagePay(village_pay::Command::Grade { township, .. }) = &cmd {
        shared_data_settled(state, township)?;
    }
    let mut bodies = match cmd {
        Command::VillagePay(c) => village_pay::decide(state, c, actor),
        Command::CadreSelection(c) => cadre_selection::decide(state, c, actor),
    }?;
    for b in &mut bodies {
        may_write(actor, b)?;
        own_township(state, actor, b)?;
        super::record::check_text(b)?;
        name_replaced_versions(state, b);
    }
    Ok(bodies)
}

/// Refuse an event the actor's role may not write (`access`).
fn may_write(actor: &Actor, b: &EventBody) -> Result<(), RuleViolation> {
    if access::may_write(actor.role, b) {
        return Ok(());
    }
    Err(RuleViolation::new(
        "auth.role",
        format!(
            "“{}”无权记录此类内容（{}）",
            actor.role.label(true),
            b.kind()
        ),
        format!(
            "A {} may not record this ({})",
            actor.role.label(false),
            b.kind()
        ),
    ))
}

/// Refuse a village-pay record for a township the actor is not a member of (when the
/// actor's townships are known): it would go into a database they cannot write, and
/// would not count anywhere else.
fn own_township(state: &State, actor: &Actor, b: &EventBody) -> Result<(), RuleViolation> {
    if actor.townships.is_empty() {
        return Ok(());
    }
    let Some(access::Scope::Township(t)) = access::scope_of_body(b, &state.master) else {
        return Ok(());
    };
    if actor.townships.contains(&t) {
        return Ok(());
    }
    let name = state
        .master
        .townships
        .get(&t)
        .map_or_else(|| t.clone(), |x| x.name.clone());
    Err(RuleViolation::new(
        "auth.township",
        format!("您不是“{name}”的工作人员，不能记录该乡镇的嘎查村考评"),
        format!(
            "You are not a member of {name}; you may record village pay only for your own township"
        ),
    ))
}

/// Fill in which versions of a shared record a new version replaces: those live now.
fn name_replaced_versions(state: &State, body: &mut EventBody) {
    use super::master::Part;
    let m = &state.master;
    match body {
        EventBody::Master(MasterEvent::TownshipRecorded {
            township,
            supersedes,
            ..
        }) => *supersedes = Some(m.live_ids(Part::Township, township)),
        EventBody::Master(MasterEvent::VillageRecorded {
            village,
            supersedes,
            ..
        }) => *supersedes = Some(m.live_ids(Part::Village, village)),
        EventBody::Master(MasterEvent::HeadsRecorded {
            village,
            supersedes,
            ..
        }) => *supersedes = Some(m.live_ids(Part::Heads, village)),
        EventBody::Master(MasterEvent::PolicyChanged {
            effective_from,
            supersedes,
            ..
        }) => *supersedes = Some(state.policies.live_ids(*effective_from)),
        _ => {}
    }
}

/// Grading needs settled master data (population sets base pay) and policy.
fn shared_data_settled(state: &State, township: &str) -> Result<(), RuleViolation> {
    if state.master.township_conflicted(township) {
        return Err(RuleViolation::new(
            "master.conflict",
            "本乡镇的基础信息（村名、人口或村干部）在两部手机上被同时修改，须先由管理员在“基础信息”页确认",
            "This township's master data (a village's name, population or heads) was edited on two phones at once; the administrator must settle it on the Villages page first",
        ));
    }
    if !state.policies.conflicts().is_empty() {
        return Err(RuleViolation::new(
            "policy.conflict",
            "有两项同一生效日期的政策变更互不知情、内容不同，须先由管理员在“数据备份 → 政策参数”中确认",
            "Two policy changes of one effective date were made without seeing each other; the administrator must settle them under Data → Policy first",
        ));
    }
    Ok(())
}
