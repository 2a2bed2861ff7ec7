using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace EventPipeline.Api.Limiting.Admin;

/// <summary>Live limiter config: read, change (default, tier, client), history and revert. Admin only.</summary>
internal static class LimiterConfigApi
{
    public static IEndpointRouteBuilder MapLimiterConfigApi(this IEndpointRouteBuilder app, string adminPolicy)
    {
        var config = app.MapGroup("/v1/config/limiter").RequireAuthorization(adminPolicy).AddEndpointFilter(StoreUnavailableFilter);
        config.MapGet("/", GetConfig);
        config.MapPost("/", (LimitChangeRequest request, [AsParameters] ConfigServices s, CancellationToken ct) =>
            ChangeAsync(request, s, (doc, limit) => doc with { Default = limit }, ct));
        config.MapPut("/tiers/{tier}", (string tier, LimitChangeRequest request, [AsParameters] ConfigServices s, CancellationToken ct) =>
            ChangeAsync(request, s, (doc, limit) => doc.WithTier(tier, limit), ct));
        config.MapPut("/clients/{clientId}", (string clientId, LimitChangeRequest request, [AsParameters] ConfigServices s, CancellationToken ct) =>
            ChangeAsync(request, s, (doc, limit) => doc.WithClient(clientId, limit), ct));
        config.MapPut("/policies/{policy}", ChangePolicyAsync);
        config.MapGet("/history", async (LimiterConfigStore store, CancellationToken ct) => TypedResults.Ok(await store.HistoryAsync(ct)));
        config.MapPost("/revert/{version:long}", RevertAsync);
        return app;
    }

    private static Ok<LimiterConfigResponse> GetConfig(LiveLimiterConfig live) => TypedResults.Ok(LimiterConfigWire.Response(live.Current));

    private static async Task<Results<Ok<LimiterConfigResponse>, ValidationProblem>> ChangeAsync(
        LimitChangeRequest request, ConfigServices s, Func<LimiterConfigDocument, BucketLimit, LimiterConfigDocument> change, CancellationToken ct)
    {
        if (request.ToLimit() is not { } limit)
        {
            return TypedResults.ValidationProblem(LimitChangeRequest.Errors);
        }
        return TypedResults.Ok(await StoreAsync(s, doc => change(doc, limit), ct));
    }

    private static async Task<Results<Ok<LimiterConfigResponse>, ProblemHttpResult>> ChangePolicyAsync(
        string policy, PolicyOverride change, LimitPolicyCatalog policies, [AsParameters] ConfigServices s, CancellationToken ct)
    {
        if (!policies.Exists(policy))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such limiter policy",
                detail: $"Policy '{policy}' is not configured under {LimiterOptions.SectionName}:Policies.");
        }
        return TypedResults.Ok(await StoreAsync(s, doc => doc.WithPolicy(policy, change), ct));
    }

    private static async Task<Results<Ok<LimiterConfigResponse>, ProblemHttpResult>> RevertAsync(long version, [AsParameters] ConfigServices s, CancellationToken ct)
    {
        if (await s.Store.FindAsync(version, ct) is not { } target)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such config version",
                detail: $"Limiter config version {version} does not exist.");
        }
        return TypedResults.Ok(await StoreAsync(s, _ => target.Document, ct));
    }

    private static async Task<LimiterConfigResponse> StoreAsync(ConfigServices s, Func<LimiterConfigDocument, LimiterConfigDocument> change, CancellationToken ct)
    {
        var changedBy = s.Http.User.FindFirst(LimitSubjects.ClientClaim)?.Value ?? "unknown";
        var snapshot = await s.Store.ChangeAsync(change, changedBy, ct);
        s.Live.TryApply(snapshot);
        await LimiterConfigSync.AnnounceAsync(s.Redis, s.Options.Value.ConfigChannel, snapshot.Version);
        return LimiterConfigWire.Response(snapshot);
    }

    private static async ValueTask<object?> StoreUnavailableFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (NpgsqlException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Config store unavailable",
                detail: "PostgreSQL did not answer; the limiter keeps enforcing the version it holds.");
        }
    }

    internal sealed record ConfigServices(
        LimiterConfigStore Store, LiveLimiterConfig Live, IConnectionMultiplexer Redis, IOptions<LimiterOptions> Options, HttpContext Http);
}
