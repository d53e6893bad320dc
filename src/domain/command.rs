//! The top-level command: every workflow's commands, dispatched to its decider.

use super::event::EventBody;
use super::state::{Actor, State};
use super::{access, w1, w4, RuleViolation};

/// A command of any workflow.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Village performance pay (and master data, policy).
    W1(w1::Command),
    /// Cadre selection records.
    W4(w4::Command),
}

impl From<w1::Command> for Command {
    fn from(c: w1::Command) -> Self {
        Command::W1(c)
    }
}

impl From<w4::Command> for Command {
    fn from(c: w4::Command) -> Self {
        Command::W4(c)
    }
}

/// Validate a command and return the events to record. Whatever the workflow
/// decides, every event must be one the actor's role may write (`access`, the table
/// the server enforces too), so the phone never records what the server would refuse.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    let bodies = match cmd {
        Command::W1(c) => w1::decide(state, c, actor),
        Command::W4(c) => w4::decide(state, c, actor),
    }?;
    if let Some(b) = bodies.iter().find(|b| !access::may_write(actor.role, b)) {
        return Err(RuleViolation::new(
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
        ));
    }
    Ok(bodies)
}
