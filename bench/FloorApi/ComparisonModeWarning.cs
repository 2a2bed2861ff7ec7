using EventPipeline.Api.Events.Store;
using EventPipeline.Api.Limiting.Policies;
using Microsoft.Extensions.Options;

namespace EventPipeline.Bench.Floor;

/// <summary>Says loudly at start-up that this replica runs the slow comparison design.</summary>
internal sealed partial class ComparisonModeWarning(IConfiguration configuration, IOptions<IngestionOptions> ingestion, ILogger<ComparisonModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogComparisonMode(logger,
            configuration[$"{IngestionOptions.SectionName}:{nameof(WriteModeOptions.WriteMode)}"] ?? nameof(WriteMode.GroupCommit),
            ingestion.Value.MaxWriteBatch,
            configuration[$"{LimiterOptions.SectionName}:{nameof(ScriptCachingOptions.ScriptCaching)}"] ?? "true");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Comparison mode for benchmarks only: Ingestion:WriteMode={WriteMode} (events per commit {MaxWriteBatch}), Limiting:ScriptCaching={ScriptCaching}")]
    private static partial void LogComparisonMode(ILogger logger, string writeMode, int maxWriteBatch, string scriptCaching);
}
