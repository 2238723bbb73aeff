-- Rows whose lease ran out, found without reading the whole outbox: a worker looks for
-- them (a try that was never reported) before every claim.
CREATE INDEX outbox_claimed ON outbox (platform, claimed_until)
    WHERE given_up_at IS NULL AND claimed_until IS NOT NULL;
