namespace EventPipeline.Contracts.Events;

/// <summary>One page of stored events, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, string? NextCursor);
