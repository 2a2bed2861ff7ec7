-- The client registry behind /auth/token: only registered, enabled clients get tokens.
CREATE TABLE clients (
    client_id               text PRIMARY KEY CHECK (client_id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    -- ASP.NET Core PasswordHasher output (PBKDF2, per-row salt); never the secret itself.
    secret_hash             text NOT NULL,
    scopes                  text[] NOT NULL DEFAULT '{}'
                            CHECK (scopes <@ ARRAY['events:write', 'events:read', 'admin']::text[]),
    tier                    text NOT NULL DEFAULT 'standard' CHECK (tier ~ '^[a-z0-9-]{1,32}$'),
    -- A per-client limiter override: both set or both empty.
    limit_capacity          double precision NULL CHECK (limit_capacity > 0),
    limit_refill_per_second double precision NULL CHECK (limit_refill_per_second > 0),
    enabled                 boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CHECK ((limit_capacity IS NULL) = (limit_refill_per_second IS NULL))
);
