using System.Diagnostics.Metrics;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>Decisions that travel together in one script call, and what a late or missing answer does. Owns its Redis: it pauses it.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class BatchedDecisionTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    [Fact]
    public async Task DecisionsWaitingTogetherShareAScriptCallAndTakeExactlyTheTokensThereAre()
    {
        await using var harness = await (await StartAsync(new ManualClock(), FailureMode.Closed, BucketLimit.Of(50, 10))).WarmUpAsync();
        using var batches = BatchSizes(harness);
        var subject = LimitSubject.Client("batched-one-bucket");

        var decisions = await Task.WhenAll(Enumerable.Range(0, 400)
            .Select(_ => Task.Run(() => harness.Limiter.AcquireAsync("ingest", subject, 1))));

        Assert.Equal(50, decisions.Count(d => d.Outcome == LimitOutcome.Allowed));
        Assert.Equal(350, decisions.Count(d => d.Outcome == LimitOutcome.Limited));
        var sizes = batches.GetMeasurementSnapshot().Select(m => m.Value).ToArray();
        Assert.True(sizes.Max() > 1, $"every decision went alone: {sizes.Length} calls");
        Assert.True(sizes.Length < 400);
    }

    [Fact]
    public async Task EachClientInABatchIsChargedOnlyInItsOwnBucket()
    {
        await using var harness = await (await StartAsync(new ManualClock(), FailureMode.Closed, BucketLimit.Of(3, 1))).WarmUpAsync();
        var subjects = Enumerable.Range(0, 100).Select(i => LimitSubject.Client($"batched-many-{i}")).ToArray();

        var decisions = await Task.WhenAll(subjects.SelectMany(subject => Enumerable.Range(0, 5)
            .Select(_ => Task.Run(async () => (subject, await harness.Limiter.AcquireAsync("ingest", subject, 1))))));

        Assert.All(decisions.GroupBy(d => d.subject), client =>
            Assert.Equal(3, client.Count(d => d.Item2.Outcome == LimitOutcome.Allowed)));
    }

    [Fact]
    public async Task ARedisStallShorterThanTheDeadlineIsWaitedForNotFailedOver()
    {
        await using var harness = await StartAsync(clock: null, FailureMode.Local, BucketLimit.Of(1000, 100));
        using var failures = new MetricCollector<long>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.redis.failures");
        var subject = LimitSubject.Client("stalled-briefly");
        await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(1000, 100))], 1);

        redis.Pause();
        Task<LimitDecision[]> during;
        try
        {
            during = Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => harness.Limiter.AcquireAsync("ingest", subject, 1))));
            await Task.Delay(150);
        }
        finally
        {
            redis.Resume();
        }

        Assert.All(await during, d => Assert.Equal(LimitOutcome.Allowed, d.Outcome));
        Assert.Empty(failures.GetMeasurementSnapshot());
        Assert.Equal(CircuitState.Closed, harness.Get<CircuitBreaker>().State);
    }

    [Fact]
    public async Task ALocalAdmissionThatRedisGrantsLateIsGivenBackToTheLocalBucket()
    {
        var clock = new ManualClock();
        // Share per replica: 5 tokens, no refill while the clock stands still.
        await using var harness = await StartAsync(clock, FailureMode.Local, BucketLimit.Of(10, 5), timeoutMilliseconds: 200);
        using var refunds = new MetricCollector<long>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.local.refunds");
        var subject = LimitSubject.Client("late-grant");
        await harness.Buckets.CheckAsync(LimitSubject.Client("late-grant-warmup"), [("ingest", BucketLimit.Of(10, 5))], 1);

        redis.Pause();
        try
        {
            Assert.Equal(LimitOutcome.Local, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        }
        finally
        {
            redis.Resume();
        }
        await WaitUntilAsync(() => refunds.GetMeasurementSnapshot().Count == 1);

        redis.Pause();
        try
        {
            var outcomes = new List<LimitOutcome>();
            for (var i = 0; i < 6; i++)
            {
                outcomes.Add((await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
            }

            Assert.Equal([.. Enumerable.Repeat(LimitOutcome.Local, 5), LimitOutcome.LocalLimited], outcomes);
        }
        finally
        {
            redis.Resume();
        }
    }

    [Fact]
    public async Task ADecisionWithdrawnBeforeItWasSentIsNeverAppliedByRedis()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(clock, FailureMode.Closed, BucketLimit.Of(10, 5), timeoutMilliseconds: 200);
        var subject = LimitSubject.Client("withdrawn");
        await harness.Buckets.CheckAsync(LimitSubject.Client("withdrawn-warmup"), [("ingest", BucketLimit.Of(10, 5))], 1);
        using var batches = BatchSizes(harness);

        redis.Pause();
        try
        {
            // The first call's batch fills the only window and hangs; the second never leaves the replica.
            // Waiting for the first batch to leave (not for a fixed time): a sender slower than that once
            // took both calls into one batch on a busy CI machine.
            var first = harness.Limiter.AcquireAsync("ingest", subject, 1);
            await WaitUntilAsync(() => batches.GetMeasurementSnapshot().Count == 1);
            var second = harness.Limiter.AcquireAsync("ingest", subject, 1);
            Assert.Equal(LimitOutcome.FailedClosed, (await first).Outcome);
            Assert.Equal(LimitOutcome.FailedClosed, (await second).Outcome);
        }
        finally
        {
            redis.Resume();
        }

        var after = await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(10, 5))], 1);
        Assert.Equal(8, after.Remaining);
    }

    private Task<LimiterHarness> StartAsync(ManualClock? clock, FailureMode mode, BucketLimit limit, int timeoutMilliseconds = 1000) =>
        LimiterHarness.StartAsync(redis.ConnectionString, clock, options =>
        {
            options.Default = limit;
            options.Replicas = 2;
            options.RedisTimeoutMilliseconds = timeoutMilliseconds;
            options.MaxBatchesInFlight = 1;
            // These tests watch single decisions; the breaker's judgement has tests of its own.
            options.BreakerMinimumThroughput = 100_000;
            options.KnownRefusalMaxSeconds = 0;
            options.Policies["ingest"] = new LimitPolicyOptions { FailureMode = mode };
        });

    private static MetricCollector<int> BatchSizes(LimiterHarness harness) =>
        new(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.redis.batch_size");

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 20 s");
            await Task.Delay(20);
        }
    }
}
