namespace EventPipeline.Dashboard.Services;

// The API's JSON (snake_case), as far as the dashboard shows it.

public sealed record LiveSnapshot(
    long UnixSecond,
    Dictionary<string, long> DecisionTotals,
    Dictionary<string, long> IngestedTotals,
    List<ReplicaSeen> Replicas,
    LatencySummary IngestLatencyMs,
    LatencySummary RedisLatencyMs,
    List<SeriesPoint> Series,
    LimiterHealth? LimiterHealth,
    long AllowedTotal,
    long BlockedTotal,
    long ShadowLimitedTotal,
    double? BucketSize,
    double? RefillRate,
    int? Clients);

// Circuit: closed, open or half_open; null from an API that does not report it.
public sealed record ReplicaSeen(string Replica, long LastSecond, string? Circuit);

public sealed record LimiterHealth(int WindowSeconds, long Decisions, long Local, long FailedOpen, long FailedClosed,
    int CircuitsNotClosed, double LocalShare, double FailedOpenShare, double FailedClosedShare, bool Degraded);

public sealed record LatencySummary(double? P50, double? P95, double? P99, long Count);

public sealed record SeriesPoint(long T, long Allowed, long Limited, long ShadowLimited, long Failed, long Accepted, long Local, long FailedOpen);

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
