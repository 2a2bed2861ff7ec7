using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Admission;

/// <summary>
/// The writes this replica is working on, counted from when a write's body has arrived (at the door,
/// for a body that came with its headers) until it is answered, and the count at which new writes
/// are refused. Past saturation the queue signals shed only after a delay has stood for 100–200 ms,
/// and a wave at twice the capacity admits 200–400 ms of work in that time, which the admitted
/// writes then wait through (p99 inside the server 100–250 ms). A bound on the work in progress
/// stops that backlog from forming: by Little's law the admitted writes wait about the bound divided
/// by the replica's throughput. Counting from the body's arrival keeps the bound for work: a client
/// trickling bodies holds no place, so slow connections cannot lock writers out. The bound is soft:
/// a write admitted while there was room counts when its body arrives, even if the room is gone.
/// </summary>
internal sealed class WritesInProgress(IOptions<AdmissionOptions> options)
{
    private int _count;

    /// <summary>New writes are refused while this many are in progress; 0 for no bound.</summary>
    public int Limit { get; } = options.Value.MaxWritesInProgressPerCore * Environment.ProcessorCount;

    public int Count => Volatile.Read(ref _count);

    public bool IsFull => Limit > 0 && Count >= Limit;

    public void Enter() => Interlocked.Increment(ref _count);

    public void Leave() => Interlocked.Decrement(ref _count);
}
