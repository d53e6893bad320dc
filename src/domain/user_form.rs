//! Who is using the phone (first start, "switch user"), as a form: a name and a role.
//! Every event records them as its author.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::event::Role;
use crate::domain::form::{field, FieldKind, Form, Inputs, Options};
use crate::domain::RuleViolation;

/// The option list of the roles.
pub const ROLES: &str = "roles";

/// The user's name and role.
pub const USER_FORM: Form = Form {
    key: "user",
    fields: &[
        field("name", "姓名", "Name", FieldKind::Text).required(),
        field(
            "role",
            "角色",
            "Role",
            FieldKind::Pick {
                from: ROLES,
                blank: false,
            },
        )
        .required(),
    ],
};

/// The user form as read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserInput {
    /// The name.
    pub name: String,
    /// The role's key (`Role::key`).
    pub role: String,
}

/// Every role, by key, as the role select offers them.
pub fn role_options(zh: bool) -> Options {
    let roles = Role::ALL.map(|r| (r.key().to_string(), r.label(zh).to_string()));
    Options::default().with(ROLES, roles.to_vec())
}

/// The form's inputs for a user (a new one is an assessor by default).
pub fn user_inputs(user: Option<(&str, Role)>) -> Inputs {
    let (name, role) = user.unwrap_or(("", Role::Assessor));
    Inputs::from([
        ("name".to_string(), name.to_string()),
        ("role".to_string(), role.key().to_string()),
    ])
}

/// The name (trimmed of white space and invisible characters, `domain::text`) and role
/// typed, or every message at once.
pub fn read_user(inputs: &Inputs, today: NaiveDate) -> Result<(String, Role), Vec<RuleViolation>> {
    let x: UserInput = USER_FORM.read(&role_options(true), inputs, today)?;
    let role = Role::from_key(&x.role).ok_or_else(|| {
        let v = RuleViolation::new("field.choice", "请选择角色", "Choose a role");
        vec![v.on("role")]
    })?;
    let name = crate::domain::text::trimmed(&x.name).to_string();
    let max = crate::domain::record::MAX_NAME_CHARS;
    if name.chars().count() > max {
        let v = RuleViolation::new(
            "field.too_long",
            format!("姓名过长：最多 {max} 个字"),
            format!("The name is too long: at most {max} characters"),
        );
        return Err(vec![v.on("name")]);
    }
    Ok((name, role))
}
