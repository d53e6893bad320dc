//! Years served as 正职, computed from tenures: every post of every village counted
//! once, however they overlap (a secretary who is also the director serves one day a
//! day).
//!
//! A tenure counts from its first day (`start`) to the day before it ends (`end`, the
//! day the person left; or the day asked about, for a sitting head). Overlapping
//! tenures are merged into unbroken stretches; each stretch is read as whole years,
//! months and days of the calendar, and the stretches are added up: the leftover days of
//! two or more stretches make a month every 30 (每30天折一个月), 12 months a year; one
//! stretch's leftover days never make a month (30 days before a 31-day month are not one). One unbroken tenure from
//! 2010-03-01 that ends on 2020-03-01 is exactly 10 years; one that ends on 2020-02-29
//! is 9 years 11 months 28 days; two full five-year terms with a gap between them are
//! 10 years, wherever the leap days fall.

use chrono::NaiveDate;

use crate::domain::cadre_selection::{add_months, full_months};

/// How long a person served, as of a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Served {
    /// Days served, every overlap counted once.
    pub days: u32,
    /// Whole years of them (each stretch in calendar months, added up).
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
    let (mut days, mut months, mut rest, mut pieces) = (0u64, 0u64, 0u64, 0u32);
    for (from, until) in stretches(periods, on) {
        days += u64::try_from((until - from).num_days()).unwrap_or(0);
        let whole = full_months(from, until);
        months += u64::from(whole);
        let after = add_months(from, whole);
        let left = u64::try_from((until - after).num_days()).unwrap_or(0);
        rest += left;
        pieces += u32::from(left > 0);
    }
    // One stretch's days past its last whole month are less than a month of the
    // calendar (30 of them, before a 31-day month, still are): only days of two or more
    // stretches together make months.
    if pieces >= 2 {
        months += rest / 30;
        rest %= 30;
    }
    let small = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
    Served {
        days: small(days),
        years: small(months / 12),
        months: small(months % 12),
        rest_days: small(rest),
    }
}

/// The periods as unbroken stretches [from, until), overlaps merged, earliest first.
fn stretches(
    periods: &[(NaiveDate, Option<NaiveDate>)],
    on: NaiveDate,
) -> Vec<(NaiveDate, NaiveDate)> {
    let mut spans: Vec<(NaiveDate, NaiveDate)> = periods
        .iter()
        .map(|&(start, end)| (start, end.map_or(on, |e| e.min(on))))
        .filter(|(start, end)| start < end)
        .collect();
    crate::domain::sorting::sort(&mut spans);
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
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
        // Two separate spells: 2000–2005 and 2010–2014 add up to 9 years.
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
    fn two_full_terms_with_a_gap_are_ten_years_wherever_the_leap_days_fall() {
        let on = d("2026-12-01");
        let terms = served(
            &[
                (d("2003-01-01"), Some(d("2008-01-01"))),
                (d("2009-01-01"), Some(d("2014-01-01"))),
            ],
            on,
        );
        assert_eq!((terms.years, terms.months, terms.rest_days), (10, 0, 0));
        // Leftover days add up across stretches, 30 to a month.
        let pieces = served(
            &[
                (d("2001-01-01"), Some(d("2001-01-21"))),
                (d("2002-01-01"), Some(d("2002-01-21"))),
            ],
            on,
        );
        assert_eq!((pieces.days, pieces.months, pieces.rest_days), (40, 1, 10));
    }

    #[test]
    fn a_day_short_is_short_whatever_month_the_term_began_in() {
        let on = d("2030-01-01");
        for (start, end) in [
            ("2010-01-15", "2020-01-14"),
            ("2010-04-30", "2020-04-29"),
            ("2010-01-31", "2020-01-30"),
            ("2010-06-01", "2020-05-31"),
            ("2010-08-10", "2020-08-09"),
            ("2010-09-01", "2020-08-31"),
            ("2010-11-20", "2020-11-19"),
        ] {
            let s = served(&[(d(start), Some(d(end)))], on);
            assert!(!s.at_least_years(10), "{start} → {end}: {s:?}");
            let full = served(&[(d(start), Some(d(&end.replace("2020", "2021"))))], on);
            assert!(full.at_least_years(10), "{start}: {full:?}");
        }
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
