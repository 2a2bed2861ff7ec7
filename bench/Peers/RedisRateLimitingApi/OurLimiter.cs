using System.Threading.RateLimiting;
using EventPipeline.Api.Limiting;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;

namespace EventPipeline.Bench.Peers;

/// <summary>
/// Our limiter wired as the API wires it (LimitingExtensions): the same decision path, policy
/// options, circuit breaker with local fallback, headers on every response and problem+json refusals.
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
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectionResponses.OnRejectedAsync;
            options.AddPolicy(BenchLimit.Policy, context =>
            {
                var services = context.RequestServices;
                var policy = services.GetRequiredService<LimitPolicyCatalog>().Get(BenchLimit.Policy);
                var limiter = services.GetRequiredService<DistributedLimiter>();
                var accessor = services.GetRequiredService<IHttpContextAccessor>();
                return RateLimitPartition.Get(LimitSubjects.Of(context, policy),
                    subject => new DistributedPartitionLimiter(limiter, accessor, BenchLimit.Policy, subject));
            });
        });
        return builder;
    }
}
