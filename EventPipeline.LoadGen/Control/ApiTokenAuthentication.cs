using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace EventPipeline.LoadGen.Control;

/// <summary>
/// Bearer tokens of the API, judged by the API itself: a token is an operator's when the API answers
/// an admin-only read with it (<c>GET /v1/config/limiter</c>). So the control API applies exactly the
/// API's validation (algorithm, key, issuer, audience, lifetime, revocation) without holding its
/// signing key, which would let this service mint tokens. Answers are cached for a few seconds per
/// token, as the API caches a client's status.
/// </summary>
internal sealed partial class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder,
    IHttpClientFactory httpClients, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string HttpClientName = "api-token-check";
    public const string OperatorPolicy = "operator";
    private static readonly TimeSpan s_remembered = TimeSpan.FromSeconds(3);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value.Parameter))
        {
            return AuthenticateResult.NoResult();
        }
        var key = "api-token:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value.Parameter)));
        if (!cache.TryGetValue(key, out bool isOperator))
        {
            var answer = await AskApiAsync(value.Parameter);
            if (answer is null)
            {
                return AuthenticateResult.Fail("The API could not be asked about the token.");
            }
            isOperator = answer.Value;
            cache.Set(key, isOperator, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = s_remembered, Size = 1 });
        }
        if (!isOperator)
        {
            return AuthenticateResult.Fail("The API refused the token for its admin API.");
        }
        var identity = new ClaimsIdentity([new Claim("scope", "admin")], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication required",
            detail: "Send an admin-scoped access token from the API's POST /auth/token as 'Authorization: Bearer <token>'.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
            detail: "Only operators (admin scope) may drive the load generator.").ExecuteAsync(Context);

    // True: an admin token; false: refused by the API; null: no answer (the API is down), so no access either.
    private async Task<bool?> AskApiAsync(string token)
    {
        try
        {
            using var http = httpClients.CreateClient(HttpClientName);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/config/limiter");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, Context.RequestAborted);
            return response.StatusCode switch
            {
                HttpStatusCode.OK => true,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => false,
                _ => null,
            };
        }
        catch (HttpRequestException ex)
        {
            LogApiUnreachable(Logger, ex.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the API about a control token: {Reason}")]
    private static partial void LogApiUnreachable(ILogger logger, string reason);
}
