-- Requests to join a community room that lets nobody in unasked (a Telegram join
-- request), kept while they wait for the rules to be accepted.
CREATE TABLE join_requests (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    room TEXT NOT NULL,
    asked_at INTEGER NOT NULL,
    -- When the hub let them in; NULL while the request waits.
    admitted_at INTEGER,
    PRIMARY KEY (member_id, platform, room)
);

-- The outbox learns a fifth kind of row: a request to join, granted (the room in the
-- body's text, the user in `destination`), for the adapter to carry out.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    destination_kind TEXT NOT NULL
        CHECK (destination_kind IN ('room', 'direct', 'role', 'edit', 'admit')),
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
        member_id, about_member_id, key, body, not_before, attempts, claimed_by,
        claimed_until, last_error, given_up_at, created_at)
    SELECT id, community_id, platform, destination_kind, destination,
        member_id, about_member_id, key, body, not_before, attempts, claimed_by,
        claimed_until, last_error, given_up_at, created_at
    FROM outbox;
-- IDs are never reused, not even those of rows already delivered and deleted: the new
-- table goes on from the old one's sequence.
DELETE FROM sqlite_sequence WHERE name = 'outbox_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'outbox_new', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (platform, not_before) WHERE given_up_at IS NULL;
CREATE INDEX outbox_member ON outbox (member_id);
CREATE INDEX outbox_about ON outbox (about_member_id);
CREATE INDEX outbox_key ON outbox (platform, destination, key) WHERE key IS NOT NULL;
