-- When a member's platform last refused a private message to them for good (they
-- blocked the bot): the welcome team sees it on their case. Cleared when they write to
-- the bot again.
ALTER TABLE identities ADD COLUMN private_refused_at INTEGER;
