-- Every change of the live limiter config is a new row: the audit trail, and what a revert copies.
CREATE TABLE limiter_config_versions (
    version    bigserial PRIMARY KEY,
    document   jsonb NOT NULL,
    changed_by text NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
