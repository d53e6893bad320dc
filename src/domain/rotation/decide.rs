//! What the organization department may record of rotation and secondment, and why not:
//! a rotation names a cadre with a post held the day before and moves them to another
//! post, once from a post (a second record of it is a correction); a secondment names the person, both units and who agreed; its end is not before
//! its start and is recorded once; no day is after today; a correction or withdrawal
//! names the record and the reason, and replaces only the versions the page showed.

use chrono::NaiveDate;

use super::event::RotationEvent;
use crate::domain::access::only_roles;
use crate::domain::cadre_selection::cadre::current_position;
use crate::domain::event::{EventBody, Role};
use crate::domain::master::required;
use crate::domain::state::Actor;
use crate::domain::versions::Records;
use crate::domain::{RuleViolation, State};

/// What a user may do here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Record key posts, rotations and secondments.
    Record,
}

impl Action {
    /// The roles allowed: the organization department's recorder and approver, and the
    /// administrator.
    pub fn roles(self) -> &'static [Role] {
        &[Role::Recorder, Role::Approver, Role::Admin]
    }

    /// Who may, in words.
    pub fn only(self) -> RuleViolation {
        only_roles(
            self.roles(),
            "记录轮岗与借用",
            "record rotations and secondments",
        )
    }
}

/// What a record corrects or withdraws (all empty: a new record).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Fix {
    /// The record (the id of the event that first recorded it).
    pub record: String,
    /// Whether to withdraw it (recorded by mistake).
    pub withdrawn: bool,
    /// Why.
    pub reason: String,
    /// The versions on the page as drawn.
    pub seen: Vec<String>,
}

/// What a user asks to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Mark a post as a key post (or correct or withdraw a marking).
    MarkKeyPost {
        /// The W4 post's id (empty: by unit and title).
        post: String,
        /// The unit.
        unit: String,
        /// The title.
        title: String,
        /// What it controls.
        basis: String,
        /// A correction or withdrawal (default: a new marking).
        fix: Fix,
    },
    /// Record a rotation (or correct or withdraw one).
    Rotate {
        /// The cadre.
        cadre: String,
        /// The unit rotated to.
        to_unit: String,
        /// The post rotated to.
        to_title: String,
        /// The day.
        on: NaiveDate,
        /// The decision, if any.
        note: String,
        /// A correction or withdrawal (default: a new rotation).
        fix: Fix,
    },
    /// Record a secondment (or correct or withdraw one).
    Second {
        /// The person's name.
        name: String,
        /// The unit they come from.
        from_unit: String,
        /// The unit borrowing them.
        to_unit: String,
        /// The first day.
        start: NaiveDate,
        /// Who agreed, where filed.
        basis: String,
        /// A correction or withdrawal (default: a new secondment).
        fix: Fix,
    },
    /// Record a secondment's end (or correct or withdraw it).
    EndSecondment {
        /// The secondment.
        secondment: String,
        /// The last day.
        on: NaiveDate,
        /// A correction or withdrawal (default: a new end).
        fix: Fix,
    },
}

fn refuse(code: &'static str, zh: String, en: String) -> RuleViolation {
    RuleViolation::new(code, zh, en)
}

/// A fix checked: what the event names, and the record's content as it stands.
struct Fixed<'a, T> {
    corrects: String,
    withdrawn: bool,
    reason: String,
    supersedes: Vec<String>,
    was: Option<&'a T>,
}

fn fixed<T: PartialEq>(records: &Records<T>, fix: Fix) -> Result<Fixed<'_, T>, RuleViolation> {
    if fix.record.is_empty() {
        return Ok(Fixed {
            corrects: String::new(),
            withdrawn: false,
            reason: String::new(),
            supersedes: Vec::new(),
            was: None,
        });
    }
    let versions = records.by_id.get(&fix.record);
    let current = versions.and_then(Records::content);
    let (Some(versions), Some(current)) = (versions, current) else {
        let e = refuse(
            "rotation.no_record",
            "没有这条记录（或已撤销）".into(),
            "No such record (or withdrawn)".into(),
        );
        return Err(e.on("record"));
    };
    let live = versions.live_ids();
    let supersedes: Vec<String> = live
        .into_iter()
        .filter(|id| fix.seen.contains(id))
        .collect();
    if supersedes.is_empty() {
        return Err(refuse(
            "rotation.stale",
            "页面上的记录已有新版本，请刷新后再更正".into(),
            "The record has changed since the page was drawn: look again".into(),
        ));
    }
    let reason = required(
        &fix.reason,
        "reason",
        "更正或撤销原因",
        "Reason for the correction",
    )?;
    Ok(Fixed {
        corrects: fix.record,
        withdrawn: fix.withdrawn,
        reason,
        supersedes,
        was: Some(current),
    })
}

fn not_future(on: NaiveDate, today: NaiveDate, field: &str) -> Result<(), RuleViolation> {
    if on <= today {
        return Ok(());
    }
    let e = refuse(
        "rotation.date",
        format!("日期不能晚于今天（{today}）"),
        format!("The day cannot be after today ({today})"),
    );
    Err(e.on(field))
}

/// The events `cmd` records, or why not.
pub fn decide(state: &State, cmd: Command, actor: &Actor) -> Result<Vec<EventBody>, RuleViolation> {
    crate::domain::command::may_act(Action::Record.roles(), actor)?;
    let today = actor.today;
    let records = &state.rotation;
    let event = match cmd {
        Command::MarkKeyPost {
            post,
            unit,
            title,
            basis,
            fix,
        } => {
            let f = fixed(&records.key_posts, fix)?;
            let (post, unit, title, basis) = match (f.withdrawn, f.was) {
                (true, Some(k)) => (
                    k.post.clone(),
                    k.unit.clone(),
                    k.title.clone(),
                    k.basis.clone(),
                ),
                _ => (post, unit, title, basis),
            };
            if !post.is_empty() {
                crate::domain::id::check(&post, "post", "职位", "Post")?;
                if state.cadre_selection.post(&post).is_none() {
                    let e = refuse(
                        "rotation.post",
                        "职位与职数中没有这个职位".into(),
                        "No such post in the post list".into(),
                    );
                    return Err(e.on("post"));
                }
            }
            let unit = required(&unit, "unit", "单位", "Unit")?;
            let title = required(&title, "title", "职务", "Title")?;
            let basis = required(&basis, "basis", "关键岗位依据", "What it controls")?;
            if f.corrects.is_empty() {
                let same = |k: &super::state::KeyPost| {
                    (!post.is_empty() && k.post == post) || (k.unit == unit && k.title == title)
                };
                if records.key_posts.standing().iter().any(|(_, k, _)| same(k)) {
                    let e = refuse(
                        "rotation.key_exists",
                        format!("{unit}{title}已标记为关键岗位"),
                        format!("{unit} {title} is marked as a key post already"),
                    );
                    return Err(e.on("post"));
                }
            }
            RotationEvent::KeyPostMarked {
                post,
                unit,
                title,
                basis,
                corrects: f.corrects,
                withdrawn: f.withdrawn,
                reason: f.reason,
                supersedes: f.supersedes,
            }
        }
        Command::Rotate {
            cadre,
            to_unit,
            to_title,
            on,
            note,
            fix,
        } => {
            let f = fixed(&records.rotations, fix)?;
            let (cadre, to_unit, to_title, on, note) = match f.was {
                Some(r) if f.withdrawn => (
                    r.cadre.clone(),
                    r.to_unit.clone(),
                    r.to_title.clone(),
                    r.on,
                    r.note.clone(),
                ),
                // A correction keeps the cadre.
                Some(r) => (r.cadre.clone(), to_unit, to_title, on, note),
                None => (cadre, to_unit, to_title, on, note),
            };
            crate::domain::id::check(&cadre, "cadre", "干部", "Cadre")?;
            let Some(profile) = state.cadre_selection.cadre(&cadre) else {
                let e = refuse(
                    "rotation.cadre",
                    "干部库中没有这名干部".into(),
                    "No such cadre in the pool of cadres".into(),
                );
                return Err(e.on("cadre"));
            };
            not_future(on, today, "on")?;
            let before = on.pred_opt().unwrap_or(on);
            let (from_unit, from_title) = match (f.withdrawn, f.was) {
                (true, Some(r)) => (r.from_unit.clone(), r.from_title.clone()),
                _ => {
                    let Some(p) = current_position(profile, before) else {
                        let e = refuse(
                            "rotation.no_post",
                            format!("干部信息中没有{on}前担任的职务，请先补全任职经历"),
                            format!(
                                "The profile holds no post before {on}: complete the history first"
                            ),
                        );
                        return Err(e.on("on"));
                    };
                    (p.unit.clone(), p.title.clone())
                }
            };
            if f.corrects.is_empty() {
                let this = super::state::Rotation {
                    cadre: cadre.clone(),
                    from_unit: from_unit.clone(),
                    from_title: from_title.clone(),
                    to_unit: to_unit.clone(),
                    to_title: to_title.clone(),
                    on,
                    note: String::new(),
                };
                let twice = records.rotations.standing().into_iter().find(|(_, r, _)| {
                    r.cadre == cadre && super::alerts::same_stint(Some(profile), r, &this)
                });
                if let Some((_, r, _)) = twice {
                    let e = refuse(
                        "rotation.already",
                        format!(
                            "已记录{}从{}{}轮岗；如有误请更正那条记录",
                            r.on, r.from_unit, r.from_title
                        ),
                        format!(
                            "A rotation out of {} {} is recorded already ({}): correct that record if wrong",
                            r.from_unit, r.from_title, r.on
                        ),
                    );
                    return Err(e.on("on"));
                }
            }
            let to_unit = required(&to_unit, "to_unit", "轮岗到的单位", "Unit rotated to")?;
            let to_title = required(&to_title, "to_title", "轮岗到的职务", "Post rotated to")?;
            if !f.withdrawn && to_unit == from_unit.trim() && to_title == from_title.trim() {
                let e = refuse(
                    "rotation.same_post",
                    format!("轮岗须到另一岗位：{on}前已任{from_unit}{from_title}"),
                    format!("A rotation moves to another post: held {from_unit} {from_title} before {on}"),
                );
                return Err(e.on("to_title"));
            }
            RotationEvent::RotationRecorded {
                cadre,
                from_unit,
                from_title,
                to_unit,
                to_title,
                on,
                note: note.trim().to_string(),
                corrects: f.corrects,
                withdrawn: f.withdrawn,
                reason: f.reason,
                supersedes: f.supersedes,
            }
        }
        Command::Second {
            name,
            from_unit,
            to_unit,
            start,
            basis,
            fix,
        } => {
            let f = fixed(&records.secondments, fix)?;
            let (name, from_unit, to_unit, start, basis) = match (f.withdrawn, f.was) {
                (true, Some(s)) => (
                    s.name.clone(),
                    s.from_unit.clone(),
                    s.to_unit.clone(),
                    s.start,
                    s.basis.clone(),
                ),
                _ => (name, from_unit, to_unit, start, basis),
            };
            let name = required(&name, "name", "姓名", "Name")?;
            let from_unit = required(&from_unit, "from_unit", "原单位", "From unit")?;
            let to_unit = required(&to_unit, "to_unit", "借用单位", "Borrowing unit")?;
            let basis = required(&basis, "basis", "审批备案情况", "Consent and filing")?;
            not_future(start, today, "start")?;
            if from_unit == to_unit {
                let e = refuse(
                    "rotation.same_unit",
                    "借用须从另一单位借入".into(),
                    "A secondment comes from another unit".into(),
                );
                return Err(e.on("to_unit"));
            }
            if !f.corrects.is_empty() && !f.withdrawn {
                let ended = endings_of_record(state, &f.corrects).min();
                if let Some(end) = ended.filter(|e| *e < start) {
                    let e = refuse(
                        "rotation.date",
                        format!("开始日期不能晚于已记录的结束日期（{end}）"),
                        format!("The start cannot be after the end recorded ({end})"),
                    );
                    return Err(e.on("start"));
                }
            }
            RotationEvent::SecondmentRecorded {
                name,
                from_unit,
                to_unit,
                start,
                basis,
                corrects: f.corrects,
                withdrawn: f.withdrawn,
                reason: f.reason,
                supersedes: f.supersedes,
            }
        }
        Command::EndSecondment {
            secondment,
            on,
            fix,
        } => {
            let f = fixed(&records.endings, fix)?;
            let (secondment, on) = match f.was {
                Some(e) if f.withdrawn => (e.secondment.clone(), e.on),
                Some(e) => (e.secondment.clone(), on),
                None => (secondment, on),
            };
            crate::domain::id::check(&secondment, "secondment", "借用记录", "Secondment")?;
            let standing = records.secondments.by_id.get(&secondment);
            let Some(s) = standing.and_then(Records::content) else {
                let e = refuse(
                    "rotation.no_secondment",
                    "没有这条借用记录（或已撤销）".into(),
                    "No such secondment (or withdrawn)".into(),
                );
                return Err(e.on("secondment"));
            };
            if !f.withdrawn {
                not_future(on, today, "on")?;
                if on < s.start {
                    let e = refuse(
                        "rotation.date",
                        format!("结束日期不能早于借用开始日期（{}）", s.start),
                        format!("The end cannot precede the start ({})", s.start),
                    );
                    return Err(e.on("on"));
                }
            }
            if f.corrects.is_empty() && endings_of_record(state, &secondment).next().is_some() {
                let e = refuse(
                    "rotation.ended",
                    "这次借用已记录结束；如有误请更正那条记录".into(),
                    "This secondment's end is recorded already: correct that record if wrong"
                        .into(),
                );
                return Err(e.on("secondment"));
            }
            RotationEvent::SecondmentEnded {
                secondment,
                on,
                corrects: f.corrects,
                withdrawn: f.withdrawn,
                reason: f.reason,
                supersedes: f.supersedes,
            }
        }
    };
    Ok(vec![EventBody::Rotation(event)])
}

/// The days of the standing ends of secondment `id`.
fn endings_of_record<'a>(state: &'a State, id: &'a str) -> impl Iterator<Item = NaiveDate> + 'a {
    super::alerts::endings_of(state, id)
        .into_iter()
        .map(|(_, e, _)| e.on)
}
