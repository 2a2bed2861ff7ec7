namespace EventPipeline.Api.LiveStats;

internal static class LiveStatsExtensions
{
    public static IHostApplicationBuilder AddLiveStats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveStatsOptions>()
            .BindConfiguration(LiveStatsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LiveStatsCollector>();
        builder.Services.AddSingleton<ClusterLiveView>();
        builder.Services.AddSingleton<LiveSources>();
        builder.Services.AddHostedService<LiveStatsPublisher>();
        builder.Services.AddHostedService<LiveStatsSubscriber>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }
}
