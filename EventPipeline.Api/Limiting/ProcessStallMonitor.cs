using System.Diagnostics;

namespace EventPipeline.Api.Limiting;

/// <summary>
/// Notices when this process, not Redis, is what is slow: a thread of its own sleeps in short steps
/// and measures how late it wakes (a GC suspension, the process starved of CPU), and it times how
/// long a work item waits in the thread pool's queue (a starved pool, where every continuation,
/// Redis answers included, waits its turn). A limiter call that missed its deadline while either
/// went on says nothing about Redis: the answer is probably sitting in the socket already.
/// </summary>
public sealed class ProcessStallMonitor : IDisposable
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_probeEvery = TimeSpan.FromMilliseconds(50);
    private readonly TimeSpan _threshold;
    private readonly CancellationTokenSource _stopping = new();
    private long _lastStall = long.MinValue;
    private long _probeQueuedAt;

    public ProcessStallMonitor(TimeSpan threshold)
    {
        _threshold = threshold;
        new Thread(Watch) { IsBackground = true, Name = "Limiter stall monitor" }.Start();
    }

    /// <summary>Whether the process stalled at any moment after <paramref name="timestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public bool StalledSince(long timestamp)
    {
        var queuedAt = Volatile.Read(ref _probeQueuedAt);
        var probeWaiting = queuedAt != 0 && Stopwatch.GetElapsedTime(queuedAt) >= _threshold;
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
            if (Stopwatch.GetElapsedTime(before, now) - s_step >= _threshold)
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
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _probeQueuedAt), now) >= _threshold)
        {
            Volatile.Write(ref _lastStall, now);
        }
        Volatile.Write(ref _probeQueuedAt, 0);
    }

    public void Dispose() => _stopping.Cancel();
}
