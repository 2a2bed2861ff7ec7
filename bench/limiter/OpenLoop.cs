using System.Diagnostics;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;

/// <summary>
/// Decisions started on a fixed schedule whether or not earlier ones have answered, each timed from
/// its scheduled instant, so a slow answer can never lower the load it is measured under.
/// </summary>
internal static class OpenLoop
{
    /// <summary>The latencies, the time taken, and how many decisions did not come from Redis (failed closed).</summary>
    public static async Task<(double[] Latencies, double Seconds, int NotFromRedis)> RunAsync(DistributedLimiter limiter, double rate, int seconds)
    {
        var notFromRedis = 0;
        var total = (int)(rate * seconds);
        var latencies = new double[total];
        var pending = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var sent = 0; sent < total;)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * rate));
            for (; sent < due; sent++)
            {
                pending.Add(DecideAsync(limiter, sent, sent / rate, clock, latencies, () => Interlocked.Increment(ref notFromRedis)));
            }
            await Task.Delay(1);
        }
        await Task.WhenAll(pending);
        return (latencies, clock.Elapsed.TotalSeconds, notFromRedis);
    }

    private static async Task DecideAsync(DistributedLimiter limiter, int index, double scheduledSeconds, Stopwatch clock, double[] latencies, Action failed)
    {
        var decision = await limiter.AcquireAsync("ingest", LimitSubject.Client($"bench-{index % 1000}"), 1);
        if (decision.Outcome is not (LimitOutcome.Allowed or LimitOutcome.Limited))
        {
            failed();
        }
        latencies[index] = (clock.Elapsed.TotalSeconds - scheduledSeconds) * 1000;
    }
}
