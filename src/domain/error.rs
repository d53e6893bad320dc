//! Rule violations: a stable code plus a message in Chinese and English.

use std::fmt;

/// A command refused by a rule. `code` is stable (tests and logs match on it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleViolation {
    /// Stable machine code, e.g. `w1.publicity_open`.
    pub code: &'static str,
    /// Message shown in the Chinese UI.
    pub zh: String,
    /// Message shown in the English UI.
    pub en: String,
    /// The form field the message belongs next to, if any.
    pub field: Option<String>,
}

impl RuleViolation {
    /// A violation with messages in both languages.
    pub fn new(code: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            code,
            zh: zh.into(),
            en: en.into(),
            field: None,
        }
    }

    /// Attach the form field the message belongs to.
    pub fn on(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// The message in the requested language (`true` = Chinese).
    pub fn message(&self, zh: bool) -> &str {
        if zh {
            &self.zh
        } else {
            &self.en
        }
    }
}

impl fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {} / {}", self.code, self.zh, self.en)
    }
}

impl std::error::Error for RuleViolation {}
