using System.Globalization;
using System.Runtime;
using EventPipeline.Api.Limiting.Decision;

/// <summary>
/// Runs decisions open loop at a rate the limiter holds easily until the JIT has settled, by the
/// rule bench/run.sh applies to every API it measures (5 s rounds until one compiles fewer than
/// <c>WARMUP_SETTLED_METHODS</c> methods, at most <c>WARMUP_MAX</c> seconds). Measured cold, the
/// first seconds of a run were tier-0 code and the JIT compiling beside it (10 % of the harness's
/// samples in libclrjit at 40,000/s): a p99 of compilation, which a replica serving for hours never pays.
/// </summary>
internal static class WarmUp
{
    private const double Rate = 10_000;
    private const int RoundSeconds = 5;

    public static async Task<int> UntilJitSettledAsync(DistributedLimiter limiter)
    {
        var maxSeconds = FromEnvironment("WARMUP_MAX", 60);
        var settled = FromEnvironment("WARMUP_SETTLED_METHODS", 100);
        var seconds = 0;
        while (seconds < maxSeconds)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await OpenLoop.RunAsync(limiter, Rate, Math.Min(RoundSeconds, maxSeconds - seconds));
            seconds += RoundSeconds;
            if (JitInfo.GetCompiledMethodCount() - before < settled)
            {
                break;
            }
        }
        return Math.Min(seconds, maxSeconds);
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
