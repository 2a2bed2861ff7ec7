-- Bumped whenever a client's scopes, tier, secret or enabled flag change: a token carries the
-- generation it was issued under, and one from an older generation is refused.
ALTER TABLE clients ADD COLUMN token_generation bigint NOT NULL DEFAULT 0;
