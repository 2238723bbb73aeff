-- The titles alone, with an index of their own: a search first looks for versions with
-- every word in their title. Through the whole text's vector (titles are its weight A)
-- the planner cannot tell how few those are, and reads the versions one by one.
ALTER TABLE faq_versions ADD COLUMN search_in_title TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('simple', search_title)) STORED;
ALTER TABLE faq_versions ALTER COLUMN search_in_title SET STORAGE MAIN;
CREATE INDEX faq_versions_search_title ON faq_versions USING GIN (search_in_title);
