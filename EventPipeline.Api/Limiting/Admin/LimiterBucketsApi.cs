using EventPipeline.Api.Limiting.Activity;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using EventPipeline.Contracts.Limiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Admin;

/// <summary>Read access for the dashboard: one client's live buckets and the busiest clients. Admin only.</summary>
internal static class LimiterBucketsApi
{
    public static IEndpointRouteBuilder MapLimiterBucketsApi(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var limiter = app.MapGroup("/v1/limiter").RequireAuthorization(adminPolicy);
        limiter.MapGet("/buckets/{clientId}", GetBucketsAsync);
        limiter.MapGet("/top", GetTopAsync);
        return app;
    }

    private static async Task<Results<Ok<ClientBuckets>, ProblemHttpResult>> GetBucketsAsync(
        string clientId, string? tier, [AsParameters] BucketServices s)
    {
        var subject = LimitSubject.Client(clientId, tier ?? LimitSubjects.DefaultTier);
        var buckets = s.Policies.All.Where(p => p.PartitionBy == PartitionKind.Client)
            .SelectMany(p => p.Buckets.Select(b => (Bucket: b, Limit: s.Resolver.Resolve(p, subject))))
            .DistinctBy(b => b.Bucket)
            .ToList();
        try
        {
            var db = s.Redis.GetDatabase();
            var nowMs = s.Options.Value.UseAppTime
                ? s.Clock.GetUtcNow().ToUnixTimeMilliseconds()
                : new DateTimeOffset(DateTime.SpecifyKind(await s.Redis.GetServers().First(x => x.IsConnected).TimeAsync(), DateTimeKind.Utc)).ToUnixTimeMilliseconds();
            var states = await Task.WhenAll(buckets.Select(b => StoredBucket.ReadAsync(db, subject.BucketKey(b.Bucket))));
            return TypedResults.Ok(new ClientBuckets(clientId, [.. buckets.Select((b, i) => StateAt(b.Bucket, b.Limit, states[i], nowMs))]));
        }
        catch (Exception ex) when (ex is RedisException or InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Redis unavailable", detail: ex.Message);
        }
    }

    private static async Task<Results<Ok<TopClient[]>, ProblemHttpResult>> GetTopAsync(ActiveClientTracker tracker, int? count)
    {
        try
        {
            var top = await tracker.TopAsync(Math.Clamp(count ?? 10, 1, 100));
            return TypedResults.Ok(top.Select(t => new TopClient(t.ClientId, t.Admitted, t.Limited)).ToArray());
        }
        catch (RedisException ex)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Redis unavailable", detail: ex.Message);
        }
    }

    internal sealed record BucketServices(
        LimitPolicyCatalog Policies, ILimitResolver Resolver, IConnectionMultiplexer Redis, IOptions<LimiterOptions> Options, TimeProvider Clock);

    /// <summary>A bucket as it stands now: stored tokens plus the refill since its last write.</summary>
    internal static BucketState StateAt(string bucket, BucketLimit limit, (double Tokens, double StampMs)? stored, long nowMs)
    {
        if (stored is not { } state)
        {
            return new(bucket, limit.Capacity, limit.Capacity, limit.Refill, null);
        }
        var (tokens, ts) = state;
        var now = Math.Min(limit.Capacity, tokens + (Math.Max(0, nowMs - ts) * limit.Refill / 1000));
        return new(bucket, now, limit.Capacity, limit.Refill, DateTimeOffset.FromUnixTimeMilliseconds((long)ts));
    }
}
