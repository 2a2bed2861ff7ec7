using System.Net;

namespace EventPipeline.Api.Events.Store;

public enum StoreOutcome
{
    Accepted,
    Duplicate,
    Conflict,
    /// <summary>PostgreSQL refused a value of this event (a data exception); retrying cannot help.</summary>
    Unstorable,
    Unavailable,
}

/// <summary>One event waiting for a group commit, completed with its own outcome after COMMIT.</summary>
internal sealed class EventWrite(string clientId, IncomingEvent incoming, IPAddress? clientIp)
{
    private readonly TaskCompletionSource<StoreOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ClientId { get; } = clientId;

    public IncomingEvent Event { get; } = incoming;

    public IPAddress? ClientIp { get; } = clientIp;

    /// <summary>When the write was created, just before it is queued (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long CreatedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public Task<StoreOutcome> Completion => _completion.Task;

    public void Complete(StoreOutcome outcome) => _completion.TrySetResult(outcome);
}
