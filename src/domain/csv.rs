//! CSV export of a list (每个列表可导出 CSV): RFC 4180 text that Excel and WPS open
//! with its Chinese intact — a UTF-8 byte-order mark first, CRLF line ends, a cell
//! quoted when it holds a comma, a quote, CR or LF, and a cell that a spreadsheet would
//! read as a formula (starting with `=`, `+`, `-` or `@`) prefixed with `'`.

/// The CSV of a list: its header line, then one line per row.
pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: &mut dyn Iterator<Item = &str>| {
        let cells: Vec<String> = cells.map(cell).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, &mut headers.iter().copied());
    for row in rows {
        line(&mut out, &mut row.iter().map(String::as_str));
    }
    out
}

/// One cell: defused against formulas, quoted when it must be.
fn cell(text: &str) -> String {
    let text = match text.starts_with(['=', '+', '-', '@']) {
        true => format!("'{text}"),
        false => text.to_string(),
    };
    match text.contains([',', '"', '\r', '\n']) {
        true => format!("\"{}\"", text.replace('"', "\"\"")),
        false => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_crlf_quoting_and_formulas() {
        let rows = vec![
            vec!["甲,乙".to_string(), "说\"明\"".into()],
            vec!["=SUM(A1)".into(), "两\n行".into()],
        ];
        assert_eq!(
            csv(&["单位", "说明"], &rows),
            "\u{feff}单位,说明\r\n\"甲,乙\",\"说\"\"明\"\"\"\r\n'=SUM(A1),\"两\n行\"\r\n"
        );
        assert_eq!(csv(&["a"], &[]), "\u{feff}a\r\n");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@x"), "'@x");
        assert_eq!(cell("+1"), "'+1");
    }
}
