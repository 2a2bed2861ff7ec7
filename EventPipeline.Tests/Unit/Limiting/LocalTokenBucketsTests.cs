using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LocalTokenBucketsTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void EachReplicaGetsItsShareOfCapacityAndRefill()
    {
        var buckets = new LocalTokenBuckets(Options.Create(new LimiterOptions { Replicas = 4 }), _clock);
        var subject = LimitSubject.Client("local-share");
        (string, BucketLimit)[] ingest = [("ingest", BucketLimit.Of(100, 20))];

        var admitted = Enumerable.Range(0, 30).Count(_ => buckets.Check(subject, ingest, 1).Status == BucketCheckStatus.Allowed);
        _clock.AdvanceMilliseconds(200);
        var afterRefill = buckets.Check(subject, ingest, 1);

        Assert.Equal(25, admitted);
        Assert.Equal(BucketCheckStatus.Allowed, afterRefill.Status);
        Assert.Equal(BucketCheckStatus.Limited, buckets.Check(subject, ingest, 1).Status);
    }

    [Fact]
    public void TakesFromEveryBucketOrFromNone()
    {
        var buckets = new LocalTokenBuckets(Options.Create(new LimiterOptions { Replicas = 1 }), _clock);
        var subject = LimitSubject.Client("local-all-or-none");
        (string, BucketLimit)[] both = [("a", BucketLimit.Of(10, 1)), ("b", BucketLimit.Of(3, 1))];

        Assert.Equal(BucketCheckStatus.Allowed, buckets.Check(subject, both, 3).Status);
        Assert.Equal(BucketCheckStatus.Limited, buckets.Check(subject, both, 3).Status);
        Assert.Equal(BucketCheckStatus.Allowed, buckets.Check(subject, [both[0]], 7).Status);
        Assert.Equal(BucketCheckStatus.TooLarge, buckets.Check(subject, both, 4).Status);
    }

    [Fact]
    public void IdleBucketsThatRefilledAreDroppedAndBusyOnesKeepTheirTokens()
    {
        var buckets = new LocalTokenBuckets(Options.Create(new LimiterOptions { Replicas = 1 }), _clock);
        (string, BucketLimit)[] ingest = [("ingest", BucketLimit.Of(10, 1))];
        var first = LimitSubject.Client("idle-first");
        var second = LimitSubject.Client("idle-second");

        Assert.Equal(10, Enumerable.Range(0, 12).Count(_ => buckets.Check(first, ingest, 1).Status == BucketCheckStatus.Allowed));
        _clock.AdvanceMilliseconds(5_000);
        Assert.Equal(10, Enumerable.Range(0, 12).Count(_ => buckets.Check(second, ingest, 1).Status == BucketCheckStatus.Allowed));
        _clock.AdvanceMilliseconds(6_000);
        buckets.Check(LimitSubject.Client("idle-third"), ingest, 1);
        var held = buckets.Count;

        Assert.Equal(2, held);
        Assert.Equal(6, Enumerable.Range(0, 8).Count(_ => buckets.Check(second, ingest, 1).Status == BucketCheckStatus.Allowed));
        Assert.Equal(10, Enumerable.Range(0, 12).Count(_ => buckets.Check(first, ingest, 1).Status == BucketCheckStatus.Allowed));
    }
}
