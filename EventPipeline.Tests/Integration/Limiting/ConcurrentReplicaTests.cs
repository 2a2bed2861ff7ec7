using System.Diagnostics;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ConcurrentReplicaTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    private const int Replicas = 4;
    private const int CallersPerReplica = 50;

    [Fact]
    public async Task ConcurrentCallersOnSeveralReplicasTakeExactlyTheTokensThereAre()
    {
        var clock = new ManualClock();
        var replicas = await StartReplicasAsync(clock, BucketLimit.Of(30, 10));
        try
        {
            var subject = LimitSubject.Client("concurrent-frozen-clock");

            var burst = await CallAllAsync(replicas, subject);
            clock.AdvanceMilliseconds(1000);
            var afterOneSecond = await CallAllAsync(replicas, subject);

            Assert.Equal(30, burst);
            Assert.Equal(10, afterOneSecond);
        }
        finally
        {
            await Task.WhenAll(replicas.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task ConcurrentCallersOnTheRedisClockNeverExceedTheBound()
    {
        var replicas = await StartReplicasAsync(clock: null, BucketLimit.Of(20, 10));
        try
        {
            var subject = LimitSubject.Client("concurrent-redis-clock");
            var started = Stopwatch.GetTimestamp();
            var admitted = 0;
            for (var round = 0; round < 5; round++)
            {
                admitted += await CallAllAsync(replicas, subject);
            }
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;

            Assert.InRange(admitted, 20, 20 + (10 * elapsed) + 1);
        }
        finally
        {
            await Task.WhenAll(replicas.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    private async Task<LimiterHarness[]> StartReplicasAsync(ManualClock? clock, BucketLimit limit) =>
        await Task.WhenAll(Enumerable.Range(0, Replicas).Select(async _ => await (await LimiterHarness.StartAsync(redis.ConnectionString, clock, options =>
        {
            options.Default = limit;
            options.Policies["ingest"] = new LimitPolicyOptions { FailureMode = FailureMode.Closed };
        })).WarmUpAsync()));

    private static async Task<int> CallAllAsync(LimiterHarness[] replicas, LimitSubject subject)
    {
        var calls = replicas.SelectMany(r => Enumerable.Range(0, CallersPerReplica)
            .Select(_ => Task.Run(() => r.Limiter.AcquireAsync("ingest", subject, 1))));
        var decisions = await Task.WhenAll(calls);
        Assert.DoesNotContain(decisions, d => d.Outcome == LimitOutcome.FailedClosed);
        return decisions.Count(d => d.Outcome == LimitOutcome.Allowed);
    }
}
