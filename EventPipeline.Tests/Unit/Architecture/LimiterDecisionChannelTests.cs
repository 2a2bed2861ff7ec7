using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Unit.Architecture.ChannelSample;

namespace EventPipeline.Tests.Unit.Architecture;

/// <summary>
/// Issue 17: a limiter decision reaches the response by one channel, the <see cref="LimitDecision"/>
/// the limiting middleware (or <c>LimitAsync</c>) holds, written as headers and refusals from there:
/// no lease, no request feature, no <c>IHttpContextAccessor</c>. Read from the compiled assembly.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LimiterDecisionChannelTests
{
    private const string Accessor = "Microsoft.AspNetCore.Http.IHttpContextAccessor";
    private const string FeatureCollection = "Microsoft.AspNetCore.Http.Features.IFeatureCollection";
    private static readonly string[] s_leaseTypes =
    [
        "System.Threading.RateLimiting.RateLimitLease",
        "System.Threading.RateLimiting.RateLimiter",
        "System.Threading.RateLimiting.PartitionedRateLimiter`1",
    ];

    [Fact]
    public void NoTypeInLimitingReadsTheRequestThroughIHttpContextAccessor()
    {
        var uses = ApiUses("EventPipeline.Api.Limiting");

        Assert.DoesNotContain(uses.Types, use => use.Used == Accessor);
    }

    [Fact]
    public void NoTypeInLimitingHandsTheDecisionOverAsARateLimitLease()
    {
        var uses = ApiUses("EventPipeline.Api.Limiting");

        Assert.DoesNotContain(uses.Types, use => s_leaseTypes.Contains(use.Used));
    }

    [Fact]
    public void NoCodeOfTheApiPutsALimitDecisionInTheRequestFeatures()
    {
        var uses = ApiUses("EventPipeline.Api");

        Assert.DoesNotContain(uses.GenericCalls, call =>
            call.Method.StartsWith(FeatureCollection + "::", StringComparison.Ordinal)
            && call.TypeArguments.Contains(typeof(LimitDecision).FullName));
    }

    [Fact]
    public void TheChecksFindEachForbiddenChannelInsideAMethodBodyOrASignature()
    {
        var sample = TypeUses.Read(typeof(AccessorReader).Assembly.Location, typeof(AccessorReader).Namespace!);

        Assert.Contains(sample.Types, use => use.User == typeof(AccessorReader).FullName && use.Used == Accessor);
        Assert.Contains(sample.Types, use => use.User == typeof(LeaseHolder).FullName && s_leaseTypes.Contains(use.Used));
        Assert.Contains(sample.GenericCalls, call => call.User == typeof(FeatureWriter).FullName
            && call.Method == FeatureCollection + "::Set" && call.TypeArguments.Contains(typeof(SampleDecision).FullName));
    }

    private static TypeUses ApiUses(string namespacePrefix) =>
        TypeUses.Read(Path.Combine(AppContext.BaseDirectory, "EventPipeline.Api.dll"), namespacePrefix);
}
