#![cfg(not(target_arch = "wasm32"))]
//! Working days on China's official calendar (DOMAIN.md W4: 5 working days of 任前公示
//! and of each disclosure, statutory holidays and 调休 counted correctly).

use chrono::NaiveDate;
use jishi::domain::calendar::{validate_schedules, Window, WorkCalendar, YearSchedule};
use jishi::domain::policy::Policy;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cal() -> WorkCalendar {
    WorkCalendar::new(&Policy::default())
}

#[test]
fn national_day_2025_holidays_and_adjusted_weekend_days() {
    let c = cal();
    // 2025-10-01 .. 10-08 off (国庆节、中秋节), 09-28 (Sun) and 10-11 (Sat) working.
    for day in 1..=8 {
        assert!(
            !c.is_working_day(d(2025, 10, day)),
            "2025-10-{day:02} is a holiday"
        );
    }
    assert!(
        c.is_working_day(d(2025, 9, 28)),
        "Sunday 2025-09-28 is a working day"
    );
    assert!(
        c.is_working_day(d(2025, 10, 11)),
        "Saturday 2025-10-11 is a working day"
    );
    assert!(
        !c.is_working_day(d(2025, 10, 12)),
        "Sunday 2025-10-12 is an ordinary day off"
    );
    assert!(c.is_working_day(d(2025, 9, 30)));
    assert!(c.is_working_day(d(2025, 10, 9)));
}

#[test]
fn five_working_days_across_national_day_count_the_adjusted_saturday() {
    let c = cal();
    // Start Tue 2025-09-30: 09-30, (10-01..08 off), 10-09 Thu, 10-10 Fri, 10-11 Sat (调休), 10-13 Mon.
    assert_eq!(
        c.add_working_days(d(2025, 9, 30), 5),
        Window {
            start: d(2025, 9, 30),
            end: d(2025, 10, 13)
        }
    );
    // Starting inside the holiday: the window starts on the first working day after it:
    // 10-09 Thu, 10-10 Fri, 10-11 Sat (调休), 10-13 Mon, 10-14 Tue.
    assert_eq!(
        c.add_working_days(d(2025, 10, 3), 5),
        Window {
            start: d(2025, 10, 9),
            end: d(2025, 10, 14)
        }
    );
    // Starting on the adjusted Sunday 09-28: 09-28, 09-29, 09-30, 10-09, 10-10.
    assert_eq!(
        c.add_working_days(d(2025, 9, 28), 5),
        Window {
            start: d(2025, 9, 28),
            end: d(2025, 10, 10)
        }
    );
    // 09-28 (Sun, 调休), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat, 调休).
    assert_eq!(c.working_days_between(d(2025, 9, 27), d(2025, 10, 12)), 6);
}

#[test]
fn spring_festival_2026_window() {
    let c = cal();
    // 2026 春节: 02-15 .. 02-23 off; 02-14 (Sat) and 02-28 (Sat) working.
    assert!(c.is_working_day(d(2026, 2, 14)));
    assert!(!c.is_working_day(d(2026, 2, 16)));
    assert!(
        !c.is_working_day(d(2026, 2, 23)),
        "Monday 02-23 is still a holiday"
    );
    assert!(c.is_working_day(d(2026, 2, 28)));
    // From Thu 02-12: 02-12, 02-13, 02-14 (Sat, 调休), 02-24, 02-25.
    assert_eq!(
        c.add_working_days(d(2026, 2, 12), 5),
        Window {
            start: d(2026, 2, 12),
            end: d(2026, 2, 25)
        }
    );
    // 2025 春节: 01-28 .. 02-04 off, 01-26 (Sun) and 02-08 (Sat) working.
    assert!(c.is_working_day(d(2025, 1, 26)));
    assert!(!c.is_working_day(d(2025, 2, 4)));
    assert!(c.is_working_day(d(2025, 2, 8)));
    assert_eq!(c.add_working_days(d(2025, 1, 27), 3).end, d(2025, 2, 6));
}

#[test]
fn an_ordinary_week_skips_the_weekend() {
    let c = cal();
    // Wed 2026-03-04 + 5 working days = Tue 03-10.
    assert_eq!(c.add_working_days(d(2026, 3, 4), 5).end, d(2026, 3, 10));
    assert_eq!(c.add_working_days(d(2026, 3, 7), 1).start, d(2026, 3, 9));
}

#[test]
fn the_administrator_adds_a_year_the_crate_lacks() {
    // 2027 is not in the crate: only weekends are days off until policy adds the year.
    let c = cal();
    assert!(!c.knows_year(2027));
    assert!(c.knows_year(2026));
    assert!(c.is_working_day(d(2027, 10, 1)));
    let mut policy = Policy::default();
    policy.extra_calendar.push(YearSchedule {
        year: 2027,
        holidays: (1..=7).map(|day| d(2027, 10, day)).collect(),
        workdays: vec![d(2027, 9, 26), d(2027, 10, 9)],
    });
    policy.validate().unwrap();
    let c = WorkCalendar::new(&policy);
    assert!(c.knows_year(2027));
    assert!(!c.is_working_day(d(2027, 10, 1)));
    assert!(
        c.is_working_day(d(2027, 10, 9)),
        "Saturday 10-09 made a working day"
    );
    // Thu 09-30, Fri 10-08, Sat 10-09, Mon 10-11, Tue 10-12.
    assert_eq!(c.add_working_days(d(2027, 9, 30), 5).end, d(2027, 10, 12));
    // A year given in policy replaces the crate's data for that year.
    policy.extra_calendar = vec![YearSchedule {
        year: 2025,
        holidays: vec![],
        workdays: vec![],
    }];
    assert!(WorkCalendar::new(&policy).is_working_day(d(2025, 10, 2)));
}

#[test]
fn bad_year_schedules_are_refused() {
    let twice = YearSchedule {
        year: 2027,
        holidays: vec![],
        workdays: vec![],
    };
    assert!(validate_schedules(&[twice.clone(), twice]).is_err());
    assert!(validate_schedules(&[YearSchedule {
        year: 2027,
        holidays: vec![d(2028, 1, 1)],
        workdays: vec![],
    }])
    .is_err());
    assert!(validate_schedules(&[YearSchedule {
        year: 2027,
        holidays: vec![d(2027, 10, 9)],
        workdays: vec![d(2027, 10, 9)],
    }])
    .is_err());
}

#[test]
fn dates_past_the_crates_range_do_not_panic() {
    let c = cal();
    assert!(c.is_working_day(d(2026, 12, 28)));
    assert!(!c.is_working_day(d(2026, 12, 26)));
    assert!(c.is_working_day(d(2003, 12, 31)));
}

#[test]
fn an_administrator_types_next_years_schedule_and_it_counts_for_windows() {
    use jishi::domain::calendar::{parse_schedule, WorkCalendar};
    use jishi::domain::Policy;
    // 2027 is beyond the crate's data: the county adds 元旦 2027-01-01 off and
    // Sunday 2027-01-03... here an illustrative schedule: 01-01 and 01-04 off, Sat 01-09 worked.
    let s = parse_schedule("2027", "2027-01-01，2027-01-04\n2027-01-01", "2027-01-09").unwrap();
    assert_eq!(s.holidays.len(), 2, "duplicates are dropped");
    let policy = Policy::default().with_schedule(s.clone());
    let cal = WorkCalendar::new(&policy);
    assert!(cal.knows_year(2027));
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2027, m, day).unwrap();
    assert!(!cal.is_working_day(d(1, 4)));
    assert!(cal.is_working_day(d(1, 9)));
    // 5 working days from Fri 2027-01-01 (off): Tue 05, Wed 06, Thu 07, Fri 08, Sat 09 (worked).
    let w = cal.add_working_days(d(1, 1), 5);
    assert_eq!((w.start, w.end), (d(1, 5), d(1, 9)));
    // Entering the year again replaces it.
    let p2 = policy.with_schedule(parse_schedule("2027", "", "").unwrap());
    assert_eq!(p2.extra_calendar.len(), 1);
    assert!(p2.extra_calendar[0].holidays.is_empty());
    // Bad input is refused with a field.
    assert_eq!(
        parse_schedule("2027", "2027-13-01", "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("calendar_holidays")
    );
    assert_eq!(
        parse_schedule("2027", "2026-12-31", "").unwrap_err().code,
        "policy.calendar"
    );
    assert_eq!(
        parse_schedule("下一年", "", "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("calendar_year")
    );
}

#[test]
fn the_app_warns_ahead_of_a_year_whose_holidays_are_unknown() {
    use jishi::domain::calendar::{missing_years, parse_schedule};
    use jishi::domain::Policy;
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let policy = Policy::default();
    // 2026 is in the built-in data; 45 days ahead of 2026-11-22 is still 2026.
    assert!(missing_years(&policy, d(2026, 11, 10), 45).is_empty());
    // From mid-November the next 45 days reach 2027, which nobody has entered yet.
    assert_eq!(missing_years(&policy, d(2026, 11, 20), 45), vec![2027]);
    assert_eq!(missing_years(&policy, d(2027, 3, 1), 45), vec![2027]);
    // Once the administrator adds 2027, the warning goes.
    let with_2027 = policy.with_schedule(parse_schedule("2027", "2027-01-01", "").unwrap());
    assert!(missing_years(&with_2027, d(2026, 12, 20), 45).is_empty());
}
