using Npgsql;

namespace EventPipeline.Api.Storage;

/// <summary>Reads a client's own stored events; every query is scoped by client id.</summary>
internal sealed class EventReader(NpgsqlDataSource dataSource)
{
    private const string Columns = "event_id, source, payload::text, client_timestamp, received_at";

    public async Task<StoredEvent?> GetAsync(string clientId, Guid eventId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM events WHERE client_id = @client_id AND event_id = @event_id");
        command.Parameters.AddWithValue("client_id", clientId);
        command.Parameters.AddWithValue("event_id", eventId);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<EventPage> ListAsync(string clientId, EventListQuery query, CancellationToken ct)
    {
        var cursor = query.Cursor is null ? null : EventListQuery.DecodeCursor(query.Cursor);
        await using var command = dataSource.CreateCommand($"""
            SELECT {Columns} FROM events
            WHERE client_id = @client_id
              AND (@source::text IS NULL OR source = @source)
              AND (@since::timestamptz IS NULL OR received_at >= @since)
              AND (@after_time::timestamptz IS NULL OR (received_at, event_id) < (@after_time, @after_id))
            ORDER BY received_at DESC, event_id DESC
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("client_id", clientId);
        command.Parameters.Add(new NpgsqlParameter<string?>("source", query.Source));
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("since", query.Since?.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<DateTime?>("after_time", cursor?.ReceivedAt.UtcDateTime));
        command.Parameters.Add(new NpgsqlParameter<Guid>("after_id", cursor?.EventId ?? Guid.Empty));
        command.Parameters.AddWithValue("limit", query.PageSize + 1);

        var events = new List<StoredEvent>(query.PageSize + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                events.Add(Read(reader));
            }
        }

        var hasMore = events.Count > query.PageSize;
        if (hasMore)
        {
            events.RemoveAt(events.Count - 1);
        }
        var last = events.LastOrDefault();
        return new EventPage(events, hasMore && last is not null ? EventListQuery.EncodeCursor(last.ReceivedAt, last.EventId) : null);
    }

    private static StoredEvent Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetFieldValue<DateTimeOffset>(4));
}
