namespace EventPipeline.Contracts.Events;

/// <summary>What became of one sent event, as the ingestion endpoints name it.</summary>
public static class IngestStatus
{
    /// <summary>Stored now.</summary>
    public const string Accepted = "accepted";

    /// <summary>Already stored with the same content, for example by an earlier try.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>Already stored with different content: event ids must not be reused.</summary>
    public const string Conflict = "conflict";

    /// <summary>Not an event (a batch item that failed validation).</summary>
    public const string Invalid = "invalid";

    /// <summary>Refused by the client's rate limit; worth sending again after its retry-after.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>Holds a value the event store refuses; sending it again will not help.</summary>
    public const string Unstorable = "unstorable";

    /// <summary>Storage could not take it now; worth sending again after its retry-after.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Whether an event with this status is stored (now or before).</summary>
    public static bool IsStored(string status) => status is Accepted or Duplicate;

    /// <summary>Whether sending the same event again later can succeed.</summary>
    public static bool IsRetryable(string status) => status is RateLimited or Unavailable;
}
