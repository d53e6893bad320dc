//! Lists exported as CSV that Excel and WPS open: RFC 4180 fields, CRLF line ends, UTF-8
//! with a byte-order mark first; a cell a spreadsheet would read as a formula (starting
//! with `=`, `+`, `-` or `@`) is written with a leading `'`.

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

/// One cell: formula-looking text defused, quoted when it holds a comma, quote or line end.
fn field(text: &str) -> String {
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
}
