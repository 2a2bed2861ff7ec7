using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Identity;

/// <summary>Counts each token request by its outcome: <c>issued</c> or the OAuth error code.</summary>
internal sealed class TokenRequestMetricsFilter(IdentityMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        metrics.TokenRequest(Outcome(result is INestedHttpResult nested ? nested.Result : result));
        return result;
    }

    private static string Outcome(object? result) => result switch
    {
        ProblemHttpResult { StatusCode: StatusCodes.Status429TooManyRequests } => "rate_limited",
        ProblemHttpResult { ProblemDetails.Extensions: var extensions } when extensions.TryGetValue("error", out var error) => $"{error}",
        ProblemHttpResult { StatusCode: StatusCodes.Status401Unauthorized } => "invalid_client",
        ProblemHttpResult => "invalid_request",
        IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK } => "issued",
        _ => "other",
    };
}
