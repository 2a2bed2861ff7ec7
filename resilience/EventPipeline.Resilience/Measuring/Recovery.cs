using EventPipeline.LoadGen.Ledger;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// Seconds from the fault's end until service was normal again and stayed so: the last request
/// sent after the fault ended that got an abnormal answer (anything but 200, 202 or 429, or an
/// answer slower than a second), or the last moment the limiter was seen off Redis, whichever is
/// later. Recovered: the run then saw at least a second of normal service to its end, with
/// nobody restarting anything.
/// </summary>
public sealed record Recovery(double Seconds, bool Recovered)
{
    public const double SlowAnswerMs = 1000;
    private const double NormalForMs = 1000;

    public static bool IsNormal(LedgerEntry entry) => entry.Status is 200 or 202 or 429 && entry.LatencyMs <= SlowAnswerMs;

    public static Recovery Measure(IReadOnlyList<LedgerEntry> ledger, IReadOnlyList<double> limiterDegradedAtUnixMs, double faultEndedUnixMs)
    {
        var lastSent = ledger.Count == 0 ? faultEndedUnixMs : ledger.Max(e => e.SentUnixMs);
        var lastAbnormal = ledger.Where(e => e.SentUnixMs >= faultEndedUnixMs && !IsNormal(e)).Select(e => e.SentUnixMs)
            .Concat(limiterDegradedAtUnixMs.Where(t => t >= faultEndedUnixMs))
            .DefaultIfEmpty(faultEndedUnixMs)
            .Max();
        return new Recovery((lastAbnormal - faultEndedUnixMs) / 1000, lastSent - lastAbnormal >= NormalForMs);
    }
}
