using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

// The channels LimiterDecisionChannelTests forbids, used on purpose: the proof that its checks can fail.
namespace EventPipeline.Tests.Unit.Architecture.ChannelSample;

internal sealed record SampleDecision(bool IsAllowed);

internal static class AccessorReader
{
    // Only inside a method body, so the check must read instructions, not just signatures.
    public static bool HasContext(IServiceProvider services) =>
        ((IHttpContextAccessor?)services.GetService(typeof(IHttpContextAccessor)))?.HttpContext is not null;
}

internal static class LeaseHolder
{
    public static Task<RateLimitLease>? Pending { get; set; }
}

internal static class FeatureWriter
{
    public static void Publish(HttpContext context, SampleDecision decision) => context.Features.Set(decision);
}
