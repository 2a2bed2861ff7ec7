using EventPipeline.Api.Limiting.Policies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// Every refusal as problem+json with a status chosen here: 429 when limited (keeping the original's
/// <c>error</c> and <c>retry_after</c>), 413 when the cost can never fit, 503 when Redis is down and
/// the policy fails closed.
/// </summary>
internal static class RejectionResponses
{
    private const string TooManyRequestsType = "https://www.rfc-editor.org/rfc/rfc6585#section-4";

    public static ProblemHttpResult For(LimitDecision decision) => decision.Outcome switch
    {
        LimitOutcome.TooLarge => TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
            title: "Request exceeds the rate limit capacity",
            detail: $"This request costs more than policy '{decision.Policy}' can ever hold ({decision.Limit?.Capacity} tokens); split it.",
            extensions: Extensions("request exceeds rate limit capacity", null)),
        LimitOutcome.FailedClosed => TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
            title: "Rate limiter unavailable",
            detail: $"Policy '{decision.Policy}' cannot be checked right now and fails closed.",
            extensions: Extensions("rate limiter unavailable", decision.RetryAfterSeconds)),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            type: TooManyRequestsType,
            title: "Too Many Requests",
            detail: $"Policy '{decision.Policy}' is exhausted; retry after {decision.RetryAfterSeconds} s.",
            extensions: Extensions("rate limit exceeded", decision.RetryAfterSeconds)),
    };

    private static Dictionary<string, object?> Extensions(string error, long? retryAfter)
    {
        var extensions = new Dictionary<string, object?> { ["error"] = error };
        if (retryAfter is { } seconds)
        {
            extensions["retry_after"] = seconds;
        }
        return extensions;
    }
}
