-- Requests to join a community room that lets nobody in unasked (a Telegram join
-- request), kept while they wait for the rules to be accepted.
CREATE TABLE join_requests (
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    room TEXT NOT NULL,
    asked_at BIGINT NOT NULL,
    -- When the hub let them in; NULL while the request waits.
    admitted_at BIGINT,
    PRIMARY KEY (member_id, platform, room)
);

-- The outbox learns a fifth kind of row: a request to join, granted (the room in the
-- body's text, the user in `destination`), for the adapter to carry out.
ALTER TABLE outbox DROP CONSTRAINT outbox_destination_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_destination_kind_check
    CHECK (destination_kind IN ('room', 'direct', 'role', 'edit', 'admit'));
