//! Places a day as written on the calendar, counting from today in the event's zone.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

use super::reader::Day;

/// The date `day` means when today is `today`.
///
/// - A full date is itself.
/// - A day and month without a year is the next such date on or after today.
/// - A day of the month alone is the next such date on or after today (skipping months
///   too short for it).
/// - A weekday is the next such day; today itself only when `today_will_do(today)` (the
///   time is still ahead) and the weekday was not written as `next`/`prochain`.
///
/// `None` when the calendar runs out (`in 99999999 weeks`).
pub(super) fn place(
    day: Day,
    today: NaiveDate,
    today_will_do: impl Fn(NaiveDate) -> bool,
) -> Option<NaiveDate> {
    match day {
        Day::On(date) => Some(date),
        Day::FromToday(days) => today.checked_add_signed(TimeDelta::try_days(days)?),
        Day::Yearless { day, month } => (today.year()..=today.year().checked_add(8)?)
            .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
            .find(|date| *date >= today),
        Day::Monthless(day) => {
            let first = today.with_day(1)?;
            (0..=12)
                .filter_map(|months| first.checked_add_months(Months::new(months)))
                .filter_map(|month| month.with_day(day))
                .find(|date| *date >= today)
        }
        Day::Weekday { weekday, next } => {
            let from_monday = |day: chrono::Weekday| i64::from(day.num_days_from_monday());
            let ahead = (from_monday(weekday) - from_monday(today.weekday())).rem_euclid(7);
            let ahead = if ahead == 0 && (next || !today_will_do(today)) {
                7
            } else {
                ahead
            };
            today.checked_add_signed(TimeDelta::days(ahead))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    const MONDAY: (i32, u32, u32) = (2026, 3, 2);

    fn placed(day: Day, today_will_do: bool) -> Option<NaiveDate> {
        let (y, m, d) = MONDAY;
        place(day, date(y, m, d), |_| today_will_do)
    }

    #[test]
    fn a_weekday_is_the_next_one_and_today_only_while_the_time_is_ahead() {
        let weekday = |weekday, next| Day::Weekday { weekday, next };
        assert_eq!(
            placed(weekday(Weekday::Fri, false), true),
            Some(date(2026, 3, 6))
        );
        assert_eq!(
            placed(weekday(Weekday::Mon, false), true),
            Some(date(2026, 3, 2))
        );
        assert_eq!(
            placed(weekday(Weekday::Mon, false), false),
            Some(date(2026, 3, 9))
        );
        assert_eq!(
            placed(weekday(Weekday::Mon, true), true),
            Some(date(2026, 3, 9))
        );
        assert_eq!(
            placed(weekday(Weekday::Sun, true), true),
            Some(date(2026, 3, 8))
        );
    }

    #[test]
    fn a_date_without_a_year_is_this_year_from_today_on_else_next_year() {
        let day_month = |day, month| Day::Yearless { day, month };
        assert_eq!(placed(day_month(2, 3), false), Some(date(2026, 3, 2)));
        assert_eq!(placed(day_month(1, 3), true), Some(date(2027, 3, 1)));
        assert_eq!(placed(day_month(5, 12), true), Some(date(2026, 12, 5)));
        assert_eq!(placed(day_month(29, 2), true), Some(date(2028, 2, 29)));
    }

    #[test]
    fn a_day_of_the_month_alone_skips_months_too_short_for_it() {
        assert_eq!(placed(Day::Monthless(5), true), Some(date(2026, 3, 5)));
        assert_eq!(placed(Day::Monthless(1), true), Some(date(2026, 4, 1)));
        let today = date(2026, 1, 31);
        assert_eq!(
            place(Day::Monthless(30), today, |_| true),
            Some(date(2026, 3, 30))
        );
    }

    #[test]
    fn days_are_counted_from_today_either_way() {
        assert_eq!(placed(Day::FromToday(1), true), Some(date(2026, 3, 3)));
        assert_eq!(placed(Day::FromToday(-1), true), Some(date(2026, 3, 1)));
        assert_eq!(placed(Day::FromToday(i64::MAX), true), None);
    }
}
