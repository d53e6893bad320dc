//! Lists as CSV that Excel and WPS open (RFC 4180): UTF-8 with a byte-order mark (so
//! Chinese reads right), CRLF line ends, a field quoted when it holds a comma, a quote or
//! a line break, and a field starting `=`, `+`, `-`, `@`, a tab or a carriage return
//! given a leading `'` so it is never read as a formula.

/// The CSV of `header` and `rows`.
pub fn csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let fields: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One field, quoted as needed and kept from being read as a formula.
pub fn field(text: &str) -> String {
    let guarded = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_excel_ready_and_never_read_as_a_formula() {
        let header = vec!["姓名".to_string(), "单位".to_string()];
        let rows = vec![
            vec!["王建军".to_string(), "旗财政局, 预算股".to_string()],
            vec!["=HYPERLINK(\"x\")".to_string(), "-1".to_string()],
        ];
        assert_eq!(
            csv(&header, &rows),
            "\u{feff}姓名,单位\r\n王建军,\"旗财政局, 预算股\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1\r\n"
        );
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("@a"), "'@a");
        assert_eq!(field("+86"), "'+86");
    }
}
