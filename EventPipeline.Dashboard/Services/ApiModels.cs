namespace EventPipeline.Dashboard.Services;

// The API's JSON (snake_case), as far as the dashboard shows it; the live stream's types are
// EventPipeline.Contracts.Live, shared with the API.

public sealed record BucketLimit(double Capacity, double Refill);

public sealed record ClientBuckets(string ClientId, List<BucketState> Buckets);

public sealed record BucketState(string Bucket, double Tokens, double Capacity, double Refill,
    DateTimeOffset? LastRefill);

public sealed record TopClient(string ClientId, double Admitted, double Limited);

public sealed record StoredEvent(
    string? ClientId,
    string EventId,
    string Source,
    System.Text.Json.JsonElement Payload,
    DateTimeOffset ReceivedAt);

public sealed record LimiterConfig(long Version, double Bucket, double Refill, LimiterConfigDocument Config);

public sealed record LimiterConfigDocument(BucketLimit Default, Dictionary<string, BucketLimit> Tiers, Dictionary<string, BucketLimit> Clients,
    Dictionary<string, PolicySetting>? Policies);

public sealed record PolicySetting(string? Mode, string? FailureMode);

public sealed record LimiterConfigVersion(long Version, LimiterConfigDocument Document, string? ChangedBy, DateTimeOffset ChangedAt);

public sealed record EventPage(List<StoredEvent> Events, string? NextCursor);

public sealed record StorageStatus(string PartitionInterval, int RetentionDays, int DedupWindowHours, int Partitions,
    DateTimeOffset? OldestPartitionStart, double OldestPartitionAgeSeconds, long Bytes, long EstimatedRows, long DedupKeyBytes,
    DateTimeOffset? MeasuredAt);
