//! Ids: of events, and of the things records are about (townships, villages, cadres,
//! posts, cases, indicators). An id is never shown as markup and never typed by a
//! newcomer: the app generates it; typed or received ids must use the safe alphabet.
//!
//! Architecture invariant: every id that reaches the state matches [`valid`]
//! (`[A-Za-z0-9_-]`, 1 to [`MAX_LEN`] characters). Deciders refuse other ids with
//! [`check`]; events received by sync or backup with other ids are quarantined.

use super::RuleViolation;

/// Longest id accepted.
pub const MAX_LEN: usize = 64;

/// Whether `id` uses only `A–Z a–z 0–9 _ -` and is 1 to [`MAX_LEN`] characters long.
pub fn valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Refuse an id outside the safe alphabet, naming the form field and what it is.
pub fn check(id: &str, field: &str, zh_name: &str, en_name: &str) -> Result<(), RuleViolation> {
    if valid(id) {
        return Ok(());
    }
    let (zh, en) = if id.is_empty() {
        (format!("缺少{zh_name}"), format!("{en_name} is missing"))
    } else {
        (
            format!("{zh_name}只能包含英文字母、数字、“-”和“_”，最长 {MAX_LEN} 个字符"),
            format!(
                "{en_name} may only contain letters, digits, '-' and '_', at most {MAX_LEN} characters"
            ),
        )
    };
    Err(RuleViolation::new("id.alphabet", zh, en).on(field))
}

/// A new id for a thing a user creates: `prefix` (e.g. `c` for a cadre), then the
/// time in base 36 and 8 random base-36 digits, e.g. `c-mf3k2a1x-0h7q2kz9`. Sorts by
/// creation time; unique across phones without coordination.
pub fn generate(prefix: &str, now_ms: i64, random: u64) -> String {
    let mut out = String::with_capacity(prefix.len() + 20);
    out.push_str(prefix);
    out.push('-');
    push_base36(&mut out, now_ms.max(0) as u64, 0);
    out.push('-');
    push_base36(&mut out, random % 36u64.pow(8), 8);
    out
}

fn push_base36(out: &mut String, mut n: u64, width: usize) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = Vec::with_capacity(13);
    loop {
        buf.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    while buf.len() < width {
        buf.push(b'0');
    }
    out.extend(buf.iter().rev().map(|b| char::from(*b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_safe_alphabet_is_valid() {
        assert!(valid("v-bymh"));
        assert!(valid("case_2026-01"));
        assert!(valid(&"a".repeat(MAX_LEN)));
        assert!(!valid(""));
        assert!(!valid(&"a".repeat(MAX_LEN + 1)));
        assert!(!valid("k1' autofocus onfocus='alert(8)'"));
        assert!(!valid("a<b"));
        assert!(!valid("a\"b"));
        assert!(!valid("村1"));
        assert!(!valid("a b"));
        assert!(!valid("a/b"));
        let e = check("k1'", "cadre", "干部编号", "Cadre id").unwrap_err();
        assert_eq!((e.code, e.field.as_deref()), ("id.alphabet", Some("cadre")));
    }

    #[test]
    fn generated_ids_are_valid_sortable_and_distinct() {
        let a = generate("c", 1_780_000_000_000, 1);
        let b = generate("c", 1_780_000_000_001, 0);
        let c = generate("c", 1_780_000_000_000, 2);
        assert!(valid(&a) && valid(&b) && valid(&c), "{a} {b} {c}");
        assert!(a < b, "later ids sort later: {a} {b}");
        assert_ne!(a, c);
        assert!(a.starts_with("c-"));
        assert!(valid(&generate("case", i64::MAX, u64::MAX)));
        assert!(valid(&generate("x", -5, 0)));
    }
}
