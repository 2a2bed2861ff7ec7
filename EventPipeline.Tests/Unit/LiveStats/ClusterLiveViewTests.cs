using EventPipeline.Api.LiveStats;
using EventPipeline.Contracts.Live;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class ClusterLiveViewTests
{
    private static ReplicaSummary Summary(string replica, long second, long allowed, long limited, long allowedTotal, long limitedTotal, double latencyMs = 1)
    {
        var latency = new LatencyHistogram();
        latency.Record(latencyMs);
        return new ReplicaSummary(replica, second,
            new() { ["allowed"] = allowed, ["limited"] = limited },
            new() { ["accepted"] = allowed },
            new() { ["allowed"] = allowedTotal, ["limited"] = limitedTotal },
            new() { ["accepted"] = allowedTotal },
            latency.Encode(),
            new LatencyHistogram().Encode());
    }

    [Fact]
    public void TotalsAreTheSumOfEachReplicasLatestTotals()
    {
        var view = new ClusterLiveView();
        view.Add(Summary("a", 100, 10, 1, allowedTotal: 10, limitedTotal: 1));
        view.Add(Summary("a", 101, 5, 0, allowedTotal: 15, limitedTotal: 1));
        view.Add(Summary("b", 101, 7, 3, allowedTotal: 70, limitedTotal: 30));

        var snapshot = view.Snapshot(102, 300);

        Assert.Equal(85, snapshot.AllowedTotal);
        Assert.Equal(31, snapshot.BlockedTotal);
        Assert.Equal(["a", "b"], snapshot.Replicas.Select(r => r.Replica));
    }

    [Fact]
    public void EachSecondAddsUpEveryReplicaOnce()
    {
        var view = new ClusterLiveView();
        var fromA = Summary("a", 200, 10, 2, 10, 2);
        view.Add(fromA);
        view.Add(fromA);
        view.Add(Summary("b", 200, 4, 6, 4, 6));

        var point = Assert.Single(view.Snapshot(201, 300).Series);

        Assert.Equal(new SeriesPoint(200, 14, 8, 0, 0, 14, 0, 0), point);
    }

    [Fact]
    public void LatencyPercentilesCoverEveryReplica()
    {
        var view = new ClusterLiveView();
        for (var i = 0; i < 9; i++)
        {
            view.Add(Summary($"fast-{i}", 300, 1, 0, 1, 0, latencyMs: 1));
        }
        view.Add(Summary("slow", 300, 1, 0, 1, 0, latencyMs: 500));

        var snapshot = view.Snapshot(301, 300);

        Assert.Equal(10, snapshot.IngestLatencyMs.Count);
        Assert.InRange(snapshot.IngestLatencyMs.P50!.Value, 1, 1.01);
        Assert.InRange(snapshot.IngestLatencyMs.P99!.Value, 500, 505);
    }

    [Fact]
    public void LatencyCoversTheLastTenSecondsOnly()
    {
        var view = new ClusterLiveView();
        view.Add(Summary("a", 489, 1, 0, 1, 0, latencyMs: 900));
        view.Add(Summary("a", 495, 1, 0, 2, 0, latencyMs: 3));

        var latency = view.Snapshot(500, 300).IngestLatencyMs;

        Assert.Equal(1, latency.Count);
        Assert.InRange(latency.P99!.Value, 3, 3.03);
    }

    [Fact]
    public void SecondsFarBehindTheNewestGiveBackTheirLatencyButKeepTheirCounts()
    {
        var view = new ClusterLiveView();
        view.Add(Summary("a", 100, 4, 0, 4, 0, latencyMs: 7));
        view.Add(Summary("a", 101 + ClusterLiveView.LatencySecondsKept, 1, 0, 5, 0));

        var fromSecond100On = view.Snapshot(100, 300);

        Assert.Equal(1, fromSecond100On.IngestLatencyMs.Count);
        Assert.InRange(fromSecond100On.IngestLatencyMs.P99!.Value, 1, 1.01);
        Assert.Equal(4, fromSecond100On.Series[0].Allowed);
    }

    [Fact]
    public void AMalformedLatencyEncodingIsRefusedBeforeAnyOfTheSummaryCounts()
    {
        var view = new ClusterLiveView();
        var malformed = Summary("a", 200, 10, 0, 10, 0) with { RedisLatency = "bm90IGEgaGlzdG9ncmFt" };

        Assert.Throws<FormatException>(() => view.Add(malformed));
        view.Add(Summary("a", 200, 3, 0, 3, 0));

        Assert.Equal(3, Assert.Single(view.Snapshot(201, 300).Series).Allowed);
    }

    [Fact]
    public void OnlyTheLastTenMinutesAreKept()
    {
        var view = new ClusterLiveView();
        for (var second = 0; second < ClusterLiveView.SecondsKept + 50; second++)
        {
            view.Add(Summary("a", second, 1, 0, second, 0));
        }

        var series = view.Snapshot(ClusterLiveView.SecondsKept + 50, 10_000).Series;

        Assert.Equal(ClusterLiveView.SecondsKept, series.Count);
        Assert.Equal(50, series[0].T);
    }

    private static ReplicaSummary Decided(string replica, long second, Dictionary<string, long> decisions, string? circuit = CircuitStateName.Closed) =>
        new(replica, second, decisions, [], decisions, [], new LatencyHistogram().Encode(), new LatencyHistogram().Encode(), circuit);

    [Fact]
    public void LimiterHealthGivesTheSharesOfTheLastTenSecondsThatWentWithoutRedis()
    {
        var view = new ClusterLiveView();
        // Second 80 is outside the window (now 100 covers 90..99): its failures must not count.
        view.Add(Decided("a", 80, new() { ["failed_closed"] = 500 }));
        view.Add(Decided("a", 95, new() { ["allowed"] = 50, ["limited"] = 10 }));
        view.Add(Decided("b", 95, new() { ["local"] = 20, ["local_limited"] = 5, ["failed_open"] = 10, ["failed_closed"] = 5 }, CircuitStateName.Open));
        view.Add(Decided("a", 99, new() { ["allowed"] = 0 }));

        var health = view.Snapshot(100, 300).LimiterHealth;

        Assert.Equal(new LimiterHealth(10, 100, 25, 10, 5, 1), health);
        Assert.Equal(0.25, health.LocalShare);
        Assert.Equal(0.10, health.FailedOpenShare);
        Assert.Equal(0.05, health.FailedClosedShare);
        Assert.True(health.Degraded);
    }

    [Fact]
    public void LimiterHealthIsHealthyWhenRedisAnsweredEveryDecisionAndEveryCircuitIsClosed()
    {
        var view = new ClusterLiveView();
        view.Add(Decided("a", 95, new() { ["allowed"] = 50, ["limited"] = 10, ["shadow_limited"] = 3 }));
        // A replica gone for a minute keeps its last state in the list, but not in the cluster's health.
        view.Add(Decided("gone", 40, new() { ["allowed"] = 1 }, CircuitStateName.Open));

        var health = view.Snapshot(100, 300).LimiterHealth;

        Assert.Equal(new LimiterHealth(10, 63, 0, 0, 0, 0), health);
        Assert.Equal(0, health.LocalShare);
        Assert.False(health.Degraded);
    }

    [Fact]
    public void EachReplicaShowsTheCircuitOfItsLatestSummary()
    {
        var view = new ClusterLiveView();
        view.Add(Decided("a", 98, [], CircuitStateName.Open));
        view.Add(Decided("a", 99, [], CircuitStateName.HalfOpen));
        view.Add(Decided("b", 99, [], CircuitStateName.Closed));
        view.Add(Decided("old", 99, [], circuit: null));

        var replicas = view.Snapshot(100, 300).Replicas;

        Assert.Equal([new ReplicaSeen("a", 99, "half_open"), new ReplicaSeen("b", 99, "closed"), new ReplicaSeen("old", 99, null)], replicas);
        Assert.Equal(1, view.Snapshot(100, 300).LimiterHealth.CircuitsNotClosed);
    }

    [Fact]
    public void TheSeriesCountsLocalAndFailedOpenDecisionsBesideAllowedAndLimited()
    {
        var view = new ClusterLiveView();
        view.Add(Decided("a", 200, new() { ["allowed"] = 4, ["limited"] = 1, ["local"] = 6, ["local_limited"] = 2, ["failed_open"] = 3, ["failed_closed"] = 7 }));

        var point = Assert.Single(view.Snapshot(201, 300).Series);

        Assert.Equal(new SeriesPoint(200, Allowed: 13, Limited: 3, ShadowLimited: 0, Failed: 7, Accepted: 0, Local: 8, FailedOpen: 3), point);
    }
}
