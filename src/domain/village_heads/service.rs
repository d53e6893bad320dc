//! Years served as 正职, computed from tenures: every post of every village counted
//! once, however they overlap (a secretary who is also the director serves one day a
//! day).
//!
//! A tenure counts from its first day (`start`) to the day before it ends (`end`, the
//! day the person left; or the day asked about, for a sitting head). The days of all
//! tenures together are laid end to end from the first day ever served, and read as
//! years, months and days of the calendar from there: one unbroken tenure from
//! 2010-03-01 that ends on 2020-03-01 is exactly 10 years; one that ends on 2020-02-29
//! is 9 years 11 months 28 days.

use chrono::NaiveDate;

use crate::domain::cadre_selection::{add_months, full_months};

/// How long a person served, as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Served {
    /// Days served, every overlap counted once.
    pub days: u32,
    /// Whole years of them, from the first day ever served.
    pub years: u32,
    /// Whole months after the years.
    pub months: u32,
    /// Days after the months.
    pub rest_days: u32,
}

impl Served {
    /// Nothing served.
    pub const NONE: Served = Served {
        days: 0,
        years: 0,
        months: 0,
        rest_days: 0,
    };

    /// Whether this is at least `years` whole years.
    pub fn at_least_years(&self, years: u32) -> bool {
        self.years >= years
    }

    /// "9年8个月3天" / "9 years 8 months 3 days" (parts that are zero left out; "0天"
    /// for nothing).
    pub fn words(&self, zh: bool) -> String {
        let parts = [
            (self.years, "年", "year"),
            (self.months, "个月", "month"),
            (self.rest_days, "天", "day"),
        ];
        let shown: Vec<String> = parts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, z, e)| match (zh, *n) {
                (true, n) => format!("{n}{z}"),
                (false, 1) => format!("1 {e}"),
                (false, n) => format!("{n} {e}s"),
            })
            .collect();
        match (shown.is_empty(), zh) {
            (true, true) => "0天".into(),
            (true, false) => "0 days".into(),
            (false, true) => shown.concat(),
            (false, false) => shown.join(" "),
        }
    }
}

/// How long someone served in these (start, end) periods, as of `on` (a period not
/// ended counts until `on`; days from `on` on are not counted).
pub fn served(periods: &[(NaiveDate, Option<NaiveDate>)], on: NaiveDate) -> Served {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = periods
        .iter()
        .map(|&(start, end)| (start, end.map_or(on, |e| e.min(on))))
        .filter(|(start, end)| start < end)
        .collect();
    crate::domain::sorting::sort_by(&mut spans, |a, b| a.cmp(b));
    let Some(&(first, _)) = spans.first() else {
        return Served::NONE;
    };
    let mut days: i64 = 0;
    let mut reached = first;
    for (start, end) in spans {
        let from = start.max(reached);
        if end > from {
            days += (end - from).num_days();
            reached = end;
        }
    }
    let days = u32::try_from(days).unwrap_or(u32::MAX);
    let until = first
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    let months_in_all = full_months(first, until);
    let after = add_months(first, months_in_all);
    Served {
        days,
        years: months_in_all / 12,
        months: months_in_all % 12,
        rest_days: u32::try_from((until - after).num_days().max(0)).unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ten_years_to_the_day_is_ten_years_and_a_day_less_is_not() {
        let on = d("2026-12-01");
        let ten = served(&[(d("2010-03-01"), Some(d("2020-03-01")))], on);
        assert_eq!((ten.years, ten.months, ten.rest_days), (10, 0, 0));
        assert!(ten.at_least_years(10));
        let short = served(&[(d("2010-03-01"), Some(d("2020-02-29")))], on);
        assert_eq!((short.years, short.months, short.rest_days), (9, 11, 28));
        assert!(!short.at_least_years(10));
        assert_eq!(short.words(true), "9年11个月28天");
        assert_eq!(short.words(false), "9 years 11 months 28 days");
    }

    #[test]
    fn overlapping_posts_and_villages_count_once() {
        let on = d("2026-12-01");
        // Secretary 2008–2016 and director 2012–2019 of the same village: 2008–2019.
        let both = served(
            &[
                (d("2008-01-01"), Some(d("2016-01-01"))),
                (d("2012-01-01"), Some(d("2019-01-01"))),
            ],
            on,
        );
        assert_eq!((both.years, both.months, both.rest_days), (11, 0, 0));
        // Two separate spells: 2000–2005 and 2010–2014 lay end to end as 9 years.
        let spells = served(
            &[
                (d("2010-01-01"), Some(d("2014-01-01"))),
                (d("2000-01-01"), Some(d("2005-01-01"))),
            ],
            on,
        );
        assert_eq!(spells.years, 9);
        assert!(!spells.at_least_years(10));
    }

    #[test]
    fn a_sitting_head_counts_until_the_day_asked_and_nothing_after_it() {
        let sitting = served(&[(d("2017-04-01"), None)], d("2026-12-01"));
        assert_eq!(
            (sitting.years, sitting.months, sitting.rest_days),
            (9, 8, 0)
        );
        assert_eq!(sitting.words(true), "9年8个月");
        let later = served(&[(d("2027-01-01"), None)], d("2026-12-01"));
        assert_eq!(later, Served::NONE);
        assert_eq!(later.words(true), "0天");
    }

    #[test]
    fn dates_at_the_ends_of_the_calendar_do_not_panic() {
        let s = served(&[(NaiveDate::MIN, Some(NaiveDate::MAX))], NaiveDate::MAX);
        assert!(s.years > 10_000);
        let backwards = served(&[(d("2020-01-01"), Some(d("2010-01-01")))], d("2026-01-01"));
        assert_eq!(backwards, Served::NONE);
    }
}
