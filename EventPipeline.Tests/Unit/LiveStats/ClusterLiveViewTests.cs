using EventPipeline.Api.LiveStats;
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
            latency.Counts,
            new LatencyHistogram().Counts);
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

        Assert.Equal(new SeriesPoint(200, 14, 8, 0, 0, 14), point);
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
        Assert.InRange(snapshot.IngestLatencyMs.P50!.Value, 1, 1.1);
        Assert.InRange(snapshot.IngestLatencyMs.P99!.Value, 500, 550);
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
}
