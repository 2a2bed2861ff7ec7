namespace EventPipeline.Api.LiveStats;

internal static class LiveStatsKeys
{
    public const string Channel = "ep:live:summaries";
    public const string History = "ep:live:history";

    /// <summary>Ten minutes of summaries from up to ten replicas.</summary>
    public const int HistoryLength = 6000;
}
