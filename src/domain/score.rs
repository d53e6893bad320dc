//! Scores are kept in half points (u32) so that no float enters an event.

use super::RuleViolation;

/// Parse a score typed by a user ("8", "8.5", "8.0") into half points.
/// `half_allowed` comes from policy.
pub fn parse_halves(input: &str, half_allowed: bool) -> Result<u32, RuleViolation> {
    let s = input.trim();
    let bad = || {
        RuleViolation::new(
            "score.format",
            format!("“{s}”不是有效分数"),
            format!("\"{s}\" is not a valid score"),
        )
    };
    if s.is_empty() {
        return Err(RuleViolation::new(
            "score.missing",
            "请填写分数",
            "Enter a score",
        ));
    }
    let (whole, frac) = match s.split_once('.') {
        Some((w, f)) => (w, f.trim_end_matches('0')),
        None => (s, ""),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
        return Err(bad());
    }
    let whole: u32 = whole.parse().map_err(|_| bad())?;
    match frac {
        "" => Ok(whole * 2),
        "5" if half_allowed => Ok(whole * 2 + 1),
        "5" => Err(RuleViolation::new(
            "score.half_not_allowed",
            "本年度政策只允许整数分",
            "Policy allows whole points only",
        )),
        _ => Err(RuleViolation::new(
            "score.step",
            "分数只能是整数或半分（如 8.5）",
            "Scores must be whole or half points (e.g. 8.5)",
        )),
    }
}

/// Format half points for display: 17 → "8.5", 16 → "8".
pub fn format_halves(halves: u32) -> String {
    if halves.is_multiple_of(2) {
        (halves / 2).to_string()
    } else {
        format!("{}.5", halves / 2)
    }
}

/// Format hundredths of a point: 8735 → "87.35".
pub fn format_hundredths(h: u32) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// Parse an optional indicator weight ("" = no weight).
pub fn parse_weight(input: &str) -> Result<Option<u32>, RuleViolation> {
    let s = input.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u32>() {
        Ok(w) if w > 0 => Ok(Some(w)),
        _ => Err(RuleViolation::new(
            "score.weight",
            "权重必须是正整数",
            "A weight must be a positive whole number",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_and_half_points() {
        assert_eq!(parse_halves("8", true), Ok(16));
        assert_eq!(parse_halves(" 8.5 ", true), Ok(17));
        assert_eq!(parse_halves("8.50", true), Ok(17));
        assert_eq!(parse_halves("8.0", false), Ok(16));
        assert_eq!(
            parse_halves("8.5", false).unwrap_err().code,
            "score.half_not_allowed"
        );
        assert_eq!(parse_halves("8.3", true).unwrap_err().code, "score.step");
        assert_eq!(parse_halves("-1", true).unwrap_err().code, "score.format");
        assert_eq!(parse_halves("abc", true).unwrap_err().code, "score.format");
        assert_eq!(parse_halves("", true).unwrap_err().code, "score.missing");
        assert_eq!(format_halves(17), "8.5");
        assert_eq!(format_halves(16), "8");
        assert_eq!(format_hundredths(8735), "87.35");
        assert_eq!(format_hundredths(5), "0.05");
    }
}
