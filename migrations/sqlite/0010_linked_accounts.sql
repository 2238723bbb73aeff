-- One member across platforms: a name of their own, the platform private messages go
-- to (chosen, or the one they used last), one-time codes that link two accounts, and
-- the welcome team's private exchange with a newcomer, counted on their case.

-- Set by `/profile set name=`; NULL means the name of their first account.
ALTER TABLE members ADD COLUMN display_name TEXT;
-- Set by `/profile set dm=`; NULL means the platform they used last.
ALTER TABLE members ADD COLUMN dm_platform TEXT;
ALTER TABLE members ADD COLUMN last_platform TEXT;

-- A code given by `/link` on one account, to be sent from another. Used once.
CREATE TABLE link_codes (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    PRIMARY KEY (community_id, code)
);
CREATE INDEX link_codes_member ON link_codes (member_id);

-- Wrong codes sent by a member: a few in a row lock `/link CODE` for them a while.
CREATE TABLE link_tries (
    member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    failures INTEGER NOT NULL,
    first_at INTEGER NOT NULL
);

-- Messages the team sent a newcomer with `/welcome say`, and the newcomer's replies
-- passed on to the claimer: counted, never kept.
ALTER TABLE welcome_cases ADD COLUMN said_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE welcome_cases ADD COLUMN relayed_count INTEGER NOT NULL DEFAULT 0;
