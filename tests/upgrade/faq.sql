-- After the FAQ migration: one entry, in English, with the folded search text and
-- vocabulary the hub writes beside it.
INSERT INTO faq_entries (community_id, file_key, country, city, city_folded, topic,
        created_by, created_at)
    VALUES (1, 'france-housing', 'FR', NULL, NULL, 'housing', 3, 1772355600000);
INSERT INTO faq_versions (entry_id, language, title, answer, author, author_id,
        reviewed_on, updated_at, search_title, search_answer)
    VALUES (1, 'en', 'Finding a flat', 'Ask the town hall about social housing.', 'Olga',
        3, '2026-03-01', 1772355600000, 'finding a flat',
        'ask the town hall about social housing');
INSERT INTO faq_revisions (entry_id, language, action, title, answer, author, author_id, at)
    VALUES (1, 'en', 'created', 'Finding a flat', 'Ask the town hall about social housing.',
        'Olga', 3, 1772355600000);
INSERT INTO faq_words (community_id, word) VALUES
    (1, 'finding'), (1, 'flat'), (1, 'ask'), (1, 'town'), (1, 'hall'), (1, 'about'),
    (1, 'social'), (1, 'housing');
