//! Reading an exported CSV back as a spreadsheet would (RFC 4180), checking what Excel
//! and WPS need: the byte-order mark, CRLF line ends, number cells bare.
#![allow(dead_code)]

use jishi::domain::screen::{Block, Screen};

/// The content of the download with `testid` on `screen`.
pub fn download(screen: &Screen, testid: &str) -> String {
    let blocks = screen.iter().flat_map(|c| &c.blocks);
    let found = blocks.filter_map(|b| match b {
        Block::Download {
            testid: id,
            content,
            mime,
            file,
            ..
        } if *id == testid => Some((content, mime, file)),
        _ => None,
    });
    let (content, mime, file) = found.into_iter().next().expect("the download");
    assert_eq!(*mime, "text/csv;charset=utf-8");
    assert!(file.ends_with(".csv"), "{file}");
    content.clone()
}

/// The rows of `text` (a header first), each field unquoted; the raw fields too (as
/// written, to tell a bare number from a quoted or guarded one). Panics unless the text
/// starts with a BOM and every line ends CRLF.
pub fn rows(text: &str) -> Vec<Vec<(String, String)>> {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    assert!(body.ends_with("\r\n"), "CRLF line ends");
    let mut out = vec![];
    let mut row = vec![];
    let (mut field, mut raw) = (String::new(), String::new());
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            raw.push(c);
            match (c, chars.peek()) {
                ('"', Some('"')) => {
                    raw.push('"');
                    chars.next();
                    field.push('"');
                }
                ('"', _) => quoted = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => {
                quoted = true;
                raw.push(c);
            }
            ',' => row.push((std::mem::take(&mut field), std::mem::take(&mut raw))),
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR only before LF");
                row.push((std::mem::take(&mut field), std::mem::take(&mut raw)));
                out.push(std::mem::take(&mut row));
            }
            _ => {
                field.push(c);
                raw.push(c);
            }
        }
    }
    out
}

/// Whether a raw field is a bare decimal number, as a spreadsheet reads a number.
pub fn bare_number(raw: &str) -> bool {
    let digits = raw.strip_prefix('-').unwrap_or(raw);
    let mut parts = digits.split('.');
    let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    parts.next().is_some_and(ok) && parts.next().is_none_or(ok) && parts.next().is_none()
}

/// Whether a raw field is a YYYY-MM-DD date.
pub fn iso_date(raw: &str) -> bool {
    raw.len() == 10 && chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").is_ok()
}

/// A shown text as its CSV field reads back: one starting like a formula (`=`, `+`, `-`,
/// `@`) is kept as text behind a `'`.
pub fn guarded(shown: &str) -> String {
    match shown.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{shown}"),
        _ => shown.to_string(),
    }
}
