//! From a wall-clock time to an instant, across summer-time changes.
//!
//! The rule, used for one-off events and for every occurrence of a series alike:
//! - a time skipped when clocks spring forward moves forward by the length of the gap
//!   (02:30 on the day Paris springs forward is 03:30 CEST);
//! - a time that happens twice when clocks fall back is the first (earlier) one.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Offset, TimeDelta, TimeZone};
use chrono_tz::Tz;

use super::Adjustment;

/// The instant at which the clocks of `zone` show `local`, by the rule above, and the
/// adjustment made if the time did not exist or existed twice.
pub fn resolve_local(zone: Tz, local: NaiveDateTime) -> (DateTime<Tz>, Option<Adjustment>) {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(start) => (start, None),
        LocalResult::Ambiguous(first, second) => (
            first.min(second),
            Some(Adjustment::AmbiguousFold { asked: local }),
        ),
        LocalResult::None => {
            let before = offset_before_gap(zone, local);
            let utc = local
                .checked_sub_signed(TimeDelta::seconds(i64::from(before.local_minus_utc())))
                .unwrap_or(local);
            let start = zone.from_utc_datetime(&utc);
            let used = start.naive_local();
            (start, Some(Adjustment::SkippedGap { asked: local, used }))
        }
    }
}

/// The offset in force just before the gap that swallows `local`: that of the latest
/// earlier wall-clock time that exists, found a quarter of an hour at a time (two days at
/// most: no zone has ever skipped more than one).
fn offset_before_gap(zone: Tz, local: NaiveDateTime) -> FixedOffset {
    let mut probe = local;
    for _ in 0..4 * 48 {
        let Some(earlier) = probe.checked_sub_signed(TimeDelta::minutes(15)) else {
            break;
        };
        probe = earlier;
        match zone.from_local_datetime(&probe) {
            LocalResult::Single(time) => return time.offset().fix(),
            LocalResult::Ambiguous(first, second) => return first.max(second).offset().fix(),
            LocalResult::None => {}
        }
    }
    zone.offset_from_utc_datetime(&local).fix()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::{America, Australia, Europe};

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    /// The wall-clock time and the UTC offset (in hours) of what `resolve_local` gives.
    fn resolved(zone: Tz, local: NaiveDateTime) -> (NaiveDateTime, i32, Option<Adjustment>) {
        let (start, adjustment) = resolve_local(zone, local);
        let offset = start.offset().fix().local_minus_utc();
        assert_eq!(offset % 3600, 0);
        (start.naive_local(), offset / 3600, adjustment)
    }

    #[test]
    fn an_ordinary_time_is_taken_as_it_is() {
        let local = at(2026, 3, 2, 19, 0);
        assert_eq!(resolved(Europe::Paris, local), (local, 1, None));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward_by_the_gap() {
        let cases = [
            (
                Europe::Paris,
                at(2026, 3, 29, 2, 30),
                at(2026, 3, 29, 3, 30),
                2,
            ),
            (
                Europe::Paris,
                at(2026, 3, 29, 2, 0),
                at(2026, 3, 29, 3, 0),
                2,
            ),
            (
                America::Montreal,
                at(2026, 3, 8, 2, 30),
                at(2026, 3, 8, 3, 30),
                -4,
            ),
            (
                Australia::Sydney,
                at(2026, 10, 4, 2, 30),
                at(2026, 10, 4, 3, 30),
                11,
            ),
        ];
        for (zone, asked, used, offset) in cases {
            assert_eq!(
                resolved(zone, asked),
                (used, offset, Some(Adjustment::SkippedGap { asked, used })),
                "{zone} {asked}"
            );
        }
    }

    #[test]
    fn a_time_in_the_autumn_fold_takes_the_earlier_offset() {
        let cases = [
            (Europe::Paris, at(2026, 10, 25, 2, 30), 2),
            (America::Montreal, at(2026, 11, 1, 1, 30), -4),
            (Australia::Sydney, at(2026, 4, 5, 2, 30), 11),
        ];
        for (zone, asked, offset) in cases {
            assert_eq!(
                resolved(zone, asked),
                (asked, offset, Some(Adjustment::AmbiguousFold { asked })),
                "{zone} {asked}"
            );
        }
    }

    #[test]
    fn the_times_around_a_change_are_not_adjusted() {
        let cases = [
            (Europe::Paris, at(2026, 3, 29, 1, 59), 1),
            (Europe::Paris, at(2026, 3, 29, 3, 0), 2),
            (Europe::Paris, at(2026, 10, 25, 3, 0), 1),
            (Australia::Sydney, at(2026, 4, 5, 3, 0), 10),
            (Australia::Sydney, at(2026, 4, 5, 1, 59), 11),
        ];
        for (zone, local, offset) in cases {
            assert_eq!(
                resolved(zone, local),
                (local, offset, None),
                "{zone} {local}"
            );
        }
    }

    #[test]
    fn a_whole_skipped_day_moves_forward_by_a_day() {
        // Samoa crossed the date line: 2011-12-30 never happened in Apia.
        let asked = at(2011, 12, 30, 12, 0);
        let used = at(2011, 12, 31, 12, 0);
        assert_eq!(
            resolved(chrono_tz::Pacific::Apia, asked),
            (used, 14, Some(Adjustment::SkippedGap { asked, used }))
        );
    }
}
