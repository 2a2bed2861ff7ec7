namespace EventPipeline.Api.Storage;

internal static class EventBatchSql
{
    // One round trip stores the whole batch. Rows that were not inserted already existed: the
    // join reads their content hash so each request learns "duplicate" or "conflict". Rows go in
    // key order, so concurrent writers take row locks in the same order and never deadlock.
    public const string Insert = """
        WITH input AS (
            SELECT * FROM unnest(@client_ids, @event_ids, @sources, @payloads, @client_ips, @client_timestamps, @content_hashes)
                AS t(client_id, event_id, source, payload, client_ip, client_timestamp, content_hash)
        ), inserted AS (
            INSERT INTO events (client_id, event_id, source, payload, client_ip, client_timestamp, content_hash)
            SELECT client_id, event_id, source, payload, client_ip, client_timestamp, content_hash FROM input
            ORDER BY client_id, event_id
            ON CONFLICT (client_id, event_id) DO NOTHING
            RETURNING client_id, event_id
        )
        SELECT i.client_id, i.event_id, ins.event_id IS NOT NULL AS inserted, e.content_hash
        FROM input i
        LEFT JOIN inserted ins ON ins.client_id = i.client_id AND ins.event_id = i.event_id
        LEFT JOIN events e ON ins.event_id IS NULL AND e.client_id = i.client_id AND e.event_id = i.event_id
        """;

    public const string ExistingHashes = """
        SELECT e.client_id, e.event_id, e.content_hash
        FROM events e
        JOIN unnest(@client_ids, @event_ids) AS k(client_id, event_id)
          ON e.client_id = k.client_id AND e.event_id = k.event_id
        """;
}
