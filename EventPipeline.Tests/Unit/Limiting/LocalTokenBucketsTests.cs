using EventPipeline.Api.Limiting;
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
}
