//! Recurring series: how an event repeats, and the wall-clock dates it falls on.
//!
//! A rule is an RFC 5545 RRULE (`FREQ=WEEKLY;INTERVAL=2`), written by members as
//! `weekly`, `toutes les 2 semaines` or `RRULE:…`. It is applied to the event's **local**
//! start time, as if the zone had no summer time, and each local date-time is then placed
//! in the zone with [`resolve_local`]: a weekly 19:00 Europe/Paris event is at 19:00 on
//! both sides of the change, and an occurrence that falls in a DST gap moves forward by
//! the gap, like a single event would.
//!
//! The last day (`until=`) is kept apart from the rule, as a local date, so that it means
//! the same whatever the zone; `UNTIL=` written in an RRULE is moved there.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rrule::{Frequency, RRule, RRuleSet, Unvalidated};

use crate::when::resolve_local;

/// How an event repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// The RRULE value, without `UNTIL` (e.g. `FREQ=WEEKLY;INTERVAL=2`).
    rule: String,
    /// The last local date an occurrence may fall on.
    pub until: Option<NaiveDate>,
}

/// What `repeat=` asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RepeatChoice {
    Every(Repeat),
    /// `repeat=none`: a one-off event.
    Never,
}

/// `repeat=` was not understood; carries what was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRepeat(pub String);

/// Never look further than this many occurrences ahead (about 27 years of a weekly event).
const MAX_OCCURRENCES: usize = 1_400;

impl Repeat {
    /// Reads `weekly`, `biweekly`, `monthly`, `daily` (and French words for them),
    /// `none`, or an RRULE (`RRULE:FREQ=WEEKLY;BYDAY=TU,TH`, with or without `RRULE:`).
    pub fn parse(input: &str) -> Result<RepeatChoice, BadRepeat> {
        let bad = || BadRepeat(input.trim().to_owned());
        let folded = input.trim().to_lowercase();
        let words: Vec<&str> = folded.split_whitespace().collect();
        let named = match words.as_slice() {
            ["none" | "never" | "no" | "off" | "non" | "jamais" | "aucune" | "aucun"] => {
                return Ok(RepeatChoice::Never);
            }
            ["daily" | "quotidien" | "quotidienne"]
            | ["every" | "chaque", "day" | "jour"]
            | ["tous", "les", "jours"] => Some("FREQ=DAILY"),
            ["weekly" | "hebdo" | "hebdomadaire"]
            | ["every" | "chaque", "week" | "semaine"]
            | ["toutes", "les", "semaines"] => Some("FREQ=WEEKLY"),
            ["biweekly" | "fortnightly"]
            | ["every", "2" | "two" | "other", "weeks" | "week"]
            | ["toutes", "les", "2" | "deux", "semaines"]
            | ["un", "week-end", "sur", "deux"] => Some("FREQ=WEEKLY;INTERVAL=2"),
            ["monthly" | "mensuel" | "mensuelle"]
            | ["every" | "chaque", "month" | "mois"]
            | ["tous", "les", "mois"] => Some("FREQ=MONTHLY"),
            _ => None,
        };
        if let Some(rule) = named {
            return Ok(RepeatChoice::Every(Self {
                rule: rule.to_owned(),
                until: None,
            }));
        }
        let text = input.trim();
        let text = text
            .strip_prefix("RRULE:")
            .or_else(|| text.strip_prefix("rrule:"))
            .unwrap_or(text);
        // RFC 5545's rules are ASCII; the rrule crate slices what it reads by bytes and
        // panics inside a wider character (`BYDAY=MOԴH`), so nothing else goes to it.
        if !text.is_ascii() {
            return Err(bad());
        }
        let mut until = None;
        let mut parts = Vec::new();
        for part in text
            .split(';')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let upper = part.to_uppercase();
            match upper.strip_prefix("UNTIL=") {
                Some(value) => {
                    let day = value.get(..8).ok_or_else(bad)?;
                    until = Some(NaiveDate::parse_from_str(day, "%Y%m%d").map_err(|_| bad())?);
                }
                None => parts.push(upper),
            }
        }
        let rule = parts.join(";");
        // RFC 5545 allows one end or the other, not both.
        if until.is_some() && parts.iter().any(|part| part.starts_with("COUNT=")) {
            return Err(bad());
        }
        let parsed: RRule<Unvalidated> = rule.parse().map_err(|_| bad())?;
        if matches!(
            parsed.get_freq(),
            Frequency::Hourly | Frequency::Minutely | Frequency::Secondly
        ) {
            return Err(bad());
        }
        let repeat = Self { rule, until };
        // Refuse what the library would refuse later, against any start.
        repeat
            .rule_set(NaiveDateTime::new(NaiveDate::MIN, NaiveTime::MIN))
            .map_err(|_| bad())?;
        Ok(RepeatChoice::Every(repeat))
    }

    /// Rebuilds a stored rule.
    pub fn from_stored(rule: &str, until: Option<NaiveDate>) -> Option<Self> {
        let repeat = Self {
            rule: rule.to_owned(),
            until,
        };
        repeat
            .rule_set(NaiveDateTime::new(
                NaiveDate::from_ymd_opt(2000, 1, 1)?,
                NaiveTime::MIN,
            ))
            .ok()?;
        Some(repeat)
    }

    /// Whether the rule ends after a number of dates (`COUNT=`).
    pub fn counts(&self) -> bool {
        self.rule.split(';').any(|part| part.starts_with("COUNT="))
    }

    /// The same dates with the count replaced by their last day, so that starting the
    /// series again from a later date (a move) does not count again from there.
    pub fn ending_on(&self, last_day: NaiveDate) -> Self {
        let rule: Vec<&str> = self
            .rule
            .split(';')
            .filter(|part| !part.starts_with("COUNT="))
            .collect();
        Self {
            rule: rule.join(";"),
            until: Some(last_day),
        }
    }

    /// The RRULE value without `UNTIL` (`FREQ=WEEKLY`).
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// The rule's frequency and interval, for wording it.
    pub fn cadence(&self) -> Cadence {
        let interval = self
            .rule
            .split(';')
            .find_map(|part| part.strip_prefix("INTERVAL="))
            .and_then(|n| n.parse::<u16>().ok())
            .unwrap_or(1);
        let simple = !self
            .rule
            .split(';')
            .any(|part| !part.starts_with("FREQ=") && !part.starts_with("INTERVAL="));
        match (self.rule.split(';').next(), interval, simple) {
            (Some("FREQ=DAILY"), 1, true) => Cadence::Daily,
            (Some("FREQ=WEEKLY"), 1, true) => Cadence::Weekly,
            (Some("FREQ=WEEKLY"), 2, true) => Cadence::Biweekly,
            (Some("FREQ=MONTHLY"), 1, true) => Cadence::Monthly,
            _ => Cadence::Custom,
        }
    }

    /// The rule applied to a local start, with the local date-times treated as UTC
    /// (the library then sees no summer time).
    fn rule_set(&self, first: NaiveDateTime) -> Result<RRuleSet, rrule::RRuleError> {
        let start = first.and_utc().with_timezone(&rrule::Tz::UTC);
        let mut rule = RRule::from_str(&self.rule)?;
        if let Some(until) = self.until {
            let last =
                until.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN));
            rule = rule.until(last.and_utc().with_timezone(&rrule::Tz::UTC));
        }
        rule.build(start)
    }

    /// The starts of the series beginning at `first` (itself the first one), in order.
    pub fn starts(&self, first: DateTime<Utc>, zone: Tz) -> impl Iterator<Item = DateTime<Utc>> {
        let local = first.with_timezone(&zone).naive_local();
        // The iterator owns what it needs from the set.
        let iter = self.rule_set(local).ok().map(|set| (&set).into_iter());
        iter.into_iter()
            .flatten()
            .take(MAX_OCCURRENCES)
            .map(move |local| resolve_local(zone, local.naive_utc()).0.with_timezone(&Utc))
    }
}

/// A rule as members name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cadence {
    Daily,
    Weekly,
    Biweekly,
    Monthly,
    Custom,
}

impl fmt::Display for Repeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rule)?;
        if let Some(until) = self.until {
            write!(f, " until {until}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Timelike};

    fn every(input: &str) -> Repeat {
        match Repeat::parse(input) {
            Ok(RepeatChoice::Every(repeat)) => repeat,
            other => panic!("{input}: {other:?}"),
        }
    }

    fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        chrono_tz::Europe::Paris
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn names_and_rrules_are_read() {
        assert_eq!(every("weekly").rule(), "FREQ=WEEKLY");
        assert_eq!(every("Hebdomadaire").cadence(), Cadence::Weekly);
        assert_eq!(
            every("toutes les 2 semaines").rule(),
            "FREQ=WEEKLY;INTERVAL=2"
        );
        assert_eq!(every("biweekly").cadence(), Cadence::Biweekly);
        assert_eq!(every("mensuel").cadence(), Cadence::Monthly);
        assert_eq!(
            every("RRULE:FREQ=WEEKLY;BYDAY=TU,TH").cadence(),
            Cadence::Custom
        );
        let with_end = every("rrule:freq=weekly;until=20260630T000000Z");
        assert_eq!(with_end.rule(), "FREQ=WEEKLY");
        assert_eq!(with_end.until, NaiveDate::from_ymd_opt(2026, 6, 30));
        assert_eq!(Repeat::parse("jamais"), Ok(RepeatChoice::Never));
    }

    #[test]
    fn nonsense_and_too_frequent_rules_are_refused() {
        for input in [
            "sometimes",
            "FREQ=HOURLY",
            "FREQ=WEEKLY;BYDAY=XX",
            "RRULE:",
            "FREQ=WEEKLY;UNTIL=soon",
            "FREQ=WEEKLY;COUNT=3;UNTIL=20260630",
            "RRULE:FREQ=WEEKLY;BYDAY=MOԴH",
            "FREQ=MONTHLY;BYSETPOS=é",
        ] {
            assert!(Repeat::parse(input).is_err(), "{input}");
        }
    }

    use proptest::strategy::Strategy as _;

    proptest::proptest! {
        /// Whatever follows `RRULE:`, the rule is read or refused, never a panic (found by
        /// the fuzzer: the rrule crate panicked on a character wider than a byte).
        #[test]
        fn any_rule_is_read_or_refused(
            parts in proptest::collection::vec(proptest::prelude::prop_oneof![
                proptest::sample::select(vec![
                    "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=DAILY", "BYDAY=MO,TH", "BYDAY=-1FR",
                    "INTERVAL=2", "COUNT=3", "UNTIL=20261231", "BYMONTHDAY=31", "BYSETPOS=-1",
                    "WKST=SU", "BYMONTH=2",
                ]).prop_map(str::to_owned),
                "\\PC{0,12}",
            ], 0..5),
        ) {
            let _ = Repeat::parse(&format!("RRULE:{}", parts.join(";")));
        }
    }

    #[test]
    fn a_weekly_series_keeps_its_local_time_across_the_change_to_summer_time() {
        // Thursdays at 19:00 in Paris; summer time starts on Sunday 29 March 2026.
        let first = paris(2026, 3, 19, 19, 0);
        let starts: Vec<_> = every("weekly")
            .starts(first, chrono_tz::Europe::Paris)
            .take(3)
            .collect();
        assert_eq!(starts[0], first);
        assert_eq!(starts[1], paris(2026, 3, 26, 19, 0));
        assert_eq!(starts[2], paris(2026, 4, 2, 19, 0));
        // 19:00 local is 18:00 UTC in winter, 17:00 UTC in summer.
        assert_eq!((starts[1].hour(), starts[2].hour()), (18, 17));
    }

    #[test]
    fn an_occurrence_in_the_gap_moves_forward_and_the_next_ones_do_not() {
        // Daily at 02:30 in Paris: 29 March 2026 has no 02:30.
        let first = paris(2026, 3, 28, 2, 30);
        let starts: Vec<_> = every("daily")
            .starts(first, chrono_tz::Europe::Paris)
            .take(3)
            .map(|start| start.with_timezone(&chrono_tz::Europe::Paris).time())
            .collect();
        let at = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(starts, [at(2, 30), at(3, 30), at(2, 30)]);
    }

    #[test]
    fn southern_summer_time_ends_in_april_and_the_local_time_holds() {
        let sydney = chrono_tz::Australia::Sydney;
        let first = sydney
            .with_ymd_and_hms(2026, 3, 29, 18, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let second = every("weekly").starts(first, sydney).nth(1).unwrap();
        assert_eq!(
            second.with_timezone(&sydney).naive_local(),
            NaiveDate::from_ymd_opt(2026, 4, 5)
                .unwrap()
                .and_hms_opt(18, 0, 0)
                .unwrap()
        );
    }

    #[test]
    fn until_is_the_last_local_day_included() {
        let mut repeat = every("weekly");
        repeat.until = NaiveDate::from_ymd_opt(2026, 4, 2);
        let starts: Vec<_> = repeat
            .starts(paris(2026, 3, 19, 19, 0), chrono_tz::Europe::Paris)
            .collect();
        assert_eq!(starts.len(), 3);
    }

    #[test]
    fn stored_rules_come_back() {
        let repeat = every("FREQ=MONTHLY;BYDAY=1TH");
        let back = Repeat::from_stored(repeat.rule(), None).unwrap();
        assert_eq!(back, repeat);
        assert_eq!(Repeat::from_stored("FREQ=NEVER", None), None);
    }
}
