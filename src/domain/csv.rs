//! Lists exported as CSV that Excel and WPS open (RFC 4180): UTF-8 with a byte-order mark
//! first (so Chinese reads right), CRLF line ends, a field quoted when it holds a comma, a
//! quote or a line break, and a field starting `=`, `+`, `-`, `@`, a tab or a carriage
//! return given a leading `'` so a spreadsheet never reads it as a formula.

/// `headers` and `rows` as one CSV text.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    let head: Vec<String> = headers.iter().map(|h| field(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| field(c)).collect();
        out.push_str(&cells.join(","));
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
    fn cells_are_quoted_and_formulas_defused() {
        let rows = vec![vec![
            "王建军".into(),
            "a,b".into(),
            "say \"hi\"".into(),
            "=1+1".into(),
        ]];
        let text = csv(&["姓名", "x", "y", "z"], &rows);
        assert_eq!(
            text,
            "\u{feff}姓名,x,y,z\r\n王建军,\"a,b\",\"say \"\"hi\"\"\",'=1+1\r\n"
        );
        assert_eq!(field("-3"), "'-3");
        assert_eq!(field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn a_list_is_excel_ready_and_never_read_as_a_formula() {
        let rows = vec![
            vec!["王建军".to_string(), "旗财政局, 预算股".to_string()],
            vec!["=HYPERLINK(\"x\")".to_string(), "-1".to_string()],
        ];
        assert_eq!(
            csv(&["姓名", "单位"], &rows),
            "\u{feff}姓名,单位\r\n王建军,\"旗财政局, 预算股\"\r\n\"'=HYPERLINK(\"\"x\"\")\",'-1\r\n"
        );
        assert_eq!(field("@a"), "'@a");
        assert_eq!(field("+86"), "'+86");
        assert_eq!(field("\tx"), "'\tx");
    }
}
