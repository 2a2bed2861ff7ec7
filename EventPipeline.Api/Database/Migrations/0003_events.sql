-- Events are keyed by (client_id, event_id): ids are unique per client, so one client can never
-- collide with, probe or overwrite another's events.
CREATE TABLE events (
    client_id        text        NOT NULL,
    event_id         uuid        NOT NULL,
    source           text        NOT NULL,
    payload          jsonb       NOT NULL,
    client_ip        inet,
    client_timestamp timestamptz,
    received_at      timestamptz NOT NULL DEFAULT now(),
    content_hash     bytea       NOT NULL,
    PRIMARY KEY (client_id, event_id)
);

CREATE INDEX events_client_received_idx ON events (client_id, received_at DESC, event_id DESC);
CREATE INDEX events_client_source_received_idx ON events (client_id, source, received_at DESC);
CREATE INDEX events_received_idx ON events (received_at DESC);
