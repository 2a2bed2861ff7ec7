using EventPipeline.Api.Limiting.Activity;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Redis;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Api.Runtime;
using EventPipeline.Contracts.Limiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Limiting;

/// <summary>
/// Registers the distributed limiter. Endpoints name a configured policy with the familiar
/// <c>.RequireRateLimiting("ingest")</c>; <c>app.UseLimiting()</c> decides it per client (or IP).
/// </summary>
internal static class LimitingExtensions
{
    public static IHostApplicationBuilder AddLimiting(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<LimiterOptions>()
            .BindConfiguration(LimiterOptions.SectionName)
            .PostConfigure(AddBuiltInPolicies)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddLimiterCore();
        services.AddSingleton<LimiterConfigStore>();
        services.AddHostedService<LimiterWarmup>();
        services.AddHostedService<LimiterConfigSync>();
        services.AddHostedService<ActiveClientFlusher>();
        return builder;
    }

    /// <summary>
    /// Limits the endpoints that name a policy (<c>RequireRateLimiting("ingest")</c>). Use it after
    /// authentication: a decision is charged to the token's client and tier.
    /// </summary>
    public static IApplicationBuilder UseLimiting(this IApplicationBuilder app) => app.UseMiddleware<LimitingMiddleware>();

    /// <summary>The decision path without hosting: what the tests build against a real Redis.</summary>
    public static IServiceCollection AddLimiterCore(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<LimiterOptions>, LimiterOptionsValidator>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<LiveLimiterConfig>();
        services.AddSingleton<ILimitResolver, LimitResolver>();
        services.AddSingleton<LimitPolicyCatalog>();
        services.AddSingleton<TokenBucketScript>();
        services.AddSingleton<RedisTokenBucketLimiter>();
        services.AddSingleton<LocalTokenBuckets>();
        services.AddSingleton<CircuitBreaker>();
        services.TryAddSingleton<ProcessStallMonitor>();
        services.AddSingleton<KnownRefusals>();
        services.AddSingleton<LimiterMetrics>();
        services.AddSingleton<ActiveClientTracker>();
        services.AddSingleton<DistributedLimiter>();
        services.AddSingleton<RequestLimiter>();
        services.AddSingleton<TooManyRequestsWriter>();
        return services;
    }

    private static void AddBuiltInPolicies(LimiterOptions options)
    {
        options.Policies.TryAdd(LimitPolicyNames.Ingest, new LimitPolicyOptions());
        // A batch of n events takes n tokens from the same per-client budget as single events.
        options.Policies.TryAdd(LimitPolicyNames.IngestBatch, new LimitPolicyOptions { Buckets = [LimitPolicyNames.Ingest] });
        // Failed token requests, per source and per client id (see Identity/TokenLockout). Local, not
        // open: a Redis outage must not switch brute-force protection off, and closed would refuse
        // every honest client its token for as long as Redis is away.
        options.Policies.TryAdd(LimitPolicyNames.TokenEndpoint, new LimitPolicyOptions
        {
            PartitionBy = PartitionKind.Ip,
            FailureMode = FailureMode.Local,
            Limit = BucketLimit.Of(30, 0.1),
        });
        options.Policies.TryAdd(LimitPolicyNames.TokenClient, new LimitPolicyOptions
        {
            PartitionBy = PartitionKind.Ip,
            FailureMode = FailureMode.Local,
            Limit = BucketLimit.Of(20, 0.05),
        });
        // Reads have their own bucket, so listing never spends the tokens meant for ingestion.
        options.Policies.TryAdd(LimitPolicyNames.Read, new LimitPolicyOptions
        {
            FailureMode = FailureMode.Local,
            Limit = BucketLimit.Of(100, 10),
        });
    }
}
