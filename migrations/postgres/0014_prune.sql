-- What the hub prunes on its tick, found without reading whole tables: messages the
-- outbox gave up on (kept 30 days) and link codes by expiry (kept a day after).
CREATE INDEX outbox_given_up ON outbox (given_up_at) WHERE given_up_at IS NOT NULL;
CREATE INDEX link_codes_expiry ON link_codes (expires_at);
CREATE INDEX link_tries_age ON link_tries (first_at);
