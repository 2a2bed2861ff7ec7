using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventPipeline.AppHost.Monitoring;

/// <summary>
/// Follows the resources' state and writes each replica's own address into Prometheus' targets file.
/// A project replica's port is in its effective <c>ASPNETCORE_URLS</c>, known once it has started.
/// </summary>
internal sealed partial class ScrapeTargetsWriter(
    ResourceNotificationService notifications, ScrapeTargets targets, ILogger<ScrapeTargetsWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!targets.IsScraped(update.Resource.Name) || ServingPort(update.Snapshot) is not { } port)
                {
                    continue;
                }
                if (targets.Set(update.Resource.Name, update.ResourceId, port))
                {
                    LogTarget(logger, update.ResourceId, port);
                    await targets.WriteAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static int? ServingPort(CustomResourceSnapshot snapshot)
    {
        var urls = snapshot.EnvironmentVariables.FirstOrDefault(e => e.Name == "ASPNETCORE_URLS")?.Value;
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            if (url.StartsWith("http://", StringComparison.Ordinal) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Prometheus scrapes {Replica} on port {Port}")]
    private static partial void LogTarget(ILogger logger, string replica, int port);
}
