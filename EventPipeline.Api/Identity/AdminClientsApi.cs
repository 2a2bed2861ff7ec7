using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Identity;

/// <summary>The client registry for operators: create, inspect, change, rotate secrets, delete.</summary>
internal static class AdminClientsApi
{
    public static IEndpointRouteBuilder MapAdminClientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/admin/clients")
            .RequireAuthorization(Scopes.Admin)
            .WithTags("Admin");
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{clientId}", GetAsync);
        group.MapPatch("/{clientId}", UpdateAsync);
        group.MapPost("/{clientId}/secret", RotateSecretAsync);
        group.MapDelete("/{clientId}", DeleteAsync);
        return app;
    }

    private static async Task<Results<Created<ClientResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateClientRequest request, ClientStore store, ClientSecretHasher hasher, CancellationToken ct)
    {
        var errors = ClientValidation.ValidateCreate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var secret = ClientSecretHasher.NewSecret();
        var limit = request.Limit is { } l ? new LimitOverride(l.Capacity, l.RefillPerSecond) : null;
        var client = new NewClient(request.ClientId!, hasher.Hash(secret), request.Scopes!.Distinct().ToList(),
            request.Tier ?? "standard", limit, request.Enabled ?? true);
        if (!await store.TryInsertAsync(client, ct))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Client exists",
                detail: $"A client '{client.ClientId}' already exists.");
        }
        var created = (await store.FindAsync(client.ClientId, ct))!;
        return TypedResults.Created($"/v1/admin/clients/{created.ClientId}", ClientResponse.From(created, secret));
    }

    private static async Task<Ok<List<ClientResponse>>> ListAsync(ClientStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(c => ClientResponse.From(c)).ToList());

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> GetAsync(string clientId, ClientStore store, CancellationToken ct) =>
        await store.FindAsync(clientId, ct) is { } client ? TypedResults.Ok(ClientResponse.From(client)) : NotFound(clientId);

    private static async Task<Results<Ok<ClientResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string clientId, UpdateClientRequest request, ClaimsPrincipal caller, ClientStore store, ClientStatusCache status, CancellationToken ct)
    {
        var errors = ClientValidation.ValidateUpdate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (request.Enabled == false && clientId == caller.GetClientId())
        {
            return LockOut();
        }
        var limit = request.Limit is { } l ? new LimitOverride(l.Capacity, l.RefillPerSecond) : null;
        var changes = new ClientChanges(request.Scopes?.Distinct().ToList(), request.Tier, limit, request.RemoveLimit ?? false, request.Enabled);
        var updated = await store.UpdateAsync(clientId, changes, ct);
        status.Forget(clientId);
        return updated is null ? NotFound(clientId) : TypedResults.Ok(ClientResponse.From(updated));
    }

    private static async Task<Results<Ok<ClientResponse>, ProblemHttpResult>> RotateSecretAsync(
        string clientId, ClientStore store, ClientSecretHasher hasher, ClientStatusCache status, CancellationToken ct)
    {
        var secret = ClientSecretHasher.NewSecret();
        if (!await store.SetSecretHashAsync(clientId, hasher.Hash(secret), ct))
        {
            return NotFound(clientId);
        }
        // The rotation bumped the token generation: tokens obtained with the old secret stop too.
        status.Forget(clientId);
        return TypedResults.Ok(ClientResponse.From((await store.FindAsync(clientId, ct))!, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string clientId, ClaimsPrincipal caller, ClientStore store, ClientStatusCache status, CancellationToken ct)
    {
        if (clientId == caller.GetClientId())
        {
            return LockOut();
        }
        var deleted = await store.DeleteAsync(clientId, ct);
        status.Forget(clientId);
        return deleted ? TypedResults.NoContent() : NotFound(clientId);
    }

    private static ProblemHttpResult NotFound(string clientId) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such client", detail: $"There is no client '{clientId}'.");

    private static ProblemHttpResult LockOut() =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refusing to lock you out",
            detail: "A client cannot disable or delete itself; use another admin client.");
}
