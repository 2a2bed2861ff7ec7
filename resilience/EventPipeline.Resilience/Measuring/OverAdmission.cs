using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Ledger;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// What the limiter admitted per client from the fault's start to the end of the run, against the
/// most a correct bucket could have admitted over the same sends starting full (so the bound
/// holds whatever the bucket held when the fault began). Over: the excess summed over clients.
/// The promise depends on the failure mode, whatever the fault: the limiter may fall back on it
/// whenever Redis is slow, and a busy machine makes Redis slow too. Closed: never above the ideal;
/// local: at most replicas × the ideal; open: only reported.
/// </summary>
public sealed record OverAdmission(long Admitted, long Ideal, long Over, string Promise, bool WithinPromise)
{
    private const double ToleranceSeconds = 0.5;

    public static OverAdmission Measure(IReadOnlyList<LedgerEntry> ledger, double fromUnixMs, HarnessSettings settings)
    {
        var mode = settings.FailureMode.ToLowerInvariant();
        var slack = (long)Math.Ceiling(settings.Refill * ToleranceSeconds);
        long admitted = 0, ideal = 0, over = 0;
        var within = true;
        foreach (var client in ledger.Where(e => e.SentUnixMs >= fromUnixMs && Outcomes.ReachedLimiter(e.Status)).GroupBy(e => e.Client))
        {
            var clientAdmitted = client.Count(e => Outcomes.Admitted(e.Status));
            var clientIdeal = TokenBucketChecker.IdealAdmits(client.Select(e => e.SentUnixMs / 1000), settings.Capacity, settings.Refill, cost: 1);
            admitted += clientAdmitted;
            ideal += clientIdeal;
            over += Math.Max(0, clientAdmitted - clientIdeal);
            within &= mode switch
            {
                "local" => clientAdmitted <= (settings.Replicas * clientIdeal) + slack,
                "open" => true,
                _ => clientAdmitted <= clientIdeal + slack,
            };
        }

        var promise = mode switch
        {
            "local" => $"local: <= {settings.Replicas} x ideal",
            "open" => "open: reported only",
            _ => "closed: <= ideal",
        };
        return new OverAdmission(admitted, ideal, over, promise, within);
    }
}
