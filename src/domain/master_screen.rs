//! The master-data page (基础信息) as a screen: the townships, each with its villages and
//! heads, records edited on two phones at once, and the forms each role may use — the
//! administrator adds and edits townships and villages, an organizer records a
//! village's heads, the others read who may.

use crate::domain::access::township_role;
use crate::domain::command::Command as AnyCommand;
use crate::domain::event::Role;
use crate::domain::form::Inputs;
use crate::domain::master::{Master, Part, Village};
use crate::domain::master_decide::{Action, Command};
use crate::domain::master_forms::{
    inputs_of, read_township, read_village, village_inputs, HeadsInput, HEADS_FORM, TOWNSHIP_FORM,
    VILLAGE_FORM,
};
use crate::domain::screen::Tone;
use crate::domain::screen::{not_this_form, t, Block, Card, FormBlock, Record, Screen, Sent};
use crate::domain::state::State;
use crate::domain::time::format_beijing;
use crate::domain::RuleViolation;

/// The master-data page for a user in `role`.
pub fn master_screen(state: &State, role: Option<Role>, zh: bool) -> Screen {
    let m = &state.master;
    let heads = crate::domain::screen::Link {
        text: t(
            zh,
            "村两委正职任职与退后关爱",
            "Village heads' tenures and care",
        ),
        route: crate::route::Route::VillageHeads(crate::domain::village_heads::Page::People),
    };
    let mut head = vec![
        Block::Title(t(zh, "基础信息", "Townships and villages")),
        Block::Actions {
            links: vec![heads],
            main: None,
        },
    ];
    head.push(match may(role, Action::MasterData) {
        true => Block::Form(Box::new(township_form(zh))),
        false => who_may(Action::MasterData, zh),
    });
    let mut screen = vec![Card::new(head)];
    #[cfg(feature = "bench-extra-form")]
    screen.push(Card::new(vec![Block::Form(Box::new(
        crate::domain::bench_form::sample_block(zh),
    ))]));
    screen.extend(conflicts_card(m, zh));
    let townships = m.townships_sorted().into_iter();
    screen.extend(townships.map(|t| township_card(m, (&t.id, &t.name), role, zh)));
    screen
}

fn township_form(zh: bool) -> FormBlock {
    let template = Command::RecordTownship {
        township: String::new(),
        name: String::new(),
    };
    let (button, done) = (
        t(zh, "添加乡镇", "Add township"),
        t(zh, "已添加乡镇", "Township added"),
    );
    let mut form = FormBlock::new(
        TOWNSHIP_FORM,
        template.into(),
        read_add_township,
        button,
        done,
    );
    form.testid = "add-township";
    form
}

/// One township: its server role, its villages (each editable by who may) and the
/// add-village form.
fn township_card(m: &Master, (id, name): (&str, &str), role: Option<Role>, zh: bool) -> Card {
    let server_role = format!(
        "{}{}",
        t(
            zh,
            "本乡镇人员的服务器角色：",
            "Server role of this township's staff: "
        ),
        township_role(id)
    );
    let villages = m.villages_of(id).into_iter();
    let mut blocks = vec![
        Block::Heading(name.to_string()),
        Block::line(crate::domain::screen::Tone::Hint, server_role).testid("township-role"),
        Block::Records {
            testid: "villages",
            records: villages.map(|v| village_record(v, role, zh)).collect(),
        },
    ];
    if may(role, Action::MasterData) {
        let mut add = village_form(id, None, zh);
        add.folded = Some(t(zh, "添加村", "Add village"));
        add.testid = "add-village";
        blocks.push(Block::Form(Box::new(add)));
    }
    Card::new(blocks).attr("data-testid", "township")
}

/// A village with its population and heads, and the form editing it that `role` may
/// use: the whole village (administrator) or its heads (organizer).
fn village_record(v: &Village, role: Option<Role>, zh: bool) -> Record {
    let line = if zh {
        format!(
            "人口 {} · 书记：{} · 主任：{}",
            v.population, v.secretary, v.director
        )
    } else {
        format!(
            "population {} · Secretary: {} · Director: {}",
            v.population, v.secretary, v.director
        )
    };
    let mut body = vec![Block::line(crate::domain::screen::Tone::Plain, line)];
    let edit = if may(role, Action::MasterData) {
        Some((
            village_form(&v.township, Some(v), zh),
            t(zh, "修改", "Edit"),
        ))
    } else if may(role, Action::Heads) {
        Some((heads_form(v, zh), t(zh, "修改村干部", "Edit the heads")))
    } else {
        None
    };
    if let Some((mut form, summary)) = edit {
        form.folded = Some(summary);
        body.push(Block::Form(Box::new(form)));
    }
    Record {
        title: v.name.clone(),
        body,
        meta: String::new(),
        correct: None,
        attrs: vec![("data-village", v.name.clone())],
    }
}

/// Add (no `village`) or edit a village and its heads (one atomic record).
fn village_form(township: &str, village: Option<&Village>, zh: bool) -> FormBlock {
    let template = Command::RecordVillage {
        village: village.map(|v| v.id.clone()).unwrap_or_default(),
        township: township.to_string(),
        name: String::new(),
        population: 0,
        secretary: String::new(),
        director: String::new(),
    };
    let (button, done) = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    let mut form = FormBlock::new(
        VILLAGE_FORM,
        template.into(),
        read_village_form,
        button,
        done,
    );
    form.testid = "village-form";
    form.instance = village.map(|v| v.id.clone()).unwrap_or_default();
    form.init = village_inputs(village);
    form.clear = village.is_none();
    form
}

fn heads_form(v: &Village, zh: bool) -> FormBlock {
    let template = Command::RecordHeads {
        village: v.id.clone(),
        secretary: String::new(),
        director: String::new(),
    };
    let (button, done) = (t(zh, "保存", "Save"), t(zh, "已保存", "Saved"));
    let mut form = FormBlock::new(HEADS_FORM, template.into(), read_heads, button, done);
    form.testid = "heads-form";
    form.instance = v.id.clone();
    form.init = heads_inputs(v);
    form.clear = false;
    form
}

fn heads_inputs(v: &Village) -> Inputs {
    inputs_of(&HeadsInput {
        secretary: v.secretary.clone(),
        director: v.director.clone(),
    })
}

/// Records edited on two phones at once: both versions, and what the administrator does.
fn conflicts_card(m: &Master, zh: bool) -> Option<Card> {
    let conflicts = m.conflicts();
    if conflicts.is_empty() {
        return None;
    }
    let mut blocks = vec![
        Block::Heading(t(zh, "需复核：两部手机同时修改了基础信息", "To review: master data edited on two phones at once")),
        Block::line(crate::domain::screen::Tone::Hint, t(zh, "以下各项有两个互不知情的不同版本，评定等次会等待。请核对后在下方重新填写并保存正确的内容，两个版本都会保留在记录中。", "Each item below has two different versions made without seeing each other; grading waits. Check, then fill in and save the right content below; both versions stay on record.")),
    ];
    for x in conflicts {
        let what = match x.part {
            Part::Township => m.townships.get(&x.id).map(|t| t.name.clone()),
            Part::Village | Part::Heads => m.villages.get(&x.id).map(|v| v.name.clone()),
        };
        let label = match x.part {
            Part::Township => t(zh, "乡镇名称", "Township name"),
            Part::Village => t(zh, "村名与人口", "Village name and population"),
            Part::Heads => t(zh, "书记与主任", "Secretary and director"),
        };
        let versions = x.versions.into_iter();
        blocks.push(Block::List {
            tone: crate::domain::screen::Tone::Plain,
            head: format!("{} · {label}", what.unwrap_or_default()),
            items: versions
                .map(|(who, at, said)| format!("{said} — {who} · {}", format_beijing(at)))
                .collect(),
            testid: "",
        });
    }
    let card = Card::new(blocks).class("banner warn");
    Some(
        card.attr("data-testid", "master-conflicts")
            .attr("role", "alert"),
    )
}

/// The add-township form into `RecordTownship`, with a new township id.
fn read_add_township(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x = read_township(inputs)?;
    match &block.template {
        AnyCommand::Master(Command::RecordTownship { .. }) => Ok(Command::RecordTownship {
            township: sent.new_id("t"),
            name: x.name,
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// The village form into `RecordVillage` (a new village gets a new id).
fn read_village_form(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x = read_village(inputs)?;
    let AnyCommand::Master(Command::RecordVillage {
        village, township, ..
    }) = &block.template
    else {
        return Err(not_this_form(&block.form));
    };
    let village = match village.is_empty() {
        true => sent.new_id("v"),
        false => village.clone(),
    };
    Ok(Command::RecordVillage {
        village,
        township: township.clone(),
        name: x.name,
        population: x.population,
        secretary: x.secretary,
        director: x.director,
    }
    .into())
}

/// The heads form into `RecordHeads`.
fn read_heads(
    block: &FormBlock,
    inputs: &Inputs,
    sent: &Sent,
    _: &State,
) -> Result<AnyCommand, Vec<RuleViolation>> {
    let x: HeadsInput = block.form.read(&block.options, inputs, sent.today)?;
    match &block.template {
        AnyCommand::Master(Command::RecordHeads { village, .. }) => Ok(Command::RecordHeads {
            village: village.clone(),
            secretary: x.secretary.trim().to_string(),
            director: x.director.trim().to_string(),
        }
        .into()),
        _ => Err(not_this_form(&block.form)),
    }
}

/// Whether a user in `role` may take `action` (no user yet: the forms are shown).
fn may(role: Option<Role>, action: Action) -> bool {
    role.is_none_or(|r| action.allows(r))
}

/// "只有…可以…": who may take `action`, in place of its forms.
fn who_may(action: Action, zh: bool) -> Block {
    let why = action.only();
    Block::line(Tone::Hint, if zh { why.zh } else { why.en }).testid("not-yours")
}
