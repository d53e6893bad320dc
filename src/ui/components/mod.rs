//! Small reusable components: form messages, status chips, the status bar.

mod form;
mod status;

pub use form::{DateField, FieldError, FormError, Notice, TextField};
pub use status::{CellChip, StatusBar};
