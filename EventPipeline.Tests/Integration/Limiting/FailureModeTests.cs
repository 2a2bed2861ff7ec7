using System.Diagnostics.Metrics;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Local;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Limiting.Telemetry;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EventPipeline.Tests.Integration.Limiting;

/// <summary>Redis killed, paused and restarted under each failure mode. Owns its Redis: it breaks it.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class FailureModeTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    [Theory]
    [InlineData(FailureMode.Open, LimitOutcome.FailedOpen, true)]
    [InlineData(FailureMode.Closed, LimitOutcome.FailedClosed, false)]
    [InlineData(FailureMode.Local, LimitOutcome.Local, true)]
    public async Task AKilledRedisGetsThePolicysFailureMode(FailureMode mode, LimitOutcome expected, bool allowed)
    {
        await using var harness = await StartAsync(mode);
        await AssertRedisAnswersAsync(harness, $"kill-{mode}");

        redis.Kill();
        try
        {
            var decision = await harness.Limiter.AcquireAsync("ingest", LimitSubject.Client($"kill-{mode}"), 1);

            Assert.Equal(expected, decision.Outcome);
            Assert.Equal(allowed, decision.IsAllowed);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task LocalModeAdmitsOnlyThisReplicasShareOfTheLimit()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(FailureMode.Local, clock);
        redis.Kill();
        try
        {
            var subject = LimitSubject.Client("local-share");
            var decisions = new List<LimitDecision>();
            for (var i = 0; i < 6; i++)
            {
                decisions.Add(await harness.Limiter.AcquireAsync("ingest", subject, 1));
            }

            Assert.All(decisions.Take(5), d => Assert.Equal(LimitOutcome.Local, d.Outcome));
            Assert.Equal(LimitOutcome.LocalLimited, decisions[5].Outcome);
            Assert.Equal(TimeSpan.FromMilliseconds(400), decisions[5].RetryAfter);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task APausedRedisTimesOutOpensTheCircuitAndThenCostsNoRedisCalls()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(FailureMode.Open, clock);
        var subject = LimitSubject.Client("paused");
        await AssertRedisAnswersAsync(harness, "paused");
        using var durations = new MetricCollector<double>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.redis.duration");
        using var decisions = new MetricCollector<long>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.decisions");
        using var circuit = new MetricCollector<int>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.circuit.state");

        redis.Pause();
        try
        {
            // Failures that go on (400 ms on the breaker's clock), not one instant's worth, open the circuit.
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(CircuitState.Closed, harness.Get<CircuitBreaker>().State);
                Assert.Equal(LimitOutcome.FailedOpen, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
                clock.AdvanceMilliseconds(200);
            }
            var callsWhenOpened = durations.GetMeasurementSnapshot().Count;
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(LimitOutcome.FailedOpen, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
            }

            Assert.Equal(CircuitState.Open, harness.Get<CircuitBreaker>().State);
            circuit.RecordObservableInstruments();
            Assert.Equal((int)CircuitState.Open, circuit.LastMeasurement?.Value);
            Assert.Equal(3, callsWhenOpened);
            Assert.Equal(callsWhenOpened, durations.GetMeasurementSnapshot().Count);
            Assert.Equal(13, decisions.GetMeasurementSnapshot().Count(m => (string?)m.Tags["result"] == "failed_open" && (string?)m.Tags["policy"] == "ingest"));
        }
        finally
        {
            redis.Resume();
        }

        // The probe has the limiter's 200 ms: first let the resumed Redis work off what queued while it was paused.
        await harness.Redis.GetDatabase().PingAsync();
        clock.AdvanceMilliseconds(1000);
        Assert.Equal(LimitOutcome.Allowed, (await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        Assert.Equal(CircuitState.Closed, harness.Get<CircuitBreaker>().State);
        circuit.RecordObservableInstruments();
        Assert.Equal((int)CircuitState.Closed, circuit.LastMeasurement?.Value);
    }

    [Fact]
    public async Task ARestartedRedisWithAnEmptyScriptCacheIsUsedAgainOnceTheCircuitCloses()
    {
        var clock = new ManualClock();
        await using var harness = await StartAsync(FailureMode.Closed, clock);
        var subject = LimitSubject.Client("restarted");
        await AssertRedisAnswersAsync(harness, "restarted");

        redis.Kill();
        await redis.StartAsync();
        clock.AdvanceMilliseconds(1000);
        var decision = await WaitForRedisAsync(harness, subject);

        Assert.Equal(LimitOutcome.Allowed, decision.Outcome);
        Assert.Equal(9, decision.Remaining);
    }

    [Fact]
    public async Task ShadowModeNeverBlocksButCountsWhatItWouldHaveBlocked()
    {
        await using var harness = await StartAsync(FailureMode.Closed, new ManualClock(), shadow: true);
        using var decisions = new MetricCollector<long>(harness.Get<IMeterFactory>(), LimiterMetrics.MeterName, "eventpipeline.limiter.decisions");
        var subject = LimitSubject.Client("shadow");

        var outcomes = new List<LimitOutcome>();
        for (var i = 0; i < 13; i++)
        {
            outcomes.Add((await harness.Limiter.AcquireAsync("ingest", subject, 1)).Outcome);
        }

        Assert.Equal(10, outcomes.Count(o => o == LimitOutcome.Allowed));
        Assert.Equal(3, outcomes.Count(o => o == LimitOutcome.ShadowLimited));
        Assert.Equal(3, decisions.GetMeasurementSnapshot().Count(m => (string?)m.Tags["result"] == "shadow_limited"));
    }

    private Task<LimiterHarness> StartAsync(FailureMode mode, ManualClock? clock = null, bool shadow = false) =>
        LimiterHarness.StartAsync(redis.ConnectionString, clock, options =>
        {
            options.RedisTimeoutMilliseconds = 200;
            options.BreakerMinimumThroughput = 3;
            options.BreakerSustainedMilliseconds = 400;
            options.BreakerOpenMilliseconds = 500;
            options.Replicas = 2;
            options.Default = BucketLimit.Of(10, 5);
            options.Policies["ingest"] = new LimitPolicyOptions { FailureMode = mode, Mode = shadow ? PolicyMode.Shadow : PolicyMode.Enforce };
        });

    /// <summary>Connects and loads the script before Redis is broken, so the test breaks a working limiter.</summary>
    private static async Task AssertRedisAnswersAsync(LimiterHarness harness, string clientId)
    {
        var subject = LimitSubject.Client(clientId + "-warmup");
        // The first call connects and loads the script; on a loaded machine that can outlast the
        // limiter's timeout often enough to open the breaker, which a manual clock never closes.
        // So the script is loaded without the limiter's timeout first.
        await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(10, 5))], 1);
        var decision = await harness.Limiter.AcquireAsync("ingest", subject, 1);
        for (var attempt = 0; attempt < 10 && decision.Outcome != LimitOutcome.Allowed; attempt++)
        {
            decision = await harness.Limiter.AcquireAsync("ingest", subject, 1);
        }
        Assert.Equal(LimitOutcome.Allowed, decision.Outcome);
    }

    /// <summary>The multiplexer reconnects in the background; the breaker lets one probe through per break.</summary>
    // Waits for the limiter's own check (a connection that can take this subject's key), not the
    // multiplexer's IsConnected: that turns true before the reconnected server can be selected for a
    // command, and a decision in between fails over as "disconnected" (seen once in CI).
    private static async Task<LimitDecision> WaitForRedisAsync(LimiterHarness harness, LimitSubject subject)
    {
        var bucket = harness.Get<LimitPolicyCatalog>().Get("ingest").Buckets[0];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!harness.Buckets.IsConnected(subject, bucket) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return await harness.Limiter.AcquireAsync("ingest", subject, 1);
    }
}
