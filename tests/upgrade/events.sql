-- After the events migration: Olga's picnic on Friday 6 March 2026, two places, both
-- taken, in the order Ana then Ben.
INSERT INTO events (community_id, title, description, place, starts_at, time_zone,
        duration_minutes, capacity, rsvp_until, created_by, created_at, version)
    VALUES (1, 'Picnic', 'Bring a blanket', 'Parc Monceau', 1772820000000, 'Europe/Paris',
        120, 2, NULL, 3, 1772355600000, 2);
INSERT INTO event_hosts (event_id, member_id) VALUES (1, 3);
INSERT INTO rsvps (event_id, member_id, status, answered_at, turn) VALUES
    (1, 1, 'yes', 1772355600000, 1),
    (1, 2, 'yes', 1772355600000, 2);
