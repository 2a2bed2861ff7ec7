
namespace EventPipeline.Api.Events.Store;

internal static class EventBatchSql
{
    // One round trip stores the whole batch. An event is new when its key takes its place in the
    // current day window of event_keys; a new key also books the next window, so a retry up to
    // 24 h later (in either window) meets it on the primary key, which waits for an uncommitted
    // twin instead of missing it. Keys that were not booked already existed: the join reads their
    // content hash so each request learns "duplicate" or "conflict". Rows go in key order, so
    // concurrent writers take locks in the same order and never deadlock.
    // The statement is prepared once per connection, and PostgreSQL soon reuses one generic plan for
    // it, planned with whatever statistics the tables had then (none, on a fresh database). As a
    // join, the duplicate lookup got a plan that read today's whole key window for every batch, so
    // each commit cost more as the day filled. As a subquery on the full primary key it can only
    // be an index lookup, and it runs only for keys that were not booked.
    public const string Insert = $"""
        WITH input AS (
            SELECT * FROM unnest(@client_ids, @event_ids, @sources, @payloads, @client_ips, @client_timestamps, @content_hashes)
                AS t(client_id, event_id, source, payload, client_ip, client_timestamp, content_hash)
        ), clock AS (
            SELECT now, date_bin('1 day', now, timestamptz '2000-01-01 00:00:00+00') AS window_start
            FROM (SELECT {StorageClock.Now} AS now) AS n
        ), booked AS (
            INSERT INTO event_keys (window_start, client_id, event_id, content_hash)
            SELECT c.window_start, i.client_id, i.event_id, i.content_hash FROM input i, clock c
            ORDER BY i.client_id, i.event_id
            ON CONFLICT DO NOTHING
            RETURNING client_id, event_id
        ), booked_ahead AS (
            INSERT INTO event_keys (window_start, client_id, event_id, content_hash)
            SELECT c.window_start + interval '1 day', i.client_id, i.event_id, i.content_hash
            FROM input i JOIN booked b ON b.client_id = i.client_id AND b.event_id = i.event_id, clock c
            ORDER BY i.client_id, i.event_id
            ON CONFLICT DO NOTHING
        ), stored AS (
            INSERT INTO events (client_id, event_id, source, payload, client_ip, client_timestamp, received_at, content_hash)
            SELECT i.client_id, i.event_id, i.source, i.payload, i.client_ip, i.client_timestamp, c.now, i.content_hash
            FROM input i JOIN booked b ON b.client_id = i.client_id AND b.event_id = i.event_id, clock c
        )
        SELECT i.client_id, i.event_id, b.event_id IS NOT NULL AS inserted,
            CASE WHEN b.event_id IS NULL THEN (
                SELECT k.content_hash FROM event_keys k
                WHERE k.window_start = c.window_start AND k.client_id = i.client_id AND k.event_id = i.event_id)
            END AS content_hash
        FROM input i
        CROSS JOIN clock c
        LEFT JOIN booked b ON b.client_id = i.client_id AND b.event_id = i.event_id
        """;

    // Every window's row of a key holds the hash of the event first stored under it.
    public const string ExistingHashes = """
        SELECT DISTINCT ON (k.client_id, k.event_id) k.client_id, k.event_id, k.content_hash
        FROM event_keys k
        JOIN unnest(@client_ids, @event_ids) AS q(client_id, event_id)
          ON k.client_id = q.client_id AND k.event_id = q.event_id
        ORDER BY k.client_id, k.event_id, k.window_start DESC
        """;
}
