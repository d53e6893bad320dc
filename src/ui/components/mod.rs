//! Small reusable components: form messages, status chips, the status bar.

mod form;
mod form_values;
mod status;

pub use form::{DateField, FieldError, FormError, Notice, TextField};
pub use form_values::FormValues;
pub use status::{CellChip, StatusBar};
