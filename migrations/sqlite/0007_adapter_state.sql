-- What an adapter keeps between runs, in the database like everything else.
--
-- Choices offered on buttons: a platform whose buttons carry little data (Telegram's
-- callback_data is at most 64 bytes) puts a short key on the button, and the key finds
-- the choice's command here, after a restart or weeks later. One row per command.
CREATE TABLE offered_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    command TEXT NOT NULL,
    offered_at INTEGER NOT NULL,
    UNIQUE (community_id, platform, command)
);

-- An adapter's own position, such as the Telegram update offset it has handled up to.
CREATE TABLE adapter_state (
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    platform TEXT NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (community_id, platform, name)
);
