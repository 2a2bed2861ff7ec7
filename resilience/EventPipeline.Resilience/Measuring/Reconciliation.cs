using EventPipeline.LoadGen.Ledger;
using Npgsql;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// The ledger against the events table. Lost: answered 2xx but not stored. Phantom: stored but
/// never sent. Duplicates: one event stored more than once. Stored but not acknowledged: allowed
/// (a client retries and hears "duplicate"), reported. Late: sent by an earlier load of the same run
/// (its last requests were still committing when the table was emptied for this scenario), so sent
/// after all: reported, not phantom.
/// </summary>
public sealed record Reconciliation(long Stored, long Lost, long Phantom, long Duplicates, long StoredNotAcknowledged,
    IReadOnlyList<string> LostSample, IReadOnlyList<string> PhantomSample, long LateFromEarlierLoad = 0)
{
    public bool Clean => Lost == 0 && Phantom == 0 && Duplicates == 0;

    public static async Task<Reconciliation> ReconcileAsync(IReadOnlyList<LedgerEntry> ledger, string connectionString,
        IReadOnlySet<(string Client, Guid Id)>? sentEarlier = null)
    {
        var clients = ledger.Select(e => e.Client).Distinct().ToArray();
        var rows = await StoredKeysAsync(connectionString, clients);
        var stored = rows.ToHashSet();
        var sent = ledger.Where(e => e.EventId is not null).Select(e => (e.Client, e.EventId!.Value)).ToHashSet();
        var acknowledged = ledger.Where(e => e.EventId is not null && e.Acknowledged).Select(e => (e.Client, e.EventId!.Value)).ToHashSet();
        var lost = acknowledged.Where(key => !stored.Contains(key)).ToList();
        var late = stored.Where(key => !sent.Contains(key) && sentEarlier?.Contains(key) == true).ToList();
        var phantom = stored.Where(key => !sent.Contains(key) && sentEarlier?.Contains(key) != true).ToList();
        // A few of each, client/event id, so a failure can be looked up in the ledger and the logs.
        static List<string> Sample(List<(string Client, Guid Id)> keys) => [.. keys.Take(5).Select(k => $"{k.Client}/{k.Id}")];
        return new Reconciliation(
            Stored: stored.Count,
            Lost: lost.Count,
            Phantom: phantom.Count,
            Duplicates: rows.Count - stored.Count,
            StoredNotAcknowledged: stored.Count(key => sent.Contains(key) && !acknowledged.Contains(key)),
            LostSample: Sample(lost),
            PhantomSample: Sample(phantom),
            LateFromEarlierLoad: late.Count);
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
            rows.Add((reader.GetString(0), Guid.Parse(reader.GetString(1))));
        }

        return rows;
    }
}
