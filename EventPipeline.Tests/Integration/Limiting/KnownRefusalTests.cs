using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class KnownRefusalTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    [Fact]
    public async Task RepeatedRefusalsAreAnsweredWithoutRedisUntilTheBucketCanPay()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(clock, BucketLimit.Of(3, 0.5));
        var subject = LimitSubject.Client("known-refusal-flood");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(LimitOutcome.Allowed, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        }
        var first = await harness.Limiter.AcquireAsync("ingest", subject, 1);

        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var scriptCalls = await ScriptCallsAsync(admin);
        var flood = new List<LimitDecision>();
        for (var i = 0; i < 50; i++)
        {
            flood.Add(await harness.Limiter.AcquireAsync("ingest", subject, 1));
        }
        clock.AdvanceMilliseconds(1_999);
        var justBefore = await harness.Limiter.AcquireAsync("ingest", subject, 1);
        var callsDuringRefusal = await ScriptCallsAsync(admin) - scriptCalls;
        clock.AdvanceMilliseconds(1);
        var atRefill = await harness.Limiter.AcquireAsync("ingest", subject, 1);

        Assert.Equal(LimitOutcome.Limited, first.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(2), first.RetryAfter);
        Assert.All(flood, d => Assert.Equal(LimitOutcome.Limited, d.Outcome));
        Assert.All(flood, d => Assert.Equal(TimeSpan.FromSeconds(2), d.RetryAfter));
        Assert.Equal(LimitOutcome.Limited, justBefore.Outcome);
        Assert.Equal(TimeSpan.FromMilliseconds(1), justBefore.RetryAfter);
        Assert.Equal(0, callsDuringRefusal);
        Assert.Equal(LimitOutcome.Allowed, atRefill.Outcome);
    }

    [Fact]
    public async Task ARefusalRememberedForLessThanItsWaitStillAnswersWithTheWholeWait()
    {
        var clock = new ManualClock();
        // One token, refilled once in 1,000 s: longer than a refusal is remembered (60 s by default).
        await using var harness = await StartAsync(clock, BucketLimit.Of(1, 0.001));
        var subject = LimitSubject.Client("known-refusal-long-wait");
        // The first call of a fresh connection (script load, JIT) can miss the deadline while the suite runs.
        await harness.Buckets.CheckAsync(LimitSubject.Client("known-refusal-long-wait-warmup"), [("ingest", BucketLimit.Of(1, 0.001))], 1);
        Assert.Equal(LimitOutcome.Allowed, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        var fromRedis = await harness.Limiter.AcquireAsync("ingest", subject, 1);

        clock.AdvanceMilliseconds(10_000);
        var remembered = await harness.Limiter.AcquireAsync("ingest", subject, 1);

        Assert.Equal(LimitOutcome.Limited, fromRedis.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1_000), fromRedis.RetryAfter);
        Assert.Equal(LimitOutcome.Limited, remembered.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(990), remembered.RetryAfter);
    }

    [Fact]
    public async Task ARaisedLimitIsAskedOfRedisAtOnce()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(clock, BucketLimit.Of(1, 0.01));
        var subject = LimitSubject.Client("known-refusal-raised");
        Assert.Equal(LimitOutcome.Allowed, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        Assert.Equal(LimitOutcome.Limited, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);

        var config = harness.Get<LiveLimiterConfig>();
        config.TryApply(new LimiterConfigSnapshot(config.Current.Version + 1, config.Current.Document with { Default = BucketLimit.Of(1, 100) }));
        clock.AdvanceMilliseconds(10);

        Assert.Equal(LimitOutcome.Allowed, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
    }

    [Fact]
    public async Task ARefusalOnOneReplicaNeverRefusesWhatTheSharedBucketCouldPay()
    {
        var clock = new ManualClock();
        await using var first = await StartAsync(clock, BucketLimit.Of(2, 1));
        await using var second = await StartAsync(clock, BucketLimit.Of(2, 1));
        var subject = LimitSubject.Client("known-refusal-replicas");
        var admitted = 0;
        for (var step = 0; step < 200; step++)
        {
            var replica = step % 3 == 0 ? second : first;
            if ((await replica.Limiter.AcquireAsync("ingest", subject, 1)).IsAllowed)
            {
                admitted++;
            }
            clock.AdvanceMilliseconds(50);
        }

        // 2 at once, then 1 per second over the 9.95 s the loop spans: exactly what the bucket pays.
        Assert.Equal(2 + 9, admitted);
    }

    private Task<LimiterHarness> StartAsync(ManualClock clock, BucketLimit limit) =>
        LimiterHarness.StartAsync(redis.ConnectionString, clock, options =>
        {
            options.Default = limit;
            options.Policies["ingest"] = new LimitPolicyOptions();
        });

    private static async Task<long> ScriptCallsAsync(ConnectionMultiplexer connection)
    {
        var stats = await connection.GetServers()[0].InfoAsync("commandstats");
        return stats.SelectMany(group => group)
            .Where(pair => pair.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(pair => long.Parse(pair.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
