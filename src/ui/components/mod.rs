//! Small reusable components: form messages, status chips, the status bar.

mod download;
mod form;
mod form_fields;
mod form_values;
mod screen;
mod status;

pub use download::download;
pub use form::{FieldError, FormError, Notice};
pub use form_fields::{
    form_element, form_fields, read_inputs, DataForm, Draft, FormParts, Label, Send,
};
pub use form_values::FormValues;
pub use screen::{
    blocks_view, focused_screen_view, page_focus, render_chip, screen_view, set_focus,
};
pub use status::StatusBar;
