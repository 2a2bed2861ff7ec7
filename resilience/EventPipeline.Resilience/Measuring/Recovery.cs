using EventPipeline.LoadGen.Engine;
using EventPipeline.LoadGen.Ledger;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// Seconds from the fault's end to the start of the first stretch of normal service (two seconds
/// in a row) that nobody restarted anything for. A half-second is normal when nearly every request
/// sent in it had a normal answer (200, 202 or 429 within a second) and, after a fault on Redis,
/// the limiter decided most requests through Redis. Later blips on a busy machine do not undo a recovery; never reaching
/// such a stretch before the run ends is "not recovered".
/// </summary>
public sealed record Recovery(double Seconds, bool Recovered)
{
    public const double SlowAnswerMs = RunRecorder.PromptAnswerSeconds * 1000;
    private const double BinMs = 500;
    private const int NormalBins = 4;
    private const double NormalShare = 0.95;

    public static bool IsNormal(LedgerEntry entry) => entry.Status is 200 or 202 or 429 && entry.LatencyMs <= SlowAnswerMs;

    public static Recovery Measure(IReadOnlyList<LedgerEntry> ledger, LimiterProbe? limiter, double faultEndedUnixMs)
    {
        var after = ledger.Where(e => e.SentUnixMs >= faultEndedUnixMs).ToList();
        var bins = after.Count == 0 ? 0 : (int)((after.Max(e => e.SentUnixMs) - faultEndedUnixMs) / BinMs);
        var normal = new bool[bins];
        foreach (var bin in after.GroupBy(e => (int)((e.SentUnixMs - faultEndedUnixMs) / BinMs)).Where(g => g.Key < bins))
        {
            var from = faultEndedUnixMs + (bin.Key * BinMs);
            normal[bin.Key] = bin.Count(IsNormal) >= NormalShare * bin.Count() && limiter?.MostlyDegraded(from, from + BinMs) != true;
        }

        for (var start = 0; start + NormalBins <= bins; start++)
        {
            if (normal.AsSpan(start, NormalBins).IndexOf(false) < 0)
            {
                return new Recovery(start * BinMs / 1000, Recovered: true);
            }
        }

        return new Recovery(bins * BinMs / 1000, Recovered: false);
    }
}
