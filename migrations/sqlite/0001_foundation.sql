-- Communities, members with their platform identities and roles, and the outbox.
-- Instants are milliseconds since the Unix epoch (UTC), the same on both backends.

CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE members (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    language TEXT,
    time_zone TEXT,
    joined_at INTEGER NOT NULL,
    left_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX members_community ON members (community_id);

CREATE TABLE identities (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    PRIMARY KEY (community_id, platform, user_id)
);
CREATE INDEX identities_member ON identities (member_id);

CREATE TABLE member_roles (
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (member_id, role)
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    destination_kind TEXT NOT NULL CHECK (destination_kind IN ('room', 'direct')),
    destination TEXT NOT NULL,
    member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_until INTEGER,
    last_error TEXT,
    given_up_at INTEGER,
    created_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (platform, not_before) WHERE given_up_at IS NULL;
CREATE INDEX outbox_member ON outbox (member_id);
