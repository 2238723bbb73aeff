//! English inputs, read on Monday 2 March 2026 at 10:00 in Paris.

use super::{check_all, monday};

#[test]
fn iso_dates_take_any_written_time() {
    check_all(
        monday(),
        &[
            ("2026-12-05 19:00", "2026-12-05 19:00"),
            ("2026-12-05T19:00", "2026-12-05 19:00"),
            ("2026-12-05T19:00:00", "2026-12-05 19:00"),
            ("2026-12-05 19h", "2026-12-05 19:00"),
            ("2026-12-05 7pm", "2026-12-05 19:00"),
            ("2026-12-05 at 7:30 pm", "2026-12-05 19:30"),
        ],
    );
}

#[test]
fn days_counted_from_today_are_read() {
    check_all(
        monday(),
        &[
            ("today 18:00", "2026-03-02 18:00"),
            ("tonight", "2026-03-02 20:00"),
            ("tomorrow 7pm", "2026-03-03 19:00"),
            ("tomorrow at 19:00", "2026-03-03 19:00"),
            ("Tomorrow  AT  19:00", "2026-03-03 19:00"),
            ("7pm tomorrow", "2026-03-03 19:00"),
            ("tomorrow at 7", "2026-03-03 07:00"),
            ("day after tomorrow 10am", "2026-03-04 10:00"),
            ("in 3 days at noon", "2026-03-05 12:00"),
            ("in two weeks at 10am", "2026-03-16 10:00"),
        ],
    );
}

#[test]
fn weekdays_are_read_in_full_or_short() {
    check_all(
        monday(),
        &[
            ("friday 19:30", "2026-03-06 19:30"),
            ("fri 7pm", "2026-03-06 19:00"),
            ("on friday at 7:30pm", "2026-03-06 19:30"),
            ("next tuesday at 18h", "2026-03-03 18:00"),
            ("monday 11am", "2026-03-02 11:00"),
            ("monday 9am", "2026-03-09 09:00"),
            ("next monday 11am", "2026-03-09 11:00"),
            ("this sunday at noon", "2026-03-08 12:00"),
        ],
    );
}

#[test]
fn months_and_days_are_read_either_way_round() {
    check_all(
        monday(),
        &[
            ("december 5 at 7pm", "2026-12-05 19:00"),
            ("dec 5 7:30pm", "2026-12-05 19:30"),
            ("dec. 5 7.30pm", "2026-12-05 19:30"),
            ("5 december 19:00", "2026-12-05 19:00"),
            ("5 dec 2026 19:00", "2026-12-05 19:00"),
            ("dec 5 2026 7pm", "2026-12-05 19:00"),
            ("december 5th, 2026 at 7pm", "2026-12-05 19:00"),
            ("the 5th of december at 7pm", "2026-12-05 19:00"),
            ("march 1 10am", "2027-03-01 10:00"),
            ("march 2 11am", "2026-03-02 11:00"),
            ("friday, december 4 at 7pm", "2026-12-04 19:00"),
        ],
    );
}

#[test]
fn a_day_of_the_month_alone_is_the_next_one() {
    check_all(
        monday(),
        &[
            ("the 5th at 19:00", "2026-03-05 19:00"),
            ("the 1st at noon", "2026-04-01 12:00"),
        ],
    );
}

#[test]
fn named_times_and_bare_hours_are_read() {
    check_all(
        monday(),
        &[
            ("noon", "2026-03-02 12:00"),
            ("midnight", "2026-03-03 00:00"),
            ("at 7", "2026-03-03 07:00"),
            ("at 19", "2026-03-02 19:00"),
            ("7 pm", "2026-03-02 19:00"),
            ("12am", "2026-03-03 00:00"),
            ("11 a.m.", "2026-03-02 11:00"),
        ],
    );
}

#[test]
fn evenings_and_afternoons_move_bare_hours_after_noon() {
    check_all(
        monday(),
        &[
            ("tonight at 9", "2026-03-02 21:00"),
            ("tonight 9pm", "2026-03-02 21:00"),
            ("tonight at 22:30", "2026-03-02 22:30"),
            ("tonight at midnight", "2026-03-03 00:00"),
            ("this evening", "2026-03-02 20:00"),
            ("tomorrow evening 8:30", "2026-03-03 20:30"),
            ("friday night 9", "2026-03-06 21:00"),
            ("tomorrow afternoon at 3", "2026-03-03 15:00"),
            ("tomorrow morning at 9", "2026-03-03 09:00"),
        ],
    );
}

#[test]
fn delays_from_now_are_read() {
    check_all(
        monday(),
        &[
            ("in 2 hours", "2026-03-02 12:00"),
            ("in 30 minutes", "2026-03-02 10:30"),
            ("in 1h30", "2026-03-02 11:30"),
            ("in an hour", "2026-03-02 11:00"),
        ],
    );
}
