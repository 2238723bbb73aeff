//! Dates and times written the way each language writes them (`Fri 5 Dec 19:00`,
//! `ven. 5 déc. 19:00`), with a 24-hour clock in both.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Timelike, Utc};

use crate::lang::Lang;

const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_FR: [&str; 7] = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

fn month(lang: Lang, date: NaiveDate) -> &'static str {
    let index = date.month0() as usize;
    match lang {
        Lang::En => MONTHS_EN[index],
        Lang::Fr => MONTHS_FR[index],
    }
}

fn weekday(lang: Lang, date: NaiveDate) -> &'static str {
    let index = date.weekday().num_days_from_monday() as usize;
    match lang {
        Lang::En => WEEKDAYS_EN[index],
        Lang::Fr => WEEKDAYS_FR[index],
    }
}

/// `5 Dec 2026` / `5 déc. 2026`.
pub fn format_date(lang: Lang, date: NaiveDate) -> String {
    format!("{} {} {}", date.day(), month(lang, date), date.year())
}

/// `19:05`.
pub fn format_time<Z: TimeZone>(instant: &DateTime<Z>) -> String {
    format!("{:02}:{:02}", instant.hour(), instant.minute())
}

/// `Fri 5 Dec 19:00` / `ven. 5 déc. 19:00`, with the year when it is not the year of
/// `now` (there): `Sat 5 Jun 2027 19:00`.
pub fn format_date_time<Z: TimeZone>(
    lang: Lang,
    instant: &DateTime<Z>,
    now: DateTime<Utc>,
) -> String {
    let date = instant.date_naive();
    let this_year = now.with_timezone(&instant.timezone()).year();
    let year = match date.year() == this_year {
        true => String::new(),
        false => format!(" {}", date.year()),
    };
    format!(
        "{} {} {}{year} {}",
        weekday(lang, date),
        date.day(),
        month(lang, date),
        format_time(instant)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    #[test]
    fn an_evening_in_paris_reads_naturally_in_both_languages() {
        let instant = Paris.with_ymd_and_hms(2026, 12, 5, 19, 0, 0).unwrap();
        let now = instant.with_timezone(&Utc);
        assert_eq!(format_date_time(Lang::En, &instant, now), "Sat 5 Dec 19:00");
        assert_eq!(
            format_date_time(Lang::Fr, &instant, now),
            "sam. 5 déc. 19:00"
        );
    }

    #[test]
    fn another_year_is_written() {
        let now = Paris
            .with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
            .unwrap()
            .with_timezone(&Utc);
        let june = Paris.with_ymd_and_hms(2027, 6, 5, 19, 0, 0).unwrap();
        assert_eq!(
            format_date_time(Lang::En, &june, now),
            "Sat 5 Jun 2027 19:00"
        );
        assert_eq!(
            format_date_time(Lang::Fr, &june, now),
            "sam. 5 juin 2027 19:00"
        );
    }

    #[test]
    fn dates_carry_their_year() {
        let date = NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
        assert_eq!(format_date(Lang::En, date), "1 Aug 2026");
        assert_eq!(format_date(Lang::Fr, date), "1 août 2026");
    }
}
