//! French inputs, read on Monday 2 March 2026 at 10:00 in Paris.

use super::{check_all, monday};

#[test]
fn days_counted_from_today_are_read() {
    check_all(
        monday(),
        &[
            ("aujourd'hui 18h", "2026-03-02 18:00"),
            ("aujourd’hui 18h", "2026-03-02 18:00"),
            ("aujourdhui 18h", "2026-03-02 18:00"),
            ("AUJOURD'HUI   18H", "2026-03-02 18:00"),
            ("ce soir", "2026-03-02 20:00"),
            ("ce soir 21h", "2026-03-02 21:00"),
            ("ce soir à 9h", "2026-03-02 21:00"),
            ("ce soir 0h30", "2026-03-03 00:30"),
            ("demain 19h", "2026-03-03 19:00"),
            ("demain à 19h30", "2026-03-03 19:30"),
            ("demain a 19h30", "2026-03-03 19:30"),
            ("19h demain", "2026-03-03 19:00"),
            ("demain soir", "2026-03-03 20:00"),
            ("demain matin 9h", "2026-03-03 09:00"),
            ("demain après-midi à 3h", "2026-03-03 15:00"),
            ("après-demain 10h", "2026-03-04 10:00"),
            ("apres-demain 10h", "2026-03-04 10:00"),
            ("après demain 10h", "2026-03-04 10:00"),
            ("dans 3 jours à midi", "2026-03-05 12:00"),
            ("dans trois jours à midi", "2026-03-05 12:00"),
            ("dans une semaine à 18h", "2026-03-09 18:00"),
        ],
    );
}

#[test]
fn weekdays_are_read_in_full_or_short() {
    check_all(
        monday(),
        &[
            ("vendredi 19h30", "2026-03-06 19:30"),
            ("ven 19h", "2026-03-06 19:00"),
            ("Vendredi à 19 h 30", "2026-03-06 19:30"),
            ("mardi prochain à 18h", "2026-03-03 18:00"),
            ("mar 18h", "2026-03-03 18:00"),
            ("lundi 11h", "2026-03-02 11:00"),
            ("lundi prochain 11h", "2026-03-09 11:00"),
            ("ce samedi à midi", "2026-03-07 12:00"),
            ("vendredi soir", "2026-03-06 20:00"),
            ("vendredi 6 mars 19h", "2026-03-06 19:00"),
        ],
    );
}

#[test]
fn dates_with_a_month_are_read() {
    check_all(
        monday(),
        &[
            ("le 5 décembre à 19h", "2026-12-05 19:00"),
            ("le 5 decembre a 19h", "2026-12-05 19:00"),
            ("LE 5 DÉCEMBRE À 19H", "2026-12-05 19:00"),
            ("5 déc 19h", "2026-12-05 19:00"),
            ("5 déc. 19h", "2026-12-05 19:00"),
            // As the hub writes a date in French: abbreviations with their dots.
            ("sam. 5 déc. 19:00", "2026-12-05 19:00"),
            ("sam. 5 déc. 2026 19:00", "2026-12-05 19:00"),
            ("mar. 16 juin 19:00", "2026-06-16 19:00"),
            ("le 5 décembre 2026 à 19h15", "2026-12-05 19:15"),
            ("le 1er avril à 19h", "2026-04-01 19:00"),
            ("5 mar 19h", "2026-03-05 19:00"),
            ("le 1er mars à 10h", "2027-03-01 10:00"),
            ("le 5 à 19h", "2026-03-05 19:00"),
            ("19h le 5 décembre", "2026-12-05 19:00"),
            ("29 février 10h", "2028-02-29 10:00"),
        ],
    );
}

#[test]
fn times_are_read_with_or_without_spaces() {
    check_all(
        monday(),
        &[
            ("midi", "2026-03-02 12:00"),
            ("minuit", "2026-03-03 00:00"),
            ("19 h 30", "2026-03-02 19:30"),
            ("19h30", "2026-03-02 19:30"),
            ("19 heures 30", "2026-03-02 19:30"),
            ("à 7", "2026-03-03 07:00"),
            ("vers 19h", "2026-03-02 19:00"),
            ("7h du soir", "2026-03-02 19:00"),
        ],
    );
}

#[test]
fn delays_from_now_are_read() {
    check_all(
        monday(),
        &[
            ("dans 2 heures", "2026-03-02 12:00"),
            ("dans 30 minutes", "2026-03-02 10:30"),
            ("dans 1 h 30", "2026-03-02 11:30"),
            ("dans une heure", "2026-03-02 11:00"),
        ],
    );
}
