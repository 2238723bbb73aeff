-- Recurring series, answers per date, and reminders scheduled in the database.
--
-- An answer is for one date of an event (`occurrence`: 0 for a one-off event, the
-- date's number in a series). Reminders are rows claimed with a lease, like the outbox.

ALTER TABLE events ADD COLUMN repeat_rule TEXT;
ALTER TABLE events ADD COLUMN repeat_until TEXT;
-- Minutes before each date, comma-separated; NULL for the community's default.
ALTER TABLE events ADD COLUMN reminder_minutes TEXT;
ALTER TABLE events ADD COLUMN first_occurrence BIGINT NOT NULL DEFAULT 0;

CREATE TABLE event_skips (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence BIGINT NOT NULL,
    cancelled_at BIGINT NOT NULL,
    PRIMARY KEY (event_id, occurrence)
);

ALTER TABLE rsvps ADD COLUMN occurrence BIGINT NOT NULL DEFAULT 0;
ALTER TABLE rsvps ALTER COLUMN occurrence DROP DEFAULT;
ALTER TABLE rsvps DROP CONSTRAINT rsvps_pkey;
ALTER TABLE rsvps ADD PRIMARY KEY (event_id, occurrence, member_id);

CREATE TABLE reminders (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    occurrence BIGINT NOT NULL,
    minutes_before BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    done_at BIGINT,
    outcome TEXT CHECK (outcome IN ('sent', 'dropped')),
    UNIQUE (event_id, occurrence, minutes_before)
);
CREATE INDEX reminders_due ON reminders (due_at) WHERE done_at IS NULL;

CREATE TABLE reminder_optouts (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX reminder_optouts_member ON reminder_optouts (member_id);
