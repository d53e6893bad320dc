//! Small reusable components: form messages, status chips, the status bar.

mod form;
mod form_fields;
mod form_values;
mod status;

pub use form::{DateField, FieldError, FormError, Notice, TextField};
pub use form_fields::{form_fields, read_form, read_inputs, DataForm, Send};
pub use form_values::{clear_form, FormValues};
pub use status::{CellChip, StatusBar};
