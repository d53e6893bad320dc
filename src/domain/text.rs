//! What counts as "nothing typed" in a text a person enters: white space (what
//! `str::trim` removes) and the invisible format characters a phone keyboard or a
//! pasted text can carry (zero-width space, joiners, word joiner, byte-order mark,
//! soft hyphen). A required name or reason made only of these is refused as blank.

/// Whether `c` shows nothing: white space or an invisible format character.
pub fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

/// Whether `text` shows nothing at all (empty, white space or invisible characters).
pub fn blank(text: &str) -> bool {
    text.chars().all(invisible)
}

/// `text` without what shows nothing at either end.
pub fn trimmed(text: &str) -> &str {
    text.trim_matches(invisible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_and_bom_only_text_is_blank() {
        assert!(blank(""));
        assert!(blank(" \u{3000}\t"));
        assert!(blank("\u{200B}\u{200D}\u{FEFF}\u{2060}\u{00AD}"));
        assert!(!blank("\u{200B}王\u{200B}"));
        assert_eq!(trimmed("\u{FEFF} 王建军\u{200B} "), "王建军");
        // A joiner inside a name is kept.
        assert_eq!(trimmed("a\u{200D}b"), "a\u{200D}b");
    }
}
