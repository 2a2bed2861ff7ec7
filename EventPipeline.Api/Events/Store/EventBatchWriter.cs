using System.Data;
using Npgsql;
using NpgsqlTypes;

namespace EventPipeline.Api.Events.Store;

/// <summary>
/// One writer loop's way into PostgreSQL. It keeps its connection open with the batch INSERT
/// prepared on it, so a batch costs one round trip and no parse, plan or pool reset. The INSERT is
/// its own (implicit) transaction: each write is completed with its outcome only once the
/// statement's answer has ended, which PostgreSQL sends after COMMIT; an outcome learnt from the
/// rows alone could still be rolled back.
/// </summary>
internal sealed class EventBatchWriter(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _insert;

    public async Task WriteAsync(IReadOnlyList<EventWrite> batch, CancellationToken ct)
    {
        try
        {
            var outcomes = await InsertAsync(batch, ct);
            foreach (var (write, outcome) in outcomes)
            {
                write.Complete(outcome);
            }
        }
        catch (Exception ex)
        {
            // A refused value leaves the connection usable; anything else may have broken it.
            if (ex is not PostgresException || _connection?.FullState != ConnectionState.Open)
            {
                await DisposeAsync();
            }
            throw;
        }
    }

    private async Task<List<(EventWrite Write, StoreOutcome Outcome)>> InsertAsync(IReadOnlyList<EventWrite> batch, CancellationToken ct)
    {
        var insert = await PreparedInsertAsync(ct);
        insert.Parameters["client_ids"].Value = batch.Select(w => w.ClientId).ToArray();
        insert.Parameters["event_ids"].Value = batch.Select(w => w.Event.EventId).ToArray();
        insert.Parameters["sources"].Value = batch.Select(w => w.Event.Source).ToArray();
        insert.Parameters["payloads"].Value = batch.Select(w => w.Event.PayloadJson).ToArray();
        insert.Parameters["client_ips"].Value = batch.Select(w => w.ClientIp).ToArray();
        insert.Parameters["client_timestamps"].Value = batch.Select(w => w.Event.ClientTimestamp?.UtcDateTime).ToArray();
        insert.Parameters["content_hashes"].Value = batch.Select(w => w.Event.ContentHash).ToArray();

        var byKey = batch.ToDictionary(w => (w.ClientId, w.Event.EventId));
        var outcomes = new List<(EventWrite Write, StoreOutcome Outcome)>(batch.Count);
        var unresolved = new List<EventWrite>();
        // Disposing the reader reads the statement's answer to its end, past the COMMIT; a failed
        // commit throws there, before any outcome is released.
        await using (var reader = await insert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var write = byKey[(reader.GetString(0), reader.GetString(1))];
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
            outcomes.AddRange(await ResolveAgainstCommittedRowsAsync(_connection!, unresolved, ct));
        }
        return outcomes;
    }

    private async ValueTask<NpgsqlCommand> PreparedInsertAsync(CancellationToken ct)
    {
        if (_insert is not null)
        {
            return _insert;
        }
        // A connection left by a failed PREPARE would otherwise never go back to the pool.
        await DisposeAsync();
        _connection = await dataSource.OpenConnectionAsync(ct);
        var insert = new NpgsqlCommand(EventBatchSql.Insert, _connection);
        insert.Parameters.Add(Array<string>("client_ids", NpgsqlDbType.Text));
        insert.Parameters.Add(Array<string>("event_ids", NpgsqlDbType.Text));
        insert.Parameters.Add(Array<string>("sources", NpgsqlDbType.Text));
        insert.Parameters.Add(Array<string>("payloads", NpgsqlDbType.Jsonb));
        insert.Parameters.Add(Array<System.Net.IPAddress?>("client_ips", NpgsqlDbType.Inet));
        insert.Parameters.Add(Array<DateTime?>("client_timestamps", NpgsqlDbType.TimestampTz));
        insert.Parameters.Add(Array<byte[]>("content_hashes", NpgsqlDbType.Bytea));
        await insert.PrepareAsync(ct);
        _insert = insert;
        return insert;
    }

    // A row committed by another writer while this INSERT waited on it is not in the INSERT's
    // snapshot; this later statement sees it.
    private static async Task<List<(EventWrite, StoreOutcome)>> ResolveAgainstCommittedRowsAsync(
        NpgsqlConnection connection, List<EventWrite> writes, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(EventBatchSql.ExistingHashes, connection);
        command.Parameters.Add(Array<string>("client_ids", NpgsqlDbType.Text, writes.Select(w => w.ClientId).ToArray()));
        command.Parameters.Add(Array<string>("event_ids", NpgsqlDbType.Text, writes.Select(w => w.Event.EventId).ToArray()));
        var byKey = writes.ToDictionary(w => (w.ClientId, w.Event.EventId));
        var outcomes = new List<(EventWrite, StoreOutcome)>(writes.Count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var write = byKey[(reader.GetString(0), reader.GetString(1))];
            outcomes.Add((write, Compare(write, reader.GetFieldValue<byte[]>(2))));
            byKey.Remove((write.ClientId, write.Event.EventId));
        }
        // Neither booked nor found: a key window dropped between the two statements; fail safe as 503.
        outcomes.AddRange(byKey.Values.Select(write => (write, StoreOutcome.Unavailable)));
        return outcomes;
    }

    private static StoreOutcome Compare(EventWrite write, byte[] storedHash) =>
        storedHash.AsSpan().SequenceEqual(write.Event.ContentHash) ? StoreOutcome.Duplicate : StoreOutcome.Conflict;

    private static NpgsqlParameter Array<T>(string name, NpgsqlDbType elementType, T[]? values = null) =>
        new(name, NpgsqlDbType.Array | elementType) { Value = values ?? [] };

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
        {
            await _insert.DisposeAsync();
            _insert = null;
        }
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
