
namespace EventPipeline.Api.Http;

internal static class PingApi
{
    public static IEndpointRouteBuilder MapPingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/ping", () => TypedResults.Ok(new PingResponse("pong")))
            .AllowAnonymous();
        return app;
    }

    internal sealed record PingResponse(string Message);
}
