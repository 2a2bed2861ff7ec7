using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using EventPipeline.Api.Identity;
using EventPipeline.Api.Limiting.Activity;
using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Contracts.Live;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.LiveStats;

internal static class LiveApi
{
    private const int SeriesSeconds = 300;

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/v1/live")
            .WithTags("Live")
            .RequireAuthorization(Scopes.Admin)
            .AddEndpointFilter(RefuseForeignOrigins);

        live.MapGet("/snapshot", async (LiveSources sources) =>
            TypedResults.Json(await sources.SnapshotAsync(SeriesSeconds), LiveStatsJson.Options))
            .Produces<LiveSnapshot>();
        live.MapGet("/stream", (LiveSources sources, IOptions<LiveStatsOptions> options, CancellationToken ct) =>
            TypedResults.ServerSentEvents(StreamAsync(sources, options.Value.PushInterval, ct)));

        return app;
    }

    // The stream carries the last few seconds; a consumer fetches /snapshot once for the long history.
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        LiveSources sources, TimeSpan interval, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, sources.Time);
        do
        {
            var snapshot = await sources.SnapshotAsync(seriesSeconds: 5);
            yield return new SseItem<string>(System.Text.Json.JsonSerializer.Serialize(snapshot, LiveStatsJson.Options), "snapshot");
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    // Browsers send Origin on cross-site requests; one from a page we do not serve is refused.
    private static async ValueTask<object?> RefuseForeignOrigins(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var origin = http.Request.Headers.Origin.ToString();
        var allowed = http.RequestServices.GetRequiredService<IOptions<LiveStatsOptions>>().Value.AllowedOrigins;
        if (origin.Length > 0 && !allowed.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "Origin not allowed", detail: $"The origin {origin} may not read the live stream.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }
}

/// <summary>The cluster view plus the limiter's live default and active clients, as one snapshot.</summary>
public sealed class LiveSources(ClusterLiveView view, LiveLimiterConfig limiter, ActiveClientTracker activity, TimeProvider time)
{
    public TimeProvider Time { get; } = time;

    public async Task<LiveSnapshot> SnapshotAsync(int seriesSeconds)
    {
        var defaults = limiter.Current.Document.Default;
        int? clients;
        try
        {
            clients = (await activity.TopAsync(10_000)).Count;
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // Redis down: the rest of the snapshot is still worth sending.
            clients = null;
        }
        return view.Snapshot(Time.GetUtcNow().ToUnixTimeSeconds(), seriesSeconds) with
        {
            BucketSize = defaults.Capacity,
            RefillRate = defaults.Refill,
            Clients = clients,
        };
    }
}
