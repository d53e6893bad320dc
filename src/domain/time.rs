//! Time: events carry UTC milliseconds; people see Beijing (Asia/Shanghai) dates.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike};

/// Beijing is UTC+8 all year (no daylight saving).
const BEIJING_OFFSET_MS: i64 = 8 * 3600 * 1000;

/// The Beijing calendar date of a UTC millisecond timestamp.
pub fn beijing_date(utc_ms: i64) -> NaiveDate {
    beijing_datetime(utc_ms).date()
}

/// The Beijing wall-clock time of a UTC millisecond timestamp.
pub fn beijing_datetime(utc_ms: i64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(utc_ms.saturating_add(BEIJING_OFFSET_MS))
        .unwrap_or_default()
        .naive_utc()
}

/// `YYYY-MM-DD HH:MM` in Beijing time.
pub fn format_beijing(utc_ms: i64) -> String {
    let t = beijing_datetime(utc_ms);
    format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute())
}

/// `date + days` (days may be negative), saturating at the calendar's ends: no
/// number read from a record can make date arithmetic panic.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    let end = if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    };
    Duration::try_days(days)
        .and_then(|d| date.checked_add_signed(d))
        .unwrap_or(end)
}

/// Parse an ISO date `YYYY-MM-DD`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.trim().splitn(3, '-');
    let mut next = |len: std::ops::RangeInclusive<usize>| {
        let p = parts.next()?;
        (len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())?
    };
    let (y, m, d) = (next(4..=4)?, next(1..=2)?, next(1..=2)?);
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Parse a date typed in a form field, with a message naming the field.
pub fn date_field(input: &str, field: &str) -> Result<NaiveDate, super::RuleViolation> {
    parse_date(input).ok_or_else(|| {
        super::RuleViolation::new(
            "date.format",
            "请填写有效日期（年-月-日）",
            "Enter a valid date (YYYY-MM-DD)",
        )
        .on(field)
    })
}

/// An optional date typed in a form field: blank is `None`.
pub fn optional_date_field(
    input: &str,
    field: &str,
) -> Result<Option<NaiveDate>, super::RuleViolation> {
    if input.trim().is_empty() {
        Ok(None)
    } else {
        date_field(input, field).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn late_evening_utc_is_next_day_in_beijing() {
        // 2026-03-31 17:30 UTC = 2026-04-01 01:30 Beijing.
        let ms = DateTime::parse_from_rfc3339("2026-03-31T17:30:00Z")
            .unwrap()
            .timestamp_millis();
        assert_eq!(
            beijing_date(ms),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()
        );
        assert_eq!(format_beijing(ms), "2026-04-01 01:30");
    }

    #[test]
    fn date_arithmetic_saturates_instead_of_panicking() {
        let day = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
        assert_eq!(
            add_days(day, 6),
            NaiveDate::from_ymd_opt(2026, 4, 7).unwrap()
        );
        assert_eq!(
            add_days(day, -1),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
        );
        assert_eq!(add_days(day, i64::from(u32::MAX)), NaiveDate::MAX);
        assert_eq!(add_days(day, i64::MAX), NaiveDate::MAX);
        assert_eq!(add_days(day, i64::MIN), NaiveDate::MIN);
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
    }

    #[test]
    fn dates_typed_in_forms_parse_strictly() {
        assert_eq!(
            parse_date(" 2026-04-01 "),
            NaiveDate::from_ymd_opt(2026, 4, 1)
        );
        assert_eq!(parse_date("2026-4-1"), NaiveDate::from_ymd_opt(2026, 4, 1));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("26-04-01"), None);
        assert_eq!(parse_date("2026/04/01"), None);
        assert_eq!(parse_date("2026-04-01x"), None);
        assert_eq!(parse_date(""), None);
    }
}
