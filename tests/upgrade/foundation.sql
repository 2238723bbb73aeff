-- After the first migration: the community, three members on the console (Olga an
-- organizer), and a private message to Ana not yet delivered.
INSERT INTO communities (slug, name, language, time_zone, created_at)
    VALUES ('test', 'Test', 'en', 'Europe/Paris', 1771578000000);
INSERT INTO members (community_id, language, time_zone, joined_at, created_at) VALUES
    (1, NULL, NULL, 1771578000000, 1771578000000),
    (1, 'fr', 'America/Montreal', 1771578000000, 1771578000000),
    (1, NULL, NULL, 1771578000000, 1771578000000);
INSERT INTO identities (community_id, platform, user_id, member_id, display_name) VALUES
    (1, 'console', 'ana', 1, 'Ana'),
    (1, 'console', 'ben', 2, 'Ben'),
    (1, 'console', 'olga', 3, 'Olga');
INSERT INTO member_roles (member_id, role, granted_at) VALUES (3, 'organizer', 1771578000000);
INSERT INTO outbox (community_id, platform, destination_kind, destination, member_id, body,
        not_before, created_at)
    VALUES (1, 'console', 'direct', 'ana', 1, '{"text":"Written before the upgrade"}',
        1772355600000, 1772355600000);
