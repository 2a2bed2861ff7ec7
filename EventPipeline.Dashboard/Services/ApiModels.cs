namespace EventPipeline.Dashboard.Services;

// The API's JSON (snake_case), as far as the dashboard shows it; the live stream's types are
// EventPipeline.Contracts.Live, shared with the API.

public sealed record BucketLimit(double Capacity, double Refill);

public sealed record LimiterConfig(long Version, double Bucket, double Refill, LimiterConfigDocument Config);

public sealed record LimiterConfigDocument(BucketLimit Default, Dictionary<string, BucketLimit> Tiers, Dictionary<string, BucketLimit> Clients,
    Dictionary<string, PolicySetting>? Policies);

public sealed record PolicySetting(string? Mode, string? FailureMode);

public sealed record LimiterConfigVersion(long Version, LimiterConfigDocument Document, string? ChangedBy, DateTimeOffset ChangedAt);
