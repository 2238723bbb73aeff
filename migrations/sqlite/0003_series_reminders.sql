-- Recurring series, answers per date, and reminders scheduled in the database.
--
-- An answer is for one date of an event (`occurrence`: 0 for a one-off event, the
-- date's number in a series). Reminders are rows claimed with a lease, like the outbox.

ALTER TABLE events ADD COLUMN repeat_rule TEXT;
ALTER TABLE events ADD COLUMN repeat_until TEXT;
-- Minutes before each date, comma-separated; NULL for the community's default.
ALTER TABLE events ADD COLUMN reminder_minutes TEXT;
ALTER TABLE events ADD COLUMN first_occurrence INTEGER NOT NULL DEFAULT 0;

CREATE TABLE event_skips (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence INTEGER NOT NULL,
    cancelled_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, occurrence)
);

CREATE TABLE rsvps_by_date (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('yes', 'maybe', 'no', 'waitlist')),
    answered_at INTEGER NOT NULL,
    turn INTEGER NOT NULL,
    PRIMARY KEY (event_id, occurrence, member_id)
);
INSERT INTO rsvps_by_date (event_id, occurrence, member_id, status, answered_at, turn)
    SELECT event_id, 0, member_id, status, answered_at, turn FROM rsvps;
DROP TABLE rsvps;
ALTER TABLE rsvps_by_date RENAME TO rsvps;
CREATE INDEX rsvps_member ON rsvps (member_id);

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence INTEGER NOT NULL,
    minutes_before INTEGER NOT NULL,
    due_at INTEGER NOT NULL,
    claimed_by TEXT,
    claimed_until INTEGER,
    done_at INTEGER,
    outcome TEXT CHECK (outcome IN ('sent', 'dropped')),
    UNIQUE (event_id, occurrence, minutes_before)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE done_at IS NULL;

CREATE TABLE reminder_optouts (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX reminder_optouts_member ON reminder_optouts (member_id);
