using EventPipeline.LoadGen.Ledger;
using Npgsql;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// The ledger against the events table. Lost: answered 2xx but not stored. Phantom: stored but
/// never sent. Duplicates: one event stored more than once. Stored but not acknowledged: allowed
/// (a client retries and hears "duplicate"), reported.
/// </summary>
public sealed record Reconciliation(long Stored, long Lost, long Phantom, long Duplicates, long StoredNotAcknowledged)
{
    public bool Clean => Lost == 0 && Phantom == 0 && Duplicates == 0;

    public static async Task<Reconciliation> ReconcileAsync(IReadOnlyList<LedgerEntry> ledger, string connectionString)
    {
        var clients = ledger.Select(e => e.Client).Distinct().ToArray();
        var rows = await StoredKeysAsync(connectionString, clients);
        var stored = rows.ToHashSet();
        var sent = ledger.Where(e => e.EventId is not null).Select(e => (e.Client, e.EventId!.Value)).ToHashSet();
        var acknowledged = ledger.Where(e => e.EventId is not null && e.Acknowledged).Select(e => (e.Client, e.EventId!.Value)).ToHashSet();
        return new Reconciliation(
            Stored: stored.Count,
            Lost: acknowledged.Count(key => !stored.Contains(key)),
            Phantom: stored.Count(key => !sent.Contains(key)),
            Duplicates: rows.Count - stored.Count,
            StoredNotAcknowledged: stored.Count(key => sent.Contains(key) && !acknowledged.Contains(key)));
    }

    private static async Task<List<(string, Guid)>> StoredKeysAsync(string connectionString, string[] clients)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT client_id, event_id FROM events WHERE client_id = ANY(@clients)", connection);
        command.Parameters.AddWithValue("clients", clients);
        var rows = new List<(string, Guid)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetGuid(1)));
        }

        return rows;
    }
}
