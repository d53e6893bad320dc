//! The values of a submitted form, read once on submit from the form element (for
//! uncontrolled inputs: no signal per field).

use chrono::NaiveDate;
use wasm_bindgen::JsCast;

use crate::domain::time::date_field;
use crate::domain::RuleViolation;

/// The values of a submitted form (prevents the browser's own submission).
pub struct FormValues(Option<web_sys::FormData>);

impl FormValues {
    /// Read the form that fired `ev`.
    pub fn of(ev: &leptos::ev::SubmitEvent) -> Self {
        ev.prevent_default();
        let fd = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            .and_then(|f| web_sys::FormData::new_with_form(&f).ok());
        FormValues(fd)
    }

    /// Read a form element as it stands (what is typed so far).
    pub fn of_element(form: &web_sys::HtmlFormElement) -> Self {
        FormValues(web_sys::FormData::new_with_form(form).ok())
    }

    /// One field's value ("" if absent).
    pub fn get(&self, name: &str) -> String {
        self.0
            .as_ref()
            .and_then(|f| f.get(name).as_string())
            .unwrap_or_default()
    }

    /// Every value of a repeated field, in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .as_ref()
            .map(|f| {
                f.get_all(name)
                    .iter()
                    .map(|v| v.as_string().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A required date field.
    pub fn date(&self, name: &str) -> Result<NaiveDate, RuleViolation> {
        date_field(&self.get(name), name)
    }
}
