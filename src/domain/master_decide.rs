//! Deciding the county's master data and policy (基础信息, 政策参数): townships,
//! villages, their heads, and policy changes. Not a workflow: every workflow reads
//! them; the registry gives these commands their own variant (`Command::Master`).

use chrono::NaiveDate;

use crate::domain::event::{EventBody, Role};
use crate::domain::id;
use crate::domain::master::required;
use crate::domain::policy::Policy;
use crate::domain::state::{Actor, State};
use crate::domain::workflows::MasterEvent;
use crate::domain::RuleViolation as V;

/// What a user asks to do with master data or policy.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Add or rename a township (admin).
    RecordTownship { township: String, name: String },
    /// Add or update a village (admin), with its two heads if both are given.
    RecordVillage {
        village: String,
        township: String,
        name: String,
        population: u32,
        secretary: String,
        director: String,
    },
    /// Record the village's 书记 and 主任 (admin or organizer).
    RecordHeads {
        village: String,
        secretary: String,
        director: String,
    },
    /// Change policy from a date (admin).
    ChangePolicy {
        effective_from: NaiveDate,
        /// The policy (boxed: it is far larger than the other commands).
        policy: Box<Policy>,
    },
}

/// What a user may do with master data, asked before a form is shown: who may is what
/// [`decide`] enforces ([`Command::roles`] is its action's roles).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Townships, villages and policy (the county's master data).
    MasterData,
    /// A village's two heads (书记, 主任).
    Heads,
}

impl Action {
    /// Roles that may take this action.
    pub fn roles(self) -> &'static [Role] {
        match self {
            Action::MasterData => &[Role::Admin],
            Action::Heads => &[Role::Admin, Role::Organizer],
        }
    }

    /// Whether a user acting as `role` may take this action.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// Who may, in words, for a user who may not: "只有管理员可以录入乡镇、村和政策参数".
    pub fn only(self) -> V {
        let (zh, en) = match self {
            Action::MasterData => (
                "录入乡镇、村和政策参数",
                "record townships, villages and policy",
            ),
            Action::Heads => ("录入村干部", "record the village heads"),
        };
        crate::domain::access::only_roles(self.roles(), zh, en)
    }
}

impl Command {
    /// The action this command takes.
    pub fn action(&self) -> Action {
        match self {
            Command::RecordTownship { .. }
            | Command::RecordVillage { .. }
            | Command::ChangePolicy { .. } => Action::MasterData,
            Command::RecordHeads { .. } => Action::Heads,
        }
    }

    /// Roles allowed to issue this command.
    pub fn roles(&self) -> &'static [Role] {
        self.action().roles()
    }
}

/// Validate `cmd` by `actor` against `state`; return the events to record. Nothing is
/// recorded on error.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, V> {
    crate::domain::command::may_act(cmd.roles(), actor)?;
    match cmd {
        Command::RecordTownship { township, name } => record_township(state, township, name),
        Command::RecordVillage {
            village,
            township,
            name,
            population,
            secretary,
            director,
        } => record_village(
            state,
            (village, township, name, population),
            secretary,
            director,
        ),
        Command::RecordHeads {
            village,
            secretary,
            director,
        } => record_heads(state, village, secretary, director),
        Command::ChangePolicy {
            effective_from,
            policy,
        } => {
            policy.validate()?;
            Ok(vec![EventBody::Master(MasterEvent::PolicyChanged {
                effective_from,
                policy,
                supersedes: None,
            })])
        }
    }
}

/// The village's 书记 and 主任, both named.
fn record_heads(
    state: &State,
    village: String,
    secretary: String,
    director: String,
) -> Result<Vec<EventBody>, V> {
    state.master.village(&village)?;
    let secretary = required(
        &secretary,
        "secretary",
        "书记姓名",
        "Party secretary's name",
    )?;
    let director = required(&director, "director", "主任姓名", "Director's name")?;
    Ok(vec![EventBody::Master(MasterEvent::HeadsRecorded {
        village,
        secretary,
        director,
        supersedes: None,
    })])
}

fn record_township(state: &State, township: String, name: String) -> Result<Vec<EventBody>, V> {
    id::check(&township, "township", "乡镇编号", "Township id")?;
    let name = required(&name, "name", "乡镇名称", "Township name")?;
    if state
        .master
        .townships
        .values()
        .any(|t| t.name == name && t.id != township)
    {
        return Err(V::new(
            "master.duplicate",
            format!("已有名为“{name}”的乡镇"),
            format!("A township named {name} exists"),
        )
        .on("name"));
    }
    Ok(vec![EventBody::Master(MasterEvent::TownshipRecorded {
        township,
        name,
        supersedes: None,
    })])
}

fn record_village(
    state: &State,
    (village, township, name, population): (String, String, String, u32),
    secretary: String,
    director: String,
) -> Result<Vec<EventBody>, V> {
    id::check(&village, "village", "村编号", "Village id")?;
    state.master.township(&township)?;
    let name = required(&name, "name", "村名", "Village name")?;
    if state
        .master
        .villages
        .values()
        .any(|v| v.township == township && v.name == name && v.id != village)
    {
        return Err(V::new(
            "master.duplicate",
            format!("本乡镇已有名为“{name}”的村"),
            format!("This township already has a village named {name}"),
        )
        .on("name"));
    }
    let mut events = vec![EventBody::Master(MasterEvent::VillageRecorded {
        village: village.clone(),
        township,
        name,
        population,
        supersedes: None,
    })];
    let heads =
        crate::domain::master::heads(&secretary, &director).map_err(|mut all| all.remove(0))?;
    if let Some((secretary, director)) = heads {
        let current = state.master.villages.get(&village);
        if current.is_none_or(|v| v.secretary != secretary || v.director != director) {
            events.push(EventBody::Master(MasterEvent::HeadsRecorded {
                village,
                secretary,
                director,
                supersedes: None,
            }));
        }
    }
    Ok(events)
}
