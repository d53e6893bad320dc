//! The fold of rotation and secondment: key posts, rotations, secondments and their ends,
//! each a correctable record keyed by the id of the event that first recorded it, so any
//! order of the same events gives the same part.

use chrono::NaiveDate;

use super::event::RotationEvent as R;
use crate::domain::event::{Event, EventBody};
use crate::domain::master::Master;
use crate::domain::state::WorkflowState;
use crate::domain::versions::Records;

/// A post marked as a key post (人、财、物、项目审批).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPost {
    /// The W4 post's id (empty: matched by unit and title).
    pub post: String,
    /// The unit.
    pub unit: String,
    /// The title.
    pub title: String,
    /// What it controls.
    pub basis: String,
}

/// A rotation made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rotation {
    /// The cadre.
    pub cadre: String,
    /// The unit left.
    pub from_unit: String,
    /// The post left.
    pub from_title: String,
    /// The unit rotated to.
    pub to_unit: String,
    /// The post rotated to.
    pub to_title: String,
    /// The day.
    pub on: NaiveDate,
    /// The decision, if noted.
    pub note: String,
}

/// A person borrowed from another unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Secondment {
    /// The person's name.
    pub name: String,
    /// The unit they come from.
    pub from_unit: String,
    /// The unit borrowing them.
    pub to_unit: String,
    /// The first day.
    pub start: NaiveDate,
    /// Who agreed, where filed.
    pub basis: String,
}

/// A secondment's end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ending {
    /// The secondment.
    pub secondment: String,
    /// The last day.
    pub on: NaiveDate,
}

/// 轮岗、借用's part of the state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rotations {
    /// Key posts marked.
    pub key_posts: Records<KeyPost>,
    /// Rotations recorded.
    pub rotations: Records<Rotation>,
    /// Secondments recorded.
    pub secondments: Records<Secondment>,
    /// Secondments' ends.
    pub endings: Records<Ending>,
}

impl WorkflowState for Rotations {
    fn evolve(&mut self, _master: &Master, e: &Event) {
        let EventBody::Rotation(body) = &e.body else {
            return;
        };
        match body.clone() {
            R::KeyPostMarked {
                post,
                unit,
                title,
                basis,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = KeyPost {
                    post,
                    unit,
                    title,
                    basis,
                };
                let value = (!withdrawn).then_some(value);
                self.key_posts.add(e, &corrects, value, &supersedes);
            }
            R::RotationRecorded {
                cadre,
                from_unit,
                from_title,
                to_unit,
                to_title,
                on,
                note,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = Rotation {
                    cadre,
                    from_unit,
                    from_title,
                    to_unit,
                    to_title,
                    on,
                    note,
                };
                let value = (!withdrawn).then_some(value);
                self.rotations.add(e, &corrects, value, &supersedes);
            }
            R::SecondmentRecorded {
                name,
                from_unit,
                to_unit,
                start,
                basis,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = Secondment {
                    name,
                    from_unit,
                    to_unit,
                    start,
                    basis,
                };
                let value = (!withdrawn).then_some(value);
                self.secondments.add(e, &corrects, value, &supersedes);
            }
            R::SecondmentEnded {
                secondment,
                on,
                corrects,
                withdrawn,
                supersedes,
                ..
            } => {
                let value = (!withdrawn).then_some(Ending { secondment, on });
                self.endings.add(e, &corrects, value, &supersedes);
            }
        }
    }
}
