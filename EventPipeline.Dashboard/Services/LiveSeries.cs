using EventPipeline.Contracts.Live;

namespace EventPipeline.Dashboard.Services;

/// <summary>Keeps the chart's five-minute series: the stream's recent seconds replace or extend it.</summary>
public static class LiveSeries
{
    public const int SecondsShown = 300;

    public static LiveSnapshot Merge(LiveSnapshot? history, LiveSnapshot update)
    {
        if (history is null)
        {
            return update;
        }
        var byTime = history.Series.ToDictionary(p => p.T);
        foreach (var point in update.Series)
        {
            byTime[point.T] = point;
        }
        var series = byTime.Values.Where(p => p.T > update.UnixSecond - SecondsShown).OrderBy(p => p.T).ToList();
        return update with { Series = series };
    }

    public static double BlockRatePercent(long allowed, long limited) =>
        allowed + limited == 0 ? 0 : 100.0 * limited / (allowed + limited);

    private static readonly string[] s_withoutRedis = ["local", "local_limited", "failed_open", "failed_closed"];

    /// <summary>Decisions since start that no Redis answer backed: local buckets, failed open and failed closed.</summary>
    public static long DecidedWithoutRedis(IReadOnlyDictionary<string, long> decisionTotals) =>
        s_withoutRedis.Sum(decisionTotals.GetValueOrDefault);
}
