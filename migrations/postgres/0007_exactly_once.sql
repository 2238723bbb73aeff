-- Events from a platform that the hub has handled, by the platform's own event ID: a
-- replay of one (a sync handed out again after a crash, a retried webhook) re-sends the
-- stored replies instead of running the command twice. Written in the transaction that
-- applies the event.

CREATE TABLE handled_events (
    community_id BIGINT NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    event_id TEXT NOT NULL,
    -- Who sent it, when the hub knows them: forgetting them deletes the row.
    member_id BIGINT REFERENCES members (id) ON DELETE CASCADE,
    -- The replies for the place it came from, as a JSON array of messages.
    replies TEXT,
    handled_at BIGINT NOT NULL,
    PRIMARY KEY (community_id, platform, event_id)
);

CREATE INDEX handled_events_by_age ON handled_events (handled_at);
