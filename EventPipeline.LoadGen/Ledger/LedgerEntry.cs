using System.Globalization;

namespace EventPipeline.LoadGen.Ledger;

/// <summary>
/// One request as the ledger file holds it: which event, whose, when it left, what came back and
/// when. Status 0 means no answer (a transport error, or abandoned when the run stopped); times
/// are wall-clock Unix milliseconds so they line up with faults injected by another process.
/// </summary>
public sealed record LedgerEntry(Guid? EventId, string Client, double SentUnixMs, int Status, double AnsweredUnixMs)
{
    public const string Header = "event_id,client,sent_unix_ms,status,answered_unix_ms";

    public bool Acknowledged => Status is >= 200 and < 300;

    public double LatencyMs => AnsweredUnixMs - SentUnixMs;

    public static LedgerEntry Parse(string line)
    {
        var fields = line.Split(',');
        if (fields.Length != 5)
        {
            throw new FormatException($"A ledger line has 5 fields: '{line}'.");
        }

        return new LedgerEntry(
            fields[0].Length == 0 ? null : Guid.Parse(fields[0]),
            fields[1],
            double.Parse(fields[2], CultureInfo.InvariantCulture),
            int.Parse(fields[3], CultureInfo.InvariantCulture),
            double.Parse(fields[4], CultureInfo.InvariantCulture));
    }

    public static async Task<IReadOnlyList<LedgerEntry>> ReadAllAsync(string path, CancellationToken cancellationToken = default)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var line in File.ReadLinesAsync(path, cancellationToken))
        {
            if (line.Length > 0 && line != Header)
            {
                entries.Add(Parse(line));
            }
        }

        return entries;
    }
}
