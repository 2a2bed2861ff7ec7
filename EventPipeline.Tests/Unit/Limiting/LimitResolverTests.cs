using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LimitResolverTests
{
    private static readonly LimitPolicy s_ingest = LimitPolicy.From("ingest", new LimitPolicyOptions());

    [Fact]
    public void AClientsOwnLimitBeatsItsTierWhichBeatsTheDefault()
    {
        var live = new LiveLimiterConfig(Options.Create(new LimiterOptions()));
        live.TryApply(new LimiterConfigSnapshot(1, live.Current.Document
            .WithTier("gold", BucketLimit.Of(500, 50))
            .WithClient("own", BucketLimit.Of(7, 1))));
        var resolver = new LimitResolver([], live);

        Assert.Equal(BucketLimit.Of(7, 1), resolver.Resolve(s_ingest, LimitSubject.Client("own", "gold")));
        Assert.Equal(BucketLimit.Of(500, 50), resolver.Resolve(s_ingest, LimitSubject.Client("other", "gold")));
        Assert.Equal(BucketLimit.Of(100, 10), resolver.Resolve(s_ingest, LimitSubject.Client("other", "standard")));
    }

    [Fact]
    public void APolicysFixedLimitIsUsedForEverySubject()
    {
        var live = new LiveLimiterConfig(Options.Create(new LimiterOptions()));
        var resolver = new LimitResolver([], live);
        var token = LimitPolicy.From("token-endpoint", new LimitPolicyOptions { PartitionBy = PartitionKind.Ip, Limit = BucketLimit.Of(20, 1) });

        Assert.Equal(BucketLimit.Of(20, 1), resolver.Resolve(token, LimitSubject.Ip("10.0.0.1")));
    }

    [Fact]
    public void AnOlderVersionNeverReplacesANewerOne()
    {
        var live = new LiveLimiterConfig(Options.Create(new LimiterOptions()));
        var newer = new LimiterConfigSnapshot(5, live.Current.Document with { Default = BucketLimit.Of(200, 25) });

        Assert.True(live.TryApply(newer));
        Assert.False(live.TryApply(new LimiterConfigSnapshot(4, live.Current.Document with { Default = BucketLimit.Of(1, 1) })));
        Assert.Equal(newer, live.Current);
    }
}
