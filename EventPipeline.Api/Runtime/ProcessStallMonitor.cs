using System.Diagnostics;

namespace EventPipeline.Api.Runtime;

/// <summary>
/// Notices when this process, not Redis, is what is slow: a thread of its own sleeps in short steps
/// and measures how late it wakes (a GC suspension, the process starved of CPU), and it times how
/// long a work item waits in the thread pool's queue (a starved pool, where every continuation,
/// Redis answers included, waits its turn). A limiter call that missed its deadline while either
/// went on says nothing about Redis: the answer is probably sitting in the socket already.
/// </summary>
public sealed class ProcessStallMonitor : IQueueDelaySource, IDisposable
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_probeEvery = TimeSpan.FromMilliseconds(50);
    /// <summary>A wake-up this late, or a thread-pool wait this long, is a stall; far beyond a healthy process's jitter.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(50);

    private readonly CancellationTokenSource _stopping = new();
    private long _lastStall = long.MinValue;
    private long _probeQueuedAt;
    private const int ProbeWindow = 4;
    private readonly long[] _probeDelays = new long[ProbeWindow];
    private int _newestProbe;

    public string Queue => "thread_pool";

    public ProcessStallMonitor() =>
        new Thread(Watch) { IsBackground = true, Name = "Process stall monitor" }.Start();

    /// <summary>
    /// The thread pool's standing queue: the least wait among the last four probes (one every 50 ms),
    /// a probe still in the queue counting with its wait so far. One slow moment (a GC) does not
    /// raise it; work queueing for a thread all along does.
    /// </summary>
    public TimeSpan StandingDelay
    {
        get
        {
            var newest = Volatile.Read(ref _newestProbe);
            var queuedAt = Volatile.Read(ref _probeQueuedAt);
            var samples = queuedAt != 0 ? ProbeWindow - 1 : ProbeWindow;
            var least = queuedAt != 0 ? Stopwatch.GetElapsedTime(queuedAt).Ticks : long.MaxValue;
            for (var i = 0; i < samples; i++)
            {
                least = Math.Min(least, Volatile.Read(ref _probeDelays[(newest - i + ProbeWindow) % ProbeWindow]));
            }
            return TimeSpan.FromTicks(least);
        }
    }

    /// <summary>Whether the process stalled at any moment after <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public bool StalledSince(long timestamp)
    {
        var queuedAt = Volatile.Read(ref _probeQueuedAt);
        var probeWaiting = queuedAt != 0 && Stopwatch.GetElapsedTime(queuedAt) >= Threshold;
        return probeWaiting || Volatile.Read(ref _lastStall) >= timestamp;
    }

    private void Watch()
    {
        var lastProbe = Stopwatch.GetTimestamp();
        while (!_stopping.IsCancellationRequested)
        {
            var before = Stopwatch.GetTimestamp();
            Thread.Sleep(s_step);
            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(before, now) - s_step >= Threshold)
            {
                Volatile.Write(ref _lastStall, now);
            }
            if (Stopwatch.GetElapsedTime(lastProbe, now) >= s_probeEvery && Volatile.Read(ref _probeQueuedAt) == 0)
            {
                lastProbe = now;
                Volatile.Write(ref _probeQueuedAt, now);
                ThreadPool.UnsafeQueueUserWorkItem(static monitor => monitor.ProbeRan(), this, preferLocal: false);
            }
        }
    }

    private void ProbeRan()
    {
        var now = Stopwatch.GetTimestamp();
        var delay = Stopwatch.GetElapsedTime(Volatile.Read(ref _probeQueuedAt), now);
        var slot = (_newestProbe + 1) % ProbeWindow;
        Volatile.Write(ref _probeDelays[slot], delay.Ticks);
        Volatile.Write(ref _newestProbe, slot);
        if (delay >= Threshold)
        {
            Volatile.Write(ref _lastStall, now);
        }
        Volatile.Write(ref _probeQueuedAt, 0);
    }

    public void Dispose() => _stopping.Cancel();
}
