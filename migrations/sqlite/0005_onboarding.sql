-- Onboarding: the newcomer questionnaire, profiles, the welcome team's cases and notes,
-- and platform roles for adapters to grant (outbox rows of kind 'role').

CREATE TABLE profiles (
    member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    -- ISO 3166-1 alpha-2 codes.
    origin TEXT,
    country TEXT,
    city TEXT,
    -- 'here' or 'YYYY-MM'.
    arrival TEXT,
    -- Comma-separated ISO 639-1 codes, and interest keys from the config.
    languages TEXT NOT NULL DEFAULT '',
    interests TEXT NOT NULL DEFAULT '',
    -- The fields other members may see, comma-separated.
    visible TEXT NOT NULL DEFAULT '',
    -- 1 when the member opted in to /meet.
    meet INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);

CREATE TABLE onboarding (
    member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    -- The question waiting for an answer; NULL once the questionnaire is finished.
    step TEXT,
    -- Steps answered or skipped so far, in order, comma-separated: what `back` walks.
    path TEXT NOT NULL DEFAULT '',
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    -- The rules gate: when the newcomer was asked, reminded, and accepted.
    rules_asked_at INTEGER,
    rules_reminded_at INTEGER,
    rules_accepted_at INTEGER,
    updated_at INTEGER NOT NULL
);
CREATE INDEX onboarding_rules ON onboarding (rules_asked_at)
    WHERE rules_accepted_at IS NULL AND rules_reminded_at IS NULL;

-- A newcomer as the welcome team follows them. Forgetting the member keeps the row,
-- without them, for the statistics.
CREATE TABLE welcome_cases (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    member_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    opened_at INTEGER NOT NULL,
    claimed_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
    claimed_at INTEGER,
    first_contact_at INTEGER,
    -- The last claim or note, for the idle nudge.
    active_at INTEGER NOT NULL,
    done_at INTEGER,
    team_nudged_at INTEGER,
    idle_nudged_at INTEGER
);
CREATE UNIQUE INDEX welcome_cases_open ON welcome_cases (member_id) WHERE done_at IS NULL;
CREATE INDEX welcome_cases_community ON welcome_cases (community_id, opened_at);
CREATE INDEX welcome_cases_claimer ON welcome_cases (claimed_by);

CREATE TABLE welcome_notes (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES welcome_cases (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES members (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX welcome_notes_case ON welcome_notes (case_id);
CREATE INDEX welcome_notes_author ON welcome_notes (author_id);

-- The outbox learns a third kind of row: a platform role for the adapter to grant to
-- a user (`destination`), named in the body. `about_member_id` ties a room message to
-- the member it is about, so forgetting them takes back what was not delivered yet.
CREATE TABLE outbox_new (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id),
    platform TEXT NOT NULL,
    destination_kind TEXT NOT NULL CHECK (destination_kind IN ('room', 'direct', 'role')),
    destination TEXT NOT NULL,
    member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    about_member_id INTEGER REFERENCES members (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    not_before INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT,
    claimed_until INTEGER,
    last_error TEXT,
    given_up_at INTEGER,
    created_at INTEGER NOT NULL
);
INSERT INTO outbox_new (id, community_id, platform, destination_kind, destination, member_id,
        body, not_before, attempts, claimed_by, claimed_until, last_error, given_up_at, created_at)
    SELECT id, community_id, platform, destination_kind, destination, member_id,
        body, not_before, attempts, claimed_by, claimed_until, last_error, given_up_at, created_at
    FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (platform, not_before) WHERE given_up_at IS NULL;
CREATE INDEX outbox_member ON outbox (member_id);
CREATE INDEX outbox_about ON outbox (about_member_id);
