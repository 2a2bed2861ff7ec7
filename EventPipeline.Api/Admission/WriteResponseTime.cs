using EventPipeline.Api.Http;
using EventPipeline.Api.Runtime;

namespace EventPipeline.Api.Admission;

/// <summary>
/// How long admitted single-event writes have lately taken inside this replica (from when their
/// body had arrived, so a client trickling its bodies cannot make the replica look slow), judged as CoDel judges a queue:
/// the least time over the last interval or two, so one slow request (a slow client, a GC pause)
/// does not count while a replica whose every write is slow does. It sees what the queue probes
/// cannot: when the machine's CPU is oversubscribed, work waits in the kernel's run queue, the
/// thread pool's queue stays short, and yet every request slows down together.
/// </summary>
internal sealed class WriteResponseTime(TimeProvider clock) : IWriteQueueDelaySource
{
    /// <summary>Fewer writes than this in 100–200 ms is no load to protect; one slow write then is just slow.</summary>
    public const int MinimumWrites = 16;

    private readonly StandingDelay _times = new(TimeSpan.FromMilliseconds(100), MinimumWrites, clock);

    public string Queue => "response";

    public TimeSpan StandingDelay => _times.Current ?? TimeSpan.Zero;

    /// <summary>Starts timing a write; its time counts from when its body has arrived, if the reader marks it.</summary>
    public BodyArrival Start(Action? arrived = null) => new(clock, arrived);

    public void Record(BodyArrival write) => _times.Record(write.TimeSinceArrival());
}
