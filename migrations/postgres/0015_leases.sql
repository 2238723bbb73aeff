-- What only one process may hold at a time when several share the database: a
-- platform's single connection (Telegram's long poll, Discord's gateway session, the
-- Matrix bot's sync). The holder renews its lease well before `until`; once `until` has
-- passed, another process may take it over.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until BIGINT NOT NULL,
    taken_at BIGINT NOT NULL
);
