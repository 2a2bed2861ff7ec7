using EventPipeline.Api.Identity;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using EventPipeline.Api.LiveStats;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Apis;

internal static class LiveApi
{
    private const int SeriesSeconds = 300;

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        var live = app.MapGroup("/v1/live")
            .WithTags("Live")
            .RequireAuthorization(Scopes.Admin)
            .AddEndpointFilter(RefuseForeignOrigins);

        live.MapGet("/snapshot", (ClusterLiveView view, TimeProvider time) =>
            TypedResults.Json(view.Snapshot(time.GetUtcNow().ToUnixTimeSeconds(), SeriesSeconds), LiveStatsJson.Options));
        live.MapGet("/stream", (ClusterLiveView view, TimeProvider time, IOptions<LiveStatsOptions> options, CancellationToken ct) =>
            TypedResults.ServerSentEvents(StreamAsync(view, time, options.Value.PushInterval, ct)));

        return app;
    }

    // The stream carries the last few seconds; a consumer fetches /snapshot once for the long history.
    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        ClusterLiveView view, TimeProvider time, TimeSpan interval, [EnumeratorCancellation] CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            var snapshot = view.Snapshot(time.GetUtcNow().ToUnixTimeSeconds(), seriesSeconds: 5);
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
