using Npgsql;
using NpgsqlTypes;

namespace EventPipeline.Api.Storage;

/// <summary>
/// Stores one batch of events in one statement and completes each write with its outcome, only
/// after COMMIT has returned: an outcome learnt from the rows alone could still be rolled back.
/// </summary>
internal sealed class EventBatchWriter(NpgsqlDataSource dataSource)
{
    public async Task WriteAsync(IReadOnlyList<EventWrite> batch, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var command = new NpgsqlCommand(EventBatchSql.Insert, connection, transaction);
        command.Parameters.Add(Array("client_ids", NpgsqlDbType.Text, batch.Select(w => w.ClientId).ToArray()));
        command.Parameters.Add(Array("event_ids", NpgsqlDbType.Uuid, batch.Select(w => w.Event.EventId).ToArray()));
        command.Parameters.Add(Array("sources", NpgsqlDbType.Text, batch.Select(w => w.Event.Source).ToArray()));
        command.Parameters.Add(Array("payloads", NpgsqlDbType.Jsonb, batch.Select(w => w.Event.PayloadJson).ToArray()));
        command.Parameters.Add(Array("client_ips", NpgsqlDbType.Inet, batch.Select(w => w.ClientIp).ToArray()));
        command.Parameters.Add(Array("client_timestamps", NpgsqlDbType.TimestampTz,
            batch.Select(w => w.Event.ClientTimestamp?.UtcDateTime).ToArray()));
        command.Parameters.Add(Array("content_hashes", NpgsqlDbType.Bytea, batch.Select(w => w.Event.ContentHash).ToArray()));

        var byKey = batch.ToDictionary(w => (w.ClientId, w.Event.EventId));
        var outcomes = new List<(EventWrite Write, StoreOutcome Outcome)>(batch.Count);
        var unresolved = new List<EventWrite>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var write = byKey[(reader.GetString(0), reader.GetGuid(1))];
                if (reader.GetBoolean(2))
                {
                    outcomes.Add((write, StoreOutcome.Accepted));
                }
                else if (reader.IsDBNull(3))
                {
                    unresolved.Add(write);
                }
                else
                {
                    outcomes.Add((write, Compare(write, reader.GetFieldValue<byte[]>(3))));
                }
            }
        }

        if (unresolved.Count > 0)
        {
            outcomes.AddRange(await ResolveAgainstCommittedRowsAsync(connection, transaction, unresolved, ct));
        }

        await transaction.CommitAsync(ct);
        foreach (var (write, outcome) in outcomes)
        {
            write.Complete(outcome);
        }
    }

    private static async Task<List<(EventWrite, StoreOutcome)>> ResolveAgainstCommittedRowsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<EventWrite> writes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(EventBatchSql.ExistingHashes, connection, transaction);
        command.Parameters.Add(Array("client_ids", NpgsqlDbType.Text, writes.Select(w => w.ClientId).ToArray()));
        command.Parameters.Add(Array("event_ids", NpgsqlDbType.Uuid, writes.Select(w => w.Event.EventId).ToArray()));
        var byKey = writes.ToDictionary(w => (w.ClientId, w.Event.EventId));
        var outcomes = new List<(EventWrite, StoreOutcome)>(writes.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var write = byKey[(reader.GetString(0), reader.GetGuid(1))];
            outcomes.Add((write, Compare(write, reader.GetFieldValue<byte[]>(2))));
            byKey.Remove((write.ClientId, write.Event.EventId));
        }
        // Neither inserted nor found cannot happen while rows are never deleted; fail safe as 503.
        outcomes.AddRange(byKey.Values.Select(write => (write, StoreOutcome.Unavailable)));
        return outcomes;
    }

    private static StoreOutcome Compare(EventWrite write, byte[] storedHash) =>
        storedHash.AsSpan().SequenceEqual(write.Event.ContentHash) ? StoreOutcome.Duplicate : StoreOutcome.Conflict;

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[] values) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values };
}
