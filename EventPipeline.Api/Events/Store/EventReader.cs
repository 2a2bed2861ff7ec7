using EventPipeline.Contracts.Events;
using Npgsql;

namespace EventPipeline.Api.Events.Store;

/// <summary>Reads a client's own stored events; every query is scoped by client id.</summary>
internal sealed class EventReader(NpgsqlDataSource dataSource)
{
    private const string Columns = "client_id, event_id, source, payload::text, client_timestamp, received_at";

    // An id reused after its dedup window is stored again; the newest arrival answers.
    public async Task<StoredEvent?> GetAsync(string clientId, string eventId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            WITH found AS MATERIALIZED (
                SELECT {Columns} FROM events WHERE client_id = @client_id AND event_id = @event_id
            )
            SELECT * FROM found ORDER BY received_at DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("client_id", clientId);
        command.Parameters.AddWithValue("event_id", eventId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<EventPage> ListAsync(string clientId, EventListQuery query, CancellationToken ct)
    {
        await using var command = ListCommand(clientId, query);
        var events = new List<StoredEvent>(query.PageSize);
        var hasMore = false;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var pageBytes = reader.GetInt64(6);
                var rowNumber = reader.GetInt64(7);
                if (rowNumber > query.PageSize || (rowNumber > 1 && pageBytes > EventListQuery.MaxPageBytes))
                {
                    hasMore = true;
                    break;
                }
                events.Add(Read(reader));
            }
        }

        var last = events.LastOrDefault();
        return new EventPage(events, hasMore && last is not null ? EventListQuery.EncodeCursor(last.ReceivedAt, last.EventId) : null);
    }

    // A page ends at its row limit or once its payloads pass MaxPageBytes, whichever comes first
    // (always at least one event); the first row over either bound is read only to know there is more.
    // Filters on received_at stay plain comparisons, so PostgreSQL prunes to the partitions a page can come from.
    internal NpgsqlCommand ListCommand(string clientId, EventListQuery query)
    {
        var cursor = query.Cursor is null ? null : EventListQuery.DecodeCursor(query.Cursor);
        var command = dataSource.CreateCommand($"""
            SELECT {Columns}, page_bytes, row_number FROM (
                SELECT {Columns},
                       sum(octet_length(payload::text) + octet_length(source)) OVER page AS page_bytes,
                       row_number() OVER page AS row_number,
                       octet_length(payload::text) + octet_length(source) AS own_bytes
                FROM events
                WHERE client_id = @client_id
                  AND (@source::text IS NULL OR source = @source)
                  AND (@since::timestamptz IS NULL OR received_at >= @since)
                  AND (@after_time::timestamptz IS NULL OR (received_at, event_id) < (@after_time, @after_id))
                WINDOW page AS (ORDER BY received_at DESC, event_id DESC)
                ORDER BY received_at DESC, event_id DESC
                LIMIT @limit
            ) page
            WHERE row_number = 1 OR page_bytes - own_bytes <= @max_bytes
            ORDER BY row_number
            """);
        command.Parameters.AddWithValue("client_id", clientId);
        command.Parameters.Add(new NpgsqlParameter<string?>("source", query.Source));
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("since", query.Since?.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("after_time", cursor?.ReceivedAt.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<string>("after_id", cursor?.EventId ?? ""));
        command.Parameters.AddWithValue("limit", query.PageSize + 1);
        command.Parameters.AddWithValue("max_bytes", (long)EventListQuery.MaxPageBytes);
        return command;
    }

    /// <summary>The newest events of every client, for operators (admin scope only).</summary>
    public async Task<IReadOnlyList<StoredEvent>> RecentAsync(int limit, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM events ORDER BY received_at DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var events = new List<StoredEvent>(limit);
        while (await reader.ReadAsync(ct))
        {
            events.Add(Read(reader));
        }
        return events;
    }

    private static StoredEvent Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
        reader.GetFieldValue<DateTimeOffset>(5));
}
