using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Identity;

/// <summary>Token issuance: OAuth 2.0 client credentials, and the original's JSON login.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/auth")
            .AllowAnonymous()
            .AddEndpointFilter<TokenRequestMetricsFilter>()
            .WithTags("Auth");
        group.MapPost("/token", IssueTokenAsync);
        group.MapPost("/login", LoginAsync);
        return app;
    }

    // The form is read by hand rather than bound, so malformed bodies become RFC 6749 errors.
    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> IssueTokenAsync(
        HttpContext context, TokenLockout lockout, TokenIssuer issuer)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            return OAuthErrors.InvalidRequest("The body must be application/x-www-form-urlencoded.");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return OAuthErrors.InvalidRequest("The form body could not be read.");
        }
        var grantType = form["grant_type"];
        if (grantType.Count != 1 || string.IsNullOrEmpty(grantType[0]))
        {
            return OAuthErrors.InvalidRequest("grant_type is required once.");
        }
        if (grantType[0] != "client_credentials")
        {
            return OAuthErrors.UnsupportedGrantType();
        }
        var (credentials, error) = ClientCredentials.Read(request.Headers.Authorization, form);
        if (error is not null)
        {
            return OAuthErrors.InvalidRequest(error);
        }
        var attempt = credentials is null ? null : await lockout.AuthenticateAsync(context, credentials.ClientId, credentials.Secret);
        if (attempt?.Refusal is { } refusal)
        {
            return refusal;
        }
        if (attempt?.Client is not { } client)
        {
            return OAuthErrors.InvalidClient(context.Response);
        }
        var token = issuer.Issue(client);
        NoStore(context.Response);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresInSeconds, token.Scope));
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, TokenLockout lockout, TokenIssuer issuer)
    {
        if (string.IsNullOrEmpty(request.ClientId) || string.IsNullOrEmpty(request.ClientSecret))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid login request",
                detail: "client_id and client_secret are required.");
        }
        var attempt = await lockout.AuthenticateAsync(context, request.ClientId, request.ClientSecret);
        if (attempt.Refusal is { } refusal)
        {
            return refusal;
        }
        if (attempt.Client is not { } client)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed",
                detail: "Unknown client, wrong secret, or disabled client.");
        }
        var token = issuer.Issue(client);
        NoStore(context.Response);
        return TypedResults.Ok(new LoginResponse(token.AccessToken, token.ExpiresInSeconds));
    }

    // RFC 6749 section 5.1: responses carrying tokens must not be cached.
    private static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    internal sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);

    internal sealed record LoginRequest(
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);

    internal sealed record LoginResponse(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
