using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Engine;

namespace EventPipeline.Resilience.Measuring;

/// <summary>
/// Watches a run live after the fault is gone and returns once two whole seconds in a row were
/// normal (nearly every request answered 200, 202 or 429 within a second, and after a fault on Redis the limiter
/// back on Redis), or when the allowance runs out. The figures come from the ledger afterwards;
/// this only decides how long the load must go on, so a quick recovery makes a short run.
/// </summary>
public static class RecoveryWatch
{
    private const double NormalShare = 0.95;
    private const int NormalSeconds = 2;

    public static async Task WaitAsync(LoadRun run, LimiterProbe? limiter, TimeSpan allowance, CancellationToken cancellationToken)
    {
        var faultEndedSecond = (int)run.Snapshot().ElapsedSeconds;
        var deadline = DateTime.UtcNow + allowance;
        while (DateTime.UtcNow < deadline && !run.Completion.IsCompleted)
        {
            await Task.Delay(250, cancellationToken);
            // A second counts once its answers had a second and a half to arrive.
            var lastWhole = (int)(run.Snapshot().ElapsedSeconds - 1.5) - 1;
            var first = lastWhole - NormalSeconds + 1;
            if (first > faultEndedSecond && Enumerable.Range(first, NormalSeconds).All(s => IsNormal(run.Recorder, s)) && LimiterNormal(limiter, NormalSeconds + 1.5))
            {
                return;
            }
        }
    }

    private static bool IsNormal(RunRecorder recorder, int second)
    {
        var sent = recorder.SeriesSent(second);
        // Judged as Recovery judges it afterwards: a normal status that came within a second.
        var normal = recorder.PromptSeries(second, Outcome.Accepted) + recorder.PromptSeries(second, Outcome.Duplicate) + recorder.PromptSeries(second, Outcome.Limited);
        return sent > 0 && normal >= NormalShare * sent;
    }

    private static bool LimiterNormal(LimiterProbe? limiter, double lastSeconds)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return limiter?.MostlyDegraded(now - (lastSeconds * 1000), now) != true;
    }
}
