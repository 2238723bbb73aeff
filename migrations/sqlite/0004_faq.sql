-- The FAQ: entries by country (and city) and topic, one version per language, every
-- change kept as a revision, and a full-text index over titles and answers.
--
-- `search_title` and `search_answer` hold the words of the text as the hub folds them
-- (lower case, no accents, no punctuation), so both backends index the same words. `faq_words` is the vocabulary those
-- words come from, which search uses to correct small typos.

CREATE TABLE faq_entries (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    -- The file an entry is imported from and exported to (`france-housing`); entries
    -- written in chat get `faq-ID` (NULL only inside the transaction creating them).
    file_key TEXT,
    country TEXT NOT NULL,
    city TEXT,
    city_folded TEXT,
    topic TEXT NOT NULL,
    created_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    removed_at INTEGER,
    UNIQUE (community_id, file_key)
);
CREATE INDEX faq_entries_place ON faq_entries (community_id, country, topic);

CREATE TABLE faq_versions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES faq_entries (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    title TEXT NOT NULL,
    answer TEXT NOT NULL,
    author TEXT,
    author_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    -- A local date, YYYY-MM-DD, in the community's zone.
    reviewed_on TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    search_title TEXT NOT NULL,
    search_answer TEXT NOT NULL,
    UNIQUE (entry_id, language)
);

CREATE TABLE faq_revisions (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES faq_entries (id) ON DELETE CASCADE,
    -- NULL for a change to the whole entry (removed, moved).
    language TEXT,
    action TEXT NOT NULL
        CHECK (action IN ('created', 'edited', 'reviewed', 'removed', 'moved', 'imported')),
    title TEXT,
    answer TEXT,
    author TEXT,
    author_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    at INTEGER NOT NULL
);
CREATE INDEX faq_revisions_entry ON faq_revisions (entry_id, id);

CREATE TABLE faq_words (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    word TEXT NOT NULL,
    PRIMARY KEY (community_id, word)
) WITHOUT ROWID;

-- Rows of faq_versions, kept in step by the triggers below.
CREATE VIRTUAL TABLE faq_search USING fts5 (
    search_title,
    search_answer,
    content = 'faq_versions',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER faq_versions_indexed AFTER INSERT ON faq_versions BEGIN
    INSERT INTO faq_search (rowid, search_title, search_answer)
    VALUES (new.id, new.search_title, new.search_answer);
END;

CREATE TRIGGER faq_versions_unindexed AFTER DELETE ON faq_versions BEGIN
    INSERT INTO faq_search (faq_search, rowid, search_title, search_answer)
    VALUES ('delete', old.id, old.search_title, old.search_answer);
END;

CREATE TRIGGER faq_versions_reindexed AFTER UPDATE ON faq_versions BEGIN
    INSERT INTO faq_search (faq_search, rowid, search_title, search_answer)
    VALUES ('delete', old.id, old.search_title, old.search_answer);
    INSERT INTO faq_search (rowid, search_title, search_answer)
    VALUES (new.id, new.search_title, new.search_answer);
END;

-- What the main-room suggester last said, so it says each entry once per room and
-- keeps quiet for a while after speaking.
CREATE TABLE faq_suggestions (
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    room TEXT NOT NULL,
    entry_id INTEGER NOT NULL REFERENCES faq_entries (id) ON DELETE CASCADE,
    at INTEGER NOT NULL,
    PRIMARY KEY (community_id, platform, room, entry_id)
);
CREATE INDEX faq_suggestions_recent ON faq_suggestions (community_id, platform, room, at);
