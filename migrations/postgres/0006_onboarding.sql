-- Onboarding: the newcomer questionnaire, profiles, the welcome team's cases and notes,
-- and platform roles for adapters to grant (outbox rows of kind 'role').

CREATE TABLE profiles (
    member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
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
    meet BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE TABLE onboarding (
    member_id BIGINT PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
    -- The question waiting for an answer; NULL once the questionnaire is finished.
    step TEXT,
    -- Steps answered or skipped so far, in order, comma-separated: what `back` walks.
    path TEXT NOT NULL DEFAULT '',
    started_at BIGINT NOT NULL,
    finished_at BIGINT,
    -- The rules gate: when the newcomer was asked, reminded, and accepted.
    rules_asked_at BIGINT,
    rules_reminded_at BIGINT,
    rules_accepted_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX onboarding_rules ON onboarding (rules_asked_at)
    WHERE rules_accepted_at IS NULL AND rules_reminded_at IS NULL;

-- A newcomer as the welcome team follows them. Forgetting the member keeps the row,
-- without them, for the statistics.
CREATE TABLE welcome_cases (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    community_id BIGINT NOT NULL REFERENCES communities (id),
    member_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    opened_at BIGINT NOT NULL,
    claimed_by BIGINT REFERENCES members (id) ON DELETE SET NULL,
    claimed_at BIGINT,
    first_contact_at BIGINT,
    -- The last claim or note, for the idle nudge.
    active_at BIGINT NOT NULL,
    done_at BIGINT,
    team_nudged_at BIGINT,
    idle_nudged_at BIGINT
);
CREATE UNIQUE INDEX welcome_cases_open ON welcome_cases (member_id) WHERE done_at IS NULL;
CREATE INDEX welcome_cases_community ON welcome_cases (community_id, opened_at);
CREATE INDEX welcome_cases_claimer ON welcome_cases (claimed_by);

CREATE TABLE welcome_notes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id BIGINT NOT NULL REFERENCES welcome_cases (id) ON DELETE CASCADE,
    author_id BIGINT REFERENCES members (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX welcome_notes_case ON welcome_notes (case_id);
CREATE INDEX welcome_notes_author ON welcome_notes (author_id);

-- The outbox learns a third kind of row: a platform role for the adapter to grant to
-- a user (`destination`), named in the body. `about_member_id` ties a room message to
-- the member it is about, so forgetting them takes back what was not delivered yet.
ALTER TABLE outbox DROP CONSTRAINT outbox_destination_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_destination_kind_check
    CHECK (destination_kind IN ('room', 'direct', 'role'));
ALTER TABLE outbox ADD COLUMN about_member_id BIGINT REFERENCES members (id) ON DELETE CASCADE;
CREATE INDEX outbox_about ON outbox (about_member_id);
