-- After the onboarding migration: Ana's answers, her questionnaire finished, and Ben's
-- welcome case claimed by Olga.
INSERT INTO profiles (member_id, origin, country, city, arrival, languages, interests,
        visible, meet, updated_at)
    VALUES (1, 'BR', 'FR', 'Lyon', 'here', 'pt,en', '', 'city', 0, 1772355600000);
INSERT INTO onboarding (member_id, step, path, started_at, finished_at, updated_at)
    VALUES (1, NULL, 'language,origin,country,city,arrival,languages', 1771578000000,
        1771578000000, 1771578000000);
INSERT INTO welcome_cases (community_id, member_id, opened_at, claimed_by, claimed_at,
        active_at)
    VALUES (1, 2, 1771578000000, 3, 1772355600000, 1772355600000);
