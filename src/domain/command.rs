//! The top-level command: every workflow's commands, dispatched to its decider.

use super::event::EventBody;
use super::state::{Actor, State};
use super::{w1, w4, RuleViolation};

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
/// decides, no text may be longer than anyone types (`record::check_text`).
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    let bodies = match cmd {
        Command::W1(c) => w1::decide(state, c, actor),
        Command::W4(c) => w4::decide(state, c, actor),
    }?;
    for b in &bodies {
        super::record::check_text(b)?;
    }
    Ok(bodies)
}
