//! The post form as data (职位与职数: unit, title, quota), drawn by the one form renderer
//! and read here with the post rules (`parse_post_form`): every field's message at once.

use serde::{Deserialize, Serialize};

use super::{parse_post_form, Post};
use crate::domain::form::{field, inputs_of_object, object_of, text, FieldKind, Form, Inputs};
use crate::domain::RuleViolation;

/// Adding or editing a post.
pub const POST_FORM: Form = Form {
    key: "post",
    fields: &[
        field("unit", "单位", "Unit", FieldKind::Text).required(),
        field("title", "职务名称", "Title", FieldKind::Text).required(),
        field("quota", "职数", "Quota", FieldKind::Count).required(),
    ],
};

/// A post as its form holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostInput {
    /// The unit (单位).
    pub unit: String,
    /// The post's title (职务名称).
    pub title: String,
    /// How many may hold it (职数).
    pub quota: u32,
}

/// Read the post form: the post, or every field's message at once.
pub fn read_post(inputs: &Inputs) -> Result<PostInput, Vec<RuleViolation>> {
    let [unit, title, quota] = ["unit", "title", "quota"].map(|n| text(inputs, n));
    let (unit, title, quota) = parse_post_form(unit, title, quota)?;
    Ok(PostInput { unit, title, quota })
}

/// The form's inputs for `post` (editing it), or a new post's (quota 1).
pub fn post_inputs(post: Option<&Post>) -> Inputs {
    let input = post.map_or_else(
        || PostInput {
            unit: String::new(),
            title: String::new(),
            quota: 1,
        },
        |p| PostInput {
            unit: p.unit.clone(),
            title: p.title.clone(),
            quota: p.quota,
        },
    );
    inputs_of_object(object_of(&input, false))
}
