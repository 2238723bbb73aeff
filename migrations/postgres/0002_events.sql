-- Events, their hosts, and members' answers. Capacity is enforced by taking the event's
-- row (an update of `version`) before counting, so concurrent answers are serialized.

CREATE TABLE events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    title TEXT NOT NULL,
    description TEXT,
    place TEXT,
    starts_at BIGINT NOT NULL,
    time_zone TEXT NOT NULL,
    duration_minutes BIGINT NOT NULL,
    capacity BIGINT,
    rsvp_until BIGINT,
    created_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    cancelled_at BIGINT,
    version BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX events_upcoming ON events (community_id, starts_at);

CREATE TABLE event_hosts (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX event_hosts_member ON event_hosts (member_id);

CREATE TABLE rsvps (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('yes', 'maybe', 'no', 'waitlist')),
    answered_at BIGINT NOT NULL,
    -- The event's version when this answer was taken: the order of arrival, which is
    -- the waitlist's order (timestamps can tie).
    turn BIGINT NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX rsvps_member ON rsvps (member_id);
