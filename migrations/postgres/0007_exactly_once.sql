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

-- A row may carry a `key` (`event-3`): the message stands for something kept current,
-- and rows of kind 'edit' replace what was posted under that key in that room.
ALTER TABLE outbox DROP CONSTRAINT outbox_destination_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_destination_kind_check
    CHECK (destination_kind IN ('room', 'direct', 'role', 'edit'));
ALTER TABLE outbox ADD COLUMN key TEXT;
CREATE INDEX outbox_key ON outbox (platform, destination, key) WHERE key IS NOT NULL;

-- The platform's ID of each keyed message once posted, so later edits can replace it.
CREATE TABLE posted (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    room TEXT NOT NULL,
    key TEXT NOT NULL,
    message_id TEXT NOT NULL,
    -- What it shows now (the JSON of the message): an edit to the same text is skipped.
    body TEXT NOT NULL,
    posted_at BIGINT NOT NULL,
    PRIMARY KEY (platform, room, key)
);
