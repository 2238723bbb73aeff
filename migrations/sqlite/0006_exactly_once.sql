-- Events from a platform that the hub has handled, by the platform's own event ID: a
-- replay of one (a sync handed out again after a crash, a retried webhook) re-sends the
-- stored replies instead of running the command twice. Written in the transaction that
-- applies the event.

CREATE TABLE handled_events (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    event_id TEXT NOT NULL,
    -- Who sent it, when the hub knows them. Forgetting them keeps the row (the event
    -- stays handled: a replay must not bring them back), without them or its replies.
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    -- The replies for the place it came from, as a JSON array of messages.
    replies TEXT,
    handled_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, platform, event_id)
);

CREATE INDEX handled_events_by_age ON handled_events (handled_at);

-- Outbox IDs are never reused (AUTOINCREMENT): adapters make a message's transaction ID
-- from its row, and a homeserver keeps one event per transaction ID, so a reused ID
-- would turn a new message into an old one. A row may carry a `key` (`event-3`): the
-- message stands for something kept current, and rows of kind 'edit' replace what was
-- posted under that key in that room.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    destination_kind TEXT NOT NULL
        CHECK (destination_kind IN ('room', 'direct', 'role', 'edit')),
    destination TEXT NOT NULL,
    member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    about_member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    key TEXT,
    body TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_until INTEGER,
    last_error TEXT,
    given_up_at INTEGER,
    created_at INTEGER NOT NULL
);
INSERT INTO outbox_new (id, community_id, platform, destination_kind, destination,
        member_id, about_member_id, body, not_before, attempts, claimed_by, claimed_until,
        last_error, given_up_at, created_at)
    SELECT id, community_id, platform, destination_kind, destination,
        member_id, about_member_id, body, not_before, attempts, claimed_by, claimed_until,
        last_error, given_up_at, created_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (platform, not_before) WHERE given_up_at IS NULL;
CREATE INDEX outbox_member ON outbox (member_id);
CREATE INDEX outbox_about ON outbox (about_member_id);
CREATE INDEX outbox_key ON outbox (platform, destination, key) WHERE key IS NOT NULL;

-- The platform's ID of each keyed message once posted, so later edits can replace it.
CREATE TABLE posted (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    room TEXT NOT NULL,
    key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    -- What it shows now (the JSON of the message): an edit to the same text is skipped.
    body TEXT NOT NULL,
    posted_at INTEGER NOT NULL,
    PRIMARY KEY (platform, room, key)
);
