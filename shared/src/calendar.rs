//! Working days and UK time, in Europe/London (docs/domain-rules.md); the deadline rules
//! built on them are in `deadlines`.
//!
//! Working days are Monday–Friday minus the bank holidays of a UK calendar (England and Wales
//! for the service's deadlines; Scotland and Northern Ireland are kept too). Helpline hours are
//! 09:00–17:00. A report counts from the working day it arrives on if it arrives before the
//! helpline closes; otherwise (an evening, a weekend, a bank holiday) from the next working day.
//! "The end of a working day" is 17:00 UK time on it, whichever of GMT or BST applies.

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::Deserialize;

choice! {
    /// The three UK bank-holiday calendars (identifiers as in the GOV.UK feed).
    pub enum HolidayCalendar {
        EnglandAndWales => "england-and-wales",
        Scotland => "scotland",
        NorthernIreland => "northern-ireland",
    }
}

pub const HELPLINE_OPENS: Time = Time::constant(9, 0, 0, 0);
pub const HELPLINE_CLOSES: Time = Time::constant(17, 0, 0, 0);

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    date: Date,
}

struct Holidays {
    dates: HashMap<HolidayCalendar, BTreeSet<Date>>,
    first_year: i16,
    last_year: i16,
}

static HOLIDAYS: LazyLock<Holidays> = LazyLock::new(|| {
    let mut feed: HashMap<String, serde_json::Value> =
        serde_json::from_str(include_str!("../data/uk-bank-holidays.json")).expect("shipped calendar parses (tested)");
    let mut dates = HashMap::new();
    for calendar in HolidayCalendar::ALL {
        let division: Division =
            serde_json::from_value(feed.remove(calendar.as_str()).expect("calendar present (tested)"))
                .expect("calendar shape (tested)");
        dates.insert(*calendar, division.events.into_iter().map(|e| e.date).collect::<BTreeSet<_>>());
    }
    let years: BTreeSet<i16> = dates.values().flatten().map(|d| d.year()).collect();
    Holidays {
        dates,
        first_year: *years.first().expect("holidays listed"),
        last_year: *years.last().expect("holidays listed"),
    }
});

pub fn london() -> TimeZone {
    // Compiled in from the tz database at build time: the only zone the service uses.
    static LONDON: TimeZone = jiff::tz::get!("Europe/London");
    LONDON.clone()
}

/// Whether the shipped calendar lists the bank holidays of `date`'s year. Outside it, dates
/// are treated as having none: a deadline may then land on a holiday, so the caller warns.
pub fn covers(date: Date) -> bool {
    (HOLIDAYS.first_year..=HOLIDAYS.last_year).contains(&date.year())
}

pub fn is_bank_holiday(calendar: HolidayCalendar, date: Date) -> bool {
    HOLIDAYS.dates[&calendar].contains(&date)
}

pub fn is_working_day(calendar: HolidayCalendar, date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && !is_bank_holiday(calendar, date)
}

pub fn next_working_day(calendar: HolidayCalendar, date: Date) -> Date {
    let mut day = date.tomorrow().expect("dates stay in range");
    while !is_working_day(calendar, day) {
        day = day.tomorrow().expect("dates stay in range");
    }
    day
}

/// The working day `n` working days after `date` (`n = 0` is `date` itself).
pub fn add_working_days(calendar: HolidayCalendar, date: Date, n: u32) -> Date {
    (0..n).fold(date, |day, _| next_working_day(calendar, day))
}

/// The working day a report received at `at` counts from.
pub fn counting_day(calendar: HolidayCalendar, at: Timestamp) -> Date {
    let local = at.to_zoned_datetime(london());
    let date = local.date();
    if is_working_day(calendar, date) && local.time() < HELPLINE_CLOSES {
        date
    } else {
        next_working_day(calendar, date)
    }
}

/// 17:00 UK time on `date`.
pub fn end_of_working_day(date: Date) -> Timestamp {
    date.to_datetime(HELPLINE_CLOSES)
        .to_zoned_datetime(london())
        .expect("17:00 exists on every UK date (clock changes are at 01:00)")
        .timestamp()
}

/// `at` plus a duration the service uses (leases, grace periods, windows: minutes to weeks).
pub fn after(at: Timestamp, duration: std::time::Duration) -> Timestamp {
    let duration = jiff::SignedDuration::try_from(duration).expect("the service's durations are small");
    at.checked_add(duration).expect("timestamps the service handles stay in range")
}

/// A time as an operator may type one: an RFC 3339 date-time, or a date meaning the start of
/// that day in UK time.
pub fn uk_time_or_date(value: &str) -> Option<Timestamp> {
    value.parse::<Timestamp>().ok().or_else(|| {
        let date = value.parse::<Date>().ok()?;
        let midnight = date.to_datetime(jiff::civil::Time::midnight());
        midnight.to_zoned_datetime(london()).ok().map(|zoned| zoned.timestamp())
    })
}

/// Formats an instant for operators: `Thu 26 Nov 2026 17:00 GMT`.
pub fn uk_time(at: Timestamp) -> String {
    at.to_zoned_datetime(london()).strftime("%a %-d %b %Y %H:%M %Z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn an_operators_date_means_the_start_of_that_uk_day() {
        assert_eq!(uk_time_or_date("2026-07-01"), Some(at("2026-06-30T23:00:00Z")), "BST");
        assert_eq!(uk_time_or_date("2026-12-01"), Some(at("2026-12-01T00:00:00Z")), "GMT");
        assert_eq!(uk_time_or_date("2026-12-01T09:30:00Z"), Some(at("2026-12-01T09:30:00Z")));
        assert_eq!(uk_time_or_date("tomorrow"), None);
    }

    #[test]
    fn the_shipped_calendar_covers_2025_to_2028_for_all_three_nations() {
        for calendar in HolidayCalendar::ALL {
            for year in 2025..=2028 {
                let count = HOLIDAYS.dates[calendar].iter().filter(|d| d.year() == year).count();
                assert!(count >= 8, "{calendar} {year}: {count}");
            }
        }
        assert!(covers(date("2025-01-01")) && covers(date("2028-12-31")));
        assert!(!covers(date("2029-01-02")));
    }

    #[test]
    fn nations_keep_their_own_holidays() {
        let st_andrews = date("2026-11-30");
        assert!(is_bank_holiday(HolidayCalendar::Scotland, st_andrews));
        assert!(!is_bank_holiday(HolidayCalendar::EnglandAndWales, st_andrews));
        let st_patricks = date("2026-03-17");
        assert!(is_bank_holiday(HolidayCalendar::NorthernIreland, st_patricks));
        assert!(is_working_day(HolidayCalendar::EnglandAndWales, st_patricks));
        let second_january = date("2026-01-02");
        assert!(!is_working_day(HolidayCalendar::Scotland, second_january));
        assert!(is_working_day(HolidayCalendar::EnglandAndWales, second_january));
    }

    #[test]
    fn the_end_of_a_working_day_follows_the_clock_changes() {
        // BST ends Sun 25 Oct 2026: Friday 23 is 16:00 UTC, Monday 26 is 17:00 UTC.
        assert_eq!(end_of_working_day(date("2026-10-23")), at("2026-10-23T16:00:00Z"));
        assert_eq!(end_of_working_day(date("2026-10-26")), at("2026-10-26T17:00:00Z"));
        // BST starts Sun 29 Mar 2026.
        assert_eq!(end_of_working_day(date("2026-03-27")), at("2026-03-27T17:00:00Z"));
        assert_eq!(end_of_working_day(date("2026-03-30")), at("2026-03-30T16:00:00Z"));
    }

    #[test]
    fn the_uk_evening_is_judged_in_uk_time() {
        // 16:30 UTC on a summer Friday is 17:30 BST: after hours, counts from Monday.
        assert_eq!(counting_day(HolidayCalendar::EnglandAndWales, at("2026-07-03T16:30:00Z")), date("2026-07-06"));
        // 16:30 UTC on a winter Friday is 16:30 GMT: still in hours.
        assert_eq!(counting_day(HolidayCalendar::EnglandAndWales, at("2026-11-27T16:30:00Z")), date("2026-11-27"));
    }
}
