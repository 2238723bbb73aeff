-- Adapter state that is only worth keeping for a while (the choices under a message,
-- for reactions to it) carries the time after which the hub's tick forgets it.
ALTER TABLE adapter_state ADD COLUMN expires_at INTEGER;
CREATE INDEX adapter_state_expiry ON adapter_state (expires_at) WHERE expires_at IS NOT NULL;
