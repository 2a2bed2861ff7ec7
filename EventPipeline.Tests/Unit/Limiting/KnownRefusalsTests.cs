using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class KnownRefusalsTests
{
    private static readonly (string, BucketLimit)[] s_ingest = [("ingest", BucketLimit.Of(10, 1))];
    private static readonly LimitSubject s_subject = LimitSubject.Client("refused");
    private static readonly BucketCheck s_refusal = new(BucketCheckStatus.Limited, 0, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(10), 0);

    private readonly ManualClock _clock = new();

    [Fact]
    public void ARefusalHoldsUntilItsRetryAfterCountedFromWhenRedisWasAsked()
    {
        using var refusals = Create();
        var askedAt = refusals.Timestamp();
        _clock.AdvanceMilliseconds(5); // the round trip
        refusals.Remember("ingest", s_subject, s_ingest, 1, s_refusal, askedAt);

        _clock.AdvanceMilliseconds(295);
        var found = refusals.Find("ingest", s_subject, s_ingest, 1);
        _clock.AdvanceMilliseconds(500);
        var atDeadline = refusals.Find("ingest", s_subject, s_ingest, 1);

        Assert.NotNull(found);
        Assert.Equal(BucketCheckStatus.Limited, found.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(500), found.RetryAfter);
        Assert.Equal(TimeSpan.FromMilliseconds(9_700), found.Reset);
        Assert.Null(atDeadline);
    }

    [Fact]
    public void AnotherCostSubjectPolicyOrLimitMissesAndGoesToRedis()
    {
        using var refusals = Create();
        refusals.Remember("ingest", s_subject, s_ingest, 1, s_refusal, refusals.Timestamp());

        Assert.Null(refusals.Find("ingest", s_subject, s_ingest, 2));
        Assert.Null(refusals.Find("ingest", LimitSubject.Client("someone-else"), s_ingest, 1));
        Assert.Null(refusals.Find("batch", s_subject, s_ingest, 1));
        Assert.Null(refusals.Find("ingest", s_subject, [("ingest", BucketLimit.Of(20, 1))], 1));
        Assert.Null(refusals.Find("ingest", s_subject, [("ingest", BucketLimit.Of(10, 2))], 1));
        Assert.NotNull(refusals.Find("ingest", s_subject, [("ingest", BucketLimit.Of(10, 1))], 1));
    }

    [Fact]
    public void AdmissionsAndNeverFittingCostsAreNotRemembered()
    {
        using var refusals = Create();
        refusals.Remember("ingest", s_subject, s_ingest, 1, s_refusal with { Status = BucketCheckStatus.Allowed }, refusals.Timestamp());
        refusals.Remember("ingest", LimitSubject.Client("too-large"), s_ingest, 50, s_refusal with { Status = BucketCheckStatus.TooLarge }, refusals.Timestamp());

        Assert.Null(refusals.Find("ingest", s_subject, s_ingest, 1));
        Assert.Null(refusals.Find("ingest", LimitSubject.Client("too-large"), s_ingest, 50));
    }

    [Fact]
    public void ALongRetryIsHeldAtMostTheConfiguredTime()
    {
        using var refusals = Create(maxSeconds: 2);
        refusals.Remember("ingest", s_subject, s_ingest, 1, s_refusal with { RetryAfter = TimeSpan.FromHours(1) }, refusals.Timestamp());

        _clock.AdvanceMilliseconds(1_500);
        var held = refusals.Find("ingest", s_subject, s_ingest, 1);
        _clock.AdvanceMilliseconds(500);

        // Held 2 s, but answered with what is left of Redis's own wait, as the RateLimit header says.
        Assert.Equal(TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1_500), held?.RetryAfter);
        Assert.Null(refusals.Find("ingest", s_subject, s_ingest, 1));
    }

    [Fact]
    public void ZeroSecondsTurnsTheCacheOff()
    {
        using var refusals = Create(maxSeconds: 0);
        refusals.Remember("ingest", s_subject, s_ingest, 1, s_refusal, refusals.Timestamp());

        Assert.Null(refusals.Find("ingest", s_subject, s_ingest, 1));
    }

    private KnownRefusals Create(int maxSeconds = 60) =>
        new(Options.Create(new LimiterOptions { KnownRefusalMaxSeconds = maxSeconds }), _clock);
}
