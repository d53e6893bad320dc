//! Working days (工作日) on China's official calendar: weekends, statutory holidays and
//! adjusted working days (调休).
//!
//! The data comes from the maintained `chinese_holiday` crate (the 国务院办公厅 notices
//! from 2004 to 2026, e.g. 2025: 国办发明电〔2024〕12号, gov.cn/zhengce/content/202411/
//! content_6986382.htm; 2026: gov.cn/zhengce/content/202511/content_7047090.htm). When a
//! year is missing there (the crate covers 2004-01-01 to 2026-12-25), the county
//! administrator adds that year's schedule through `Policy::extra_calendar`; a year
//! given in policy replaces the crate's data for that year.

use crate::domain::sorting;
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::policy::Policy;

/// One year's official schedule, added by the administrator through policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    /// The calendar year the schedule is for.
    pub year: i32,
    /// Days off (statutory holidays and the weekdays they are moved to).
    pub holidays: Vec<NaiveDate>,
    /// Weekend days that are working days (调休上班).
    pub workdays: Vec<NaiveDate>,
}

/// A window of working days: its first and last day (both included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    /// First working day of the window.
    pub start: NaiveDate,
    /// Last working day of the window.
    pub end: NaiveDate,
}

impl Window {
    /// Whether `date` falls inside the window.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }
}

/// Longest window (in days) the calendar walks: far beyond any policy window, it
/// only bounds the work a bad number could cause.
pub const MAX_WINDOW: u32 = 3_660;

/// First and last day the crate's data covers.
fn crate_range() -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(2004, 1, 1).unwrap_or(NaiveDate::MAX),
        NaiveDate::from_ymd_opt(2026, 12, 25).unwrap_or(NaiveDate::MIN),
    )
}

/// The working-day calendar: the crate's data plus the policy's year schedules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    extra: Vec<YearSchedule>,
}

impl WorkCalendar {
    /// The calendar in force under `policy`.
    pub fn new(policy: &Policy) -> WorkCalendar {
        WorkCalendar {
            extra: policy.extra_calendar.clone(),
        }
    }

    /// Whether the official schedule of `year` is known (crate or policy). For a year
    /// not known, only weekends count as days off: the UI should warn.
    pub fn knows_year(&self, year: i32) -> bool {
        let (from, to) = crate_range();
        self.extra.iter().any(|s| s.year == year) || (from.year()..=to.year()).contains(&year)
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if let Some(s) = self.extra.iter().rev().find(|s| s.year == date.year()) {
            if s.workdays.contains(&date) {
                return true;
            }
            if s.holidays.contains(&date) {
                return false;
            }
            return !is_weekend(date);
        }
        let (from, to) = crate_range();
        if from <= date && date <= to {
            if let (Ok(y), Ok(m), Ok(d)) = (
                u16::try_from(date.year()),
                u8::try_from(date.month()),
                u8::try_from(date.day()),
            ) {
                return chinese_holiday::chinese_holiday(chinese_holiday::Ymd::new(y, m, d))
                    .is_workday();
            }
        }
        !is_weekend(date)
    }

    /// The first working day on or after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        let mut d = date;
        // A year has far fewer than 60 consecutive days off; the bound only guards bad data.
        for _ in 0..60 {
            if self.is_working_day(d) {
                return d;
            }
            d = d.succ_opt().unwrap_or(d);
        }
        d
    }

    /// A window of `n` working days (n ≥ 1, at most [`MAX_WINDOW`]) starting on the
    /// first working day on or after `start`. Returns its first and last day; at the
    /// calendar's end it stops there.
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Window {
        let first = self.next_working_day(start);
        let mut end = first;
        for _ in 1..n.clamp(1, MAX_WINDOW) {
            let Some(next) = end.succ_opt() else { break };
            end = self.next_working_day(next);
        }
        Window { start: first, end }
    }

    /// Working days from `from` to `to`, both included (0 if `to < from`), counting
    /// at most [`MAX_WINDOW`] days.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let counted = from
            .iter_days()
            .take_while(|d| *d <= to)
            .take(MAX_WINDOW as usize)
            .filter(|d| self.is_working_day(*d))
            .count();
        u32::try_from(counted).unwrap_or(u32::MAX)
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How many days ahead the app warns of a year whose schedule is missing.
pub const SCHEDULE_WARNING_DAYS: u32 = 45;

/// Years the calendar lacks among those touched by the next `days` days from `today`:
/// windows there would count weekends only, so the app warns until the administrator
/// adds the year's schedule.
pub fn missing_years(policy: &Policy, today: NaiveDate, days: u32) -> Vec<i32> {
    let cal = WorkCalendar::new(policy);
    let end = super::time::add_days(today, i64::from(days));
    (today.year()..=end.year())
        .filter(|y| !cal.knows_year(*y))
        .collect()
}

/// Parse a year's schedule typed by the administrator: the year, then the days off
/// and the adjusted working days as dates (`YYYY-MM-DD`) separated by spaces, commas
/// or new lines.
pub fn parse_schedule(
    year: &str,
    holidays: &str,
    workdays: &str,
) -> Result<YearSchedule, super::RuleViolation> {
    let year = i32::try_from(super::master::parse_count(year, "calendar_year")?)
        .ok()
        .filter(|y| (1900..=9999).contains(y))
        .ok_or_else(|| {
            super::RuleViolation::new("policy.calendar", "请填写有效年份", "Enter a valid year")
                .on("calendar_year")
        })?;
    let dates = |text: &str, field: &str| -> Result<Vec<NaiveDate>, super::RuleViolation> {
        let mut v = text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
            .filter(|s| !s.is_empty())
            .map(|s| super::time::date_field(s, field))
            .collect::<Result<Vec<_>, _>>()?;
        sorting::sort(&mut v);
        v.dedup();
        Ok(v)
    };
    let schedule = YearSchedule {
        year,
        holidays: dates(holidays, "calendar_holidays")?,
        workdays: dates(workdays, "calendar_workdays")?,
    };
    validate_schedules(std::slice::from_ref(&schedule))?;
    Ok(schedule)
}

/// Years an administrator may give a holiday schedule for.
pub const SCHEDULE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;
/// Most dates in one list of a year's schedule: a year has at most 366 days.
pub const MAX_SCHEDULE_DAYS: usize = 366;

/// Check a policy's extra year schedules: years within [`SCHEDULE_YEARS`], each given
/// once, dates inside their year, no day both a holiday and a working day. Total and
/// cheap (a list longer than its bound is reported, not walked).
pub fn validate_schedules(schedules: &[YearSchedule]) -> Result<(), super::RuleViolation> {
    use super::RuleViolation as V;
    let (first, last) = (*SCHEDULE_YEARS.start(), *SCHEDULE_YEARS.end());
    let bad =
        |zh: String, en: String, field: &str| Err(V::new("policy.calendar", zh, en).on(field));
    if schedules.len() > (last - first) as usize + 1 {
        return bad(
            format!("节假日安排只能给 {first}–{last} 年"),
            format!("Holiday schedules can only be given for {first}–{last}"),
            "calendar_year",
        );
    }
    for (i, s) in schedules.iter().enumerate() {
        if !SCHEDULE_YEARS.contains(&s.year) {
            return bad(
                format!("年份须在 {first} 至 {last} 之间（填写的是 {}）", s.year),
                format!(
                    "The year must be between {first} and {last} (given: {})",
                    s.year
                ),
                "calendar_year",
            );
        }
        if schedules[..i].iter().any(|o| o.year == s.year) {
            return bad(
                format!("{} 年的节假日安排重复", s.year),
                format!("The {} schedule is given twice", s.year),
                "calendar_year",
            );
        }
        if s.holidays.len() > MAX_SCHEDULE_DAYS || s.workdays.len() > MAX_SCHEDULE_DAYS {
            return bad(
                format!("{} 年的日期超过 {MAX_SCHEDULE_DAYS} 个", s.year),
                format!("More than {MAX_SCHEDULE_DAYS} dates given for {}", s.year),
                "calendar_holidays",
            );
        }
        if let Some(d) = s
            .holidays
            .iter()
            .chain(&s.workdays)
            .find(|d| d.year() != s.year)
        {
            return bad(
                format!("{d} 不在 {} 年内", s.year),
                format!("{d} is not in {}", s.year),
                "calendar_holidays",
            );
        }
        let mut workdays = s.workdays.clone();
        sorting::sort(&mut workdays);
        if let Some(d) = s
            .holidays
            .iter()
            .find(|d| workdays.binary_search(d).is_ok())
        {
            return bad(
                format!("{d} 不能既是假日又是调休上班日"),
                format!("{d} cannot be both a holiday and a working day"),
                "calendar_workdays",
            );
        }
    }
    Ok(())
}
