namespace EventPipeline.Api.Http;

/// <summary>
/// When a request's body had fully arrived, for whoever times the request: set on the request by
/// admission control, marked by the reader of the body. A client's sending time says nothing about
/// this replica's load, and a client that trickles its bodies must not make the replica look slow.
/// </summary>
public sealed class BodyArrival(TimeProvider clock, Action? arrived = null)
{
    public long StartedAt { get; } = clock.GetTimestamp();

    /// <summary>When the last byte of the body was read; null until then (or when nobody read it).</summary>
    public long? ArrivedAt { get; private set; }

    public void MarkArrived()
    {
        if (ArrivedAt is null)
        {
            ArrivedAt = clock.GetTimestamp();
            arrived?.Invoke();
        }
    }

    /// <summary>The time the request spent in this replica after its body was here.</summary>
    public TimeSpan TimeSinceArrival() => clock.GetElapsedTime(ArrivedAt ?? StartedAt);

    public static void MarkArrived(HttpContext context) => context.Features.Get<BodyArrival>()?.MarkArrived();
}
