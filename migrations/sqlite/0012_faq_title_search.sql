-- The titles alone, indexed apart: a search first looks for versions with every word in
-- their title, and title word lists are a fifteenth of the whole text's, so that first
-- look costs little even for the FAQ's most common words.
CREATE VIRTUAL TABLE faq_title_search USING fts5 (
    search_title,
    content = 'faq_versions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER faq_versions_title_indexed AFTER INSERT ON faq_versions BEGIN
    INSERT INTO faq_title_search (rowid, search_title) VALUES (new.id, new.search_title);
END;

CREATE TRIGGER faq_versions_title_unindexed AFTER DELETE ON faq_versions BEGIN
    INSERT INTO faq_title_search (faq_title_search, rowid, search_title)
    VALUES ('delete', old.id, old.search_title);
END;

CREATE TRIGGER faq_versions_title_reindexed AFTER UPDATE OF search_title ON faq_versions BEGIN
    INSERT INTO faq_title_search (faq_title_search, rowid, search_title)
    VALUES ('delete', old.id, old.search_title);
    INSERT INTO faq_title_search (rowid, search_title) VALUES (new.id, new.search_title);
END;

INSERT INTO faq_title_search (faq_title_search) VALUES ('rebuild');
