namespace EventPipeline.Contracts.Events;

/// <summary>One page of a client's stored events; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, string? NextCursor);
