using System.Diagnostics;
using System.Runtime.InteropServices;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;

/// <summary>
/// Decisions started on a fixed schedule whether or not earlier ones have answered, each timed from
/// its scheduled instant, so a slow answer can never lower the load it is measured under.
/// </summary>
/// <remarks>
/// A thread of its own starts them, waking every 100 µs: the former loop awaited <c>Task.Delay(1)</c>,
/// whose wake-ups come a millisecond or more apart on Linux and wait their turn in the thread pool,
/// so every decision was charged up to ~2 ms of the harness's own lateness (p50 3.5 ms for any
/// limiter). How late the dispatcher started each decision is reported apart (<c>dispatch_p99_ms</c>),
/// so a late harness shows as what it is instead of as limiter latency.
/// </remarks>
internal static class OpenLoop
{
    private const uint DispatchStepMicroseconds = 100;

    public sealed record Result(double[] Latencies, double Seconds, int NotFromRedis, double[] DispatchLateness);

    public static async Task<Result> RunAsync(DistributedLimiter limiter, double rate, int seconds)
    {
        var notFromRedis = 0;
        var total = (int)(rate * seconds);
        var latencies = new double[total];
        var lateness = new double[total];
        // Counted, not kept: holding every decision's task until the end grew the heap into gen2
        // collections whose pauses the API (which keeps none) never has.
        var outstanding = total;
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var dispatcher = new Thread(() =>
        {
            for (var sent = 0; sent < total;)
            {
                var now = clock.Elapsed.TotalSeconds;
                var due = Math.Min(total, (int)(now * rate) + 1);
                for (; sent < due; sent++)
                {
                    var scheduled = sent / rate;
                    lateness[sent] = (clock.Elapsed.TotalSeconds - scheduled) * 1000;
                    _ = DecideAsync(limiter, sent, scheduled, clock, latencies, () => Interlocked.Increment(ref notFromRedis), () =>
                    {
                        if (Interlocked.Decrement(ref outstanding) == 0)
                        {
                            allAnswered.TrySetResult();
                        }
                    });
                }
                _ = usleep(DispatchStepMicroseconds); // an interrupted sleep only wakes the loop early
            }
        }) { IsBackground = true, Name = "Open-loop dispatcher", Priority = ThreadPriority.AboveNormal };
        dispatcher.Start();
        await Task.Run(dispatcher.Join);
        if (total > 0)
        {
            await allAnswered.Task;
        }
        return new Result(latencies, clock.Elapsed.TotalSeconds, notFromRedis, lateness);
    }

    private static async Task DecideAsync(DistributedLimiter limiter, int index, double scheduledSeconds, Stopwatch clock, double[] latencies, Action failed, Action answered)
    {
        var decision = await limiter.AcquireAsync("ingest", LimitSubject.Client($"bench-{index % 1000}"), 1);
        // The harness's limits refuse nothing: anything but Allowed did not come from a Redis round trip.
        if (decision.Outcome is not LimitOutcome.Allowed)
        {
            failed();
        }
        latencies[index] = (clock.Elapsed.TotalSeconds - scheduledSeconds) * 1000;
        answered();
    }

    // Thread.Sleep rounds to whole milliseconds; usleep sleeps about as long as asked.
    [DllImport("libc")]
    private static extern int usleep(uint microseconds);
}
