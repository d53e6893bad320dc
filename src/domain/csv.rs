//! Lists exported as CSV that Excel and WPS open (RFC 4180): UTF-8 with a byte-order mark
//! first (so Chinese reads right), CRLF line ends, a field quoted when it holds a comma, a
//! quote or a line break, and a field starting `=`, `+`, `-`, `@`, a tab or a carriage
//! return given a leading `'` so a spreadsheet never reads it as a formula.

/// One typed cell of an exported table: a number is written bare (a spreadsheet reads it
/// as a number, never as a formula: it holds only digits, a sign and a point), a date as
/// YYYY-MM-DD, text quoted and guarded ([`field`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A decimal number as written ("85.50", "-3", "12000").
    Number(String),
    /// A date.
    Date(chrono::NaiveDate),
}

impl Cell {
    /// A whole number (a count, whole yuan).
    pub fn int(n: i64) -> Cell {
        Cell::Number(n.to_string())
    }

    /// Hundredths of a point as a score with two decimals ("85.50").
    pub fn hundredths(n: u64) -> Cell {
        Cell::Number(format!("{}.{:02}", n / 100, n % 100))
    }

    /// A shown text read as its type: a decimal number (thousands separators dropped) is
    /// a number, YYYY-MM-DD a date, anything else text.
    pub fn read(text: &str, number: bool) -> Cell {
        let bare = text.replace(',', "");
        if number && is_decimal(&bare) {
            return Cell::Number(bare);
        }
        match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(d) if text.len() == 10 => Cell::Date(d),
            _ => Cell::Text(text.to_string()),
        }
    }

    /// The cell as a CSV field.
    pub fn field(&self) -> String {
        match self {
            Cell::Text(t) => field(t),
            Cell::Number(n) if is_decimal(n) => n.clone(),
            Cell::Number(n) => field(n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Whether `text` is a plain decimal: an optional `-`, digits, at most one `.` between
/// digits.
fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let mut parts = digits.split('.');
    let whole = parts.next().unwrap_or("");
    let frac = parts.next();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_none() && all_digits(whole) && frac.is_none_or(all_digits)
}

/// `headers` and typed `rows` as one CSV text (see [`csv`]).
pub fn typed(headers: &[String], rows: &[Vec<Cell>]) -> String {
    let mut out = String::from('\u{feff}');
    let head: Vec<String> = headers.iter().map(|h| field(h)).collect();
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row.iter().map(Cell::field).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A screen's table as CSV: its column heads, then each row's head and cells as a person
/// reads them, number cells as numbers.
pub fn table(table: &crate::domain::screen::Table) -> String {
    let rows: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .map(|r| {
            let cells = r.cells.iter().map(|c| Cell::read(&c.said(), c.number));
            std::iter::once(Cell::Text(r.head.clone()))
                .chain(cells)
                .collect()
        })
        .collect();
    typed(&table.columns, &rows)
}

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
    fn typed_cells_write_numbers_bare_and_dates_as_iso() {
        let rows = vec![
            vec![
                Cell::Text("东风村".into()),
                Cell::hundredths(8550),
                Cell::int(-3),
                Cell::read("12,000", true),
                Cell::read("2026-03-31", false),
            ],
            vec![
                Cell::Text("=1+1".into()),
                Cell::read("—", true),
                Cell::Number("1e5".into()),
                Cell::read("85.", true),
                Cell::read("2026-3-1", false),
            ],
        ];
        let heads = [
            "村".to_string(),
            "综合".into(),
            "差".into(),
            "合计".into(),
            "日期".into(),
        ];
        assert_eq!(
            typed(&heads, &rows),
            "\u{feff}村,综合,差,合计,日期\r\n东风村,85.50,-3,12000,2026-03-31\r\n'=1+1,—,1e5,85.,2026-3-1\r\n"
        );
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
