using EventPipeline.Api.Limiting;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Bench.Peers;

/// <summary>
/// Our limiter wired as the API wires it (LimitingExtensions): the same decision path, policy
/// options, circuit breaker with local fallback, headers on every response and problem+json refusals,
/// and its middleware (<c>UseLimiting</c>) in place of <c>UseRateLimiter</c>.
/// The Redis timeout is 1 s rather than the API's 50 ms: the peer has no timeout, so on a starved
/// machine ours would otherwise win by deciding locally instead of asking Redis.
/// </summary>
internal static class OurLimiter
{
    public static WebApplicationBuilder AddOurLimiter(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(BenchLimit.Connect(builder.Configuration));
        builder.Services.AddOptions<LimiterOptions>().Configure(options =>
        {
            options.RedisTimeoutMilliseconds = 1000;
            options.Default = BucketLimit.Of(BenchLimit.Capacity(builder.Configuration), BenchLimit.Refill(builder.Configuration));
            options.Policies[BenchLimit.Policy] = new LimitPolicyOptions { FailureMode = FailureMode.Local };
        });
        builder.Services.AddLimiterCore();
        builder.Services.AddProblemDetails();
        return builder;
    }
}
