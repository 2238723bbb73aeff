-- Rows whose lease ran out, found without reading the whole outbox: a worker looks for
-- them (a try that was never reported) before every claim.
CREATE INDEX outbox_claimed ON outbox (platform, claimed_until)
    WHERE given_up_at IS NULL AND claimed_until IS NOT NULL;

-- Claims take the due rows in (not_before, id) order: with the id in the index, the
-- first rows are read off it, not sorted out of the whole backlog. (SQLite's index ends
-- with the rowid, which is the id, already.)
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (platform, not_before, id) WHERE given_up_at IS NULL;

-- The same for reminders, claimed in (due_at, id) order.
DROP INDEX reminders_due;
CREATE INDEX reminders_due ON reminders (due_at, id) WHERE done_at IS NULL;
