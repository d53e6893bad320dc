//! The W4 step-record forms on screen: any `cadre_selection::forms::StepForm` is drawn
//! by the one form renderer (`ui::components::form_fields`), and the submitted inputs
//! go back to the domain to be read and checked. No form knows its own fields here.

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::{Map, Value};

use crate::domain::cadre_selection::forms::StepForm;
pub use crate::domain::cadre_selection::forms::{
    describe, fields_of, step_form, Choices, DIMENSIONS, FORMS,
};
use crate::domain::cadre_selection::StepRecord;
use crate::domain::form::inputs_of_object;
use crate::domain::policy::W4Policy;
use crate::domain::RuleViolation;
use crate::store::RecordError;
use crate::ui::components::{form_fields, read_inputs, FormValues};

/// The form with this key (the first form for an unknown key).
pub fn form(key: &str) -> &'static StepForm {
    step_form(key).unwrap_or(&FORMS[0])
}

/// The inputs of `form`, prefilled from `init` (a correction) or today's date.
pub fn fields_view(
    zh: bool,
    f: &'static StepForm,
    ch: &Choices,
    init: &Map<String, Value>,
    today: &str,
    err: RwSignal<Option<RecordError>>,
) -> impl IntoView {
    let init = inputs_of_object(init.clone());
    form_fields(zh, f.form(), &ch.options(), &init, today, err)
}

/// Read the submitted inputs of `form` and have the domain read and check them: the
/// record, or every field's message at once.
pub fn read(
    f: &'static StepForm,
    ch: &Choices,
    v: &FormValues,
    today: NaiveDate,
    policy: &W4Policy,
) -> Result<StepRecord, Vec<RuleViolation>> {
    let inputs = read_inputs(f.form(), &ch.options(), v);
    f.read(ch, &inputs, today, policy)
}
