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

    /// A shown text read as its type: a decimal number (thousands separators, every three
    /// digits, dropped) is a number, YYYY-MM-DD a date, anything else text. Digits with a
    /// leading zero ("007", an id) stay text.
    pub fn read(text: &str, number: bool) -> Cell {
        let bare = text.replace(',', "");
        if number && is_decimal(&bare) && is_written_number(text) {
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

/// Whether a decimal's whole part is written as a number is: no leading zero ("0" and
/// "0.5" are numbers, "007" is not), commas only between groups of three digits.
fn is_written_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let whole = digits.split('.').next().unwrap_or("");
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or("");
    let leading_zero = first.len() > 1 && first.starts_with('0');
    let grouped = !whole.contains(',') || (1..=3).contains(&first.len());
    !leading_zero && grouped && groups.all(|g| g.len() == 3)
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
/// reads them, number cells as numbers. When a cell carries a mark (需复核, 须重新评定) or
/// is provisional (暂定), a last column 备注 says so, so the file never reads as more
/// settled than the screen.
pub fn table(table: &crate::domain::screen::Table, zh: bool) -> String {
    let notes: Vec<String> = table.rows.iter().map(|r| notes(table, r, zh)).collect();
    let noted = notes.iter().any(|n| !n.is_empty());
    let mut heads = table.columns.clone();
    if noted {
        heads.push(crate::domain::screen::t(zh, "备注", "Notes"));
    }
    let rows: Vec<Vec<Cell>> = table
        .rows
        .iter()
        .zip(&notes)
        .map(|(r, note)| {
            let cells = r.cells.iter().map(|c| Cell::read(&c.said(), c.number));
            let note = noted.then(|| Cell::Text(note.clone()));
            std::iter::once(Cell::Text(r.head.clone()))
                .chain(cells)
                .chain(note)
                .collect()
        })
        .collect();
    typed(&heads, &rows)
}

/// A row's marks and provisional values, each after its column's head
/// ("一季度：需复核；综合得分：暂定"; empty: none).
fn notes(
    table: &crate::domain::screen::Table,
    row: &crate::domain::screen::Row,
    zh: bool,
) -> String {
    let t = crate::domain::screen::t;
    let heads = table.columns.iter().skip(1);
    let said = row.cells.iter().zip(heads).flat_map(|(c, head)| {
        let provisional = c.provisional.then(|| t(zh, "暂定", "provisional"));
        let marks = c.marks.iter().map(|(m, _)| m.clone()).chain(provisional);
        marks.map(move |m| format!("{head}{}{m}", t(zh, "：", ": ")))
    });
    said.collect::<Vec<_>>().join(&t(zh, "；", "; "))
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

    #[test]
    fn a_tables_marks_and_provisional_values_are_kept_in_a_notes_column() {
        use crate::domain::screen::{Block, Place, Row, Table, TableCell};
        let cell = |text: &str| TableCell::number(text, Place::Score);
        let mut review = cell("70.00");
        review.marks.push(("需复核".into(), "needs-review"));
        let provisional = TableCell {
            provisional: true,
            ..cell("71.25")
        };
        let row = |head: &str, cells| Row {
            head: head.into(),
            attrs: vec![],
            stale: false,
            cells,
        };
        let table = Table {
            class: "",
            testid: "",
            columns: vec!["村".into(), "一季度".into(), "综合得分".into()],
            rows: vec![
                row("巴彦芒哈嘎查", vec![review, provisional]),
                row("乌力吉木仁嘎查", vec![cell("95.00"), cell("93.93")]),
            ],
        };
        let Block::Download { content, .. } = Block::table_csv(&table, "x", true) else {
            unreachable!("a download")
        };
        assert_eq!(
            content,
            "\u{feff}村,一季度,综合得分,备注\r\n巴彦芒哈嘎查,70.00,71.25,一季度：需复核；综合得分：暂定\r\n乌力吉木仁嘎查,95.00,93.93,\r\n"
        );
    }

    #[test]
    fn an_id_with_leading_zeros_or_a_stray_comma_stays_text() {
        assert_eq!(Cell::read("007", true), Cell::Text("007".into()));
        assert_eq!(Cell::read("1,2", true), Cell::Text("1,2".into()));
        assert_eq!(Cell::read("12,0000", true), Cell::Text("12,0000".into()));
        assert_eq!(Cell::read("0.50", true), Cell::Number("0.50".into()));
        assert_eq!(Cell::read("0", true), Cell::Number("0".into()));
        assert_eq!(
            Cell::read("1,234,567", true),
            Cell::Number("1234567".into())
        );
        assert_eq!(Cell::Number("007".into()).field(), "007");
    }
}
