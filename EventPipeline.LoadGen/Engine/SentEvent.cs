namespace EventPipeline.LoadGen.Engine;

/// <summary>
/// What identifies an event's content on the wire: its id and, when the client stamps events, the
/// client clock's timestamp. A retry re-sends both, so the API sees the same event again.
/// </summary>
public readonly record struct SentEvent(Guid Id, DateTime? Timestamp)
{
    public static implicit operator SentEvent(Guid id) => new(id, null);
}
