namespace EventPipeline.Api.Identity;

/// <summary>One row of the <c>clients</c> table.</summary>
internal sealed record ClientRecord(
    string ClientId,
    string SecretHash,
    IReadOnlyList<string> Scopes,
    string Tier,
    LimitOverride? Limit,
    bool Enabled,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long TokenGeneration = 0);

/// <summary>A per-client token bucket that replaces the tier's.</summary>
internal sealed record LimitOverride(double Capacity, double RefillPerSecond);

/// <summary>A partial update; null leaves a field as it is.</summary>
internal sealed record ClientChanges(
    IReadOnlyList<string>? Scopes,
    string? Tier,
    LimitOverride? Limit,
    bool RemoveLimit,
    bool? Enabled);

/// <summary>A client about to be registered, its secret already hashed.</summary>
internal sealed record NewClient(string ClientId, string SecretHash, IReadOnlyList<string> Scopes, string Tier, LimitOverride? Limit, bool Enabled);
