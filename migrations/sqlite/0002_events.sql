-- Events, their hosts, and members' answers. Capacity is enforced by taking the event's
-- row (an update of `version`) before counting, so concurrent answers are serialized.

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    title TEXT NOT NULL,
    description TEXT,
    place TEXT,
    starts_at INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL,
    capacity INTEGER,
    rsvp_until INTEGER,
    created_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    cancelled_at INTEGER,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_upcoming ON events (community_id, starts_at);

CREATE TABLE event_hosts (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX event_hosts_member ON event_hosts (member_id);

CREATE TABLE rsvps (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('yes', 'maybe', 'no', 'waitlist')),
    answered_at INTEGER NOT NULL,
    -- The event's version when this answer was taken: the order of arrival, which is
    -- the waitlist's order (timestamps can tie).
    turn INTEGER NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX rsvps_member ON rsvps (member_id);
