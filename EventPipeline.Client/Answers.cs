using System.Text.Json;

namespace EventPipeline.Client;

/// <summary>A stored event: <c>accepted</c> (new) or <c>duplicate</c> (already stored with the same content, e.g. by an earlier try).</summary>
public sealed record IngestResult(string Status, string EventId)
{
    public bool IsDuplicate => Status == "duplicate";
}

/// <summary>One result per event, in order: accepted, duplicate, conflict, invalid, rate_limited, unstorable or unavailable.</summary>
public sealed record BatchResult(int Accepted, int Duplicate, int Rejected, IReadOnlyList<BatchItemResult> Results);

public sealed record BatchItemResult(int Index, string Status, string? EventId, Dictionary<string, string[]>? Errors = null, int? RetryAfter = null)
{
    public bool IsStored => Status is "accepted" or "duplicate";

    /// <summary>Worth sending again, after <see cref="RetryAfter"/> seconds.</summary>
    public bool IsRetryable => Status is "rate_limited" or "unavailable";
}

public sealed record StoredEvent(string ClientId, string EventId, string Source, JsonElement Payload, DateTimeOffset? Timestamp, DateTimeOffset ReceivedAt);

public sealed record EventPage(IReadOnlyList<StoredEvent> Events, string? NextCursor);
