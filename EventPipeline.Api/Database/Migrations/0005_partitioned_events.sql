-- Events move to range partitions on received_at, so retention drops whole partitions and the
-- indexes an insert touches stay the size of one partition. A unique key on a partitioned table
-- must include received_at, so duplicates are caught in event_keys instead: one row per event in
-- the UTC day window of its arrival and one in the next, so any two arrivals less than 24 h apart
-- share a window and meet on its primary key (see README, "Storage layout").
-- Event ids become text (1-128 characters); stored UUIDs keep their canonical lowercase form.
-- The old rows are copied in this migration's transaction and counted before the old table goes.
ALTER TABLE events RENAME TO events_unpartitioned;
DROP INDEX events_client_received_idx, events_client_source_received_idx, events_received_idx;

CREATE TABLE events (
    client_id        text        NOT NULL,
    event_id         text        COLLATE "C" NOT NULL CHECK (char_length(event_id) BETWEEN 1 AND 128),
    source           text        NOT NULL,
    payload          jsonb       NOT NULL,
    client_ip        inet,
    client_timestamp timestamptz,
    received_at      timestamptz NOT NULL DEFAULT now(),
    content_hash     bytea       NOT NULL
) PARTITION BY RANGE (received_at);

CREATE INDEX events_client_received_idx ON events (client_id, received_at DESC, event_id DESC);
CREATE INDEX events_client_source_received_idx ON events (client_id, source, received_at DESC);
CREATE INDEX events_received_idx ON events (received_at DESC);
CREATE INDEX events_client_event_idx ON events (client_id, event_id);

CREATE TABLE event_keys (
    window_start timestamptz NOT NULL,
    client_id    text        NOT NULL,
    event_id     text        COLLATE "C" NOT NULL,
    content_hash bytea       NOT NULL,
    PRIMARY KEY (window_start, client_id, event_id)
) PARTITION BY RANGE (window_start);

DO $$
DECLARE
    day timestamptz;
    today timestamptz := date_bin('1 day', now(), timestamptz '2000-01-01 00:00:00+00');
BEGIN
    -- Daily partitions for the days the old rows arrived; the API creates the rest ahead.
    FOR day IN SELECT DISTINCT date_bin('1 day', received_at, timestamptz '2000-01-01 00:00:00+00') FROM events_unpartitioned LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
            'events_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'), day, day + interval '1 day');
    END LOOP;
    FOR day IN SELECT generate_series(today - interval '1 day', today + interval '2 days', interval '1 day') LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF event_keys FOR VALUES FROM (%L) TO (%L)',
            'event_keys_p' || to_char(day AT TIME ZONE 'UTC', 'YYYYMMDD'), day, day + interval '1 day');
    END LOOP;

    INSERT INTO events (client_id, event_id, source, payload, client_ip, client_timestamp, received_at, content_hash)
    SELECT client_id, event_id::text, source, payload, client_ip, client_timestamp, received_at, content_hash
    FROM events_unpartitioned;

    -- Rows of yesterday's and today's windows keep their duplicate detection across the move.
    INSERT INTO event_keys (window_start, client_id, event_id, content_hash)
    SELECT today, client_id, event_id::text, content_hash FROM events_unpartitioned
    WHERE received_at >= today - interval '1 day'
    UNION ALL
    SELECT today + interval '1 day', client_id, event_id::text, content_hash FROM events_unpartitioned
    WHERE received_at >= today;

    IF (SELECT count(*) FROM events) <> (SELECT count(*) FROM events_unpartitioned) THEN
        RAISE EXCEPTION 'events copy lost rows: % of %', (SELECT count(*) FROM events), (SELECT count(*) FROM events_unpartitioned);
    END IF;
END $$;

DROP TABLE events_unpartitioned;
