using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// For handlers that only know the cost after reading the body (a batch of n events costs n), where
/// the middleware's fixed cost of one does not fit: same decision, headers and refusals.
/// </summary>
public static class HttpContextLimitingExtensions
{
    /// <summary>Returns null when admitted, else the refusal to send.</summary>
    public static async Task<IResult?> LimitAsync(this HttpContext context, string policyName, long cost)
    {
        var decision = await context.DecideLimitAsync(policyName, cost);
        return decision.IsAllowed ? null : RejectionResponses.For(decision);
    }

    /// <summary>The decision itself, its headers already on the response, for a handler that adapts to it.</summary>
    internal static Task<LimitDecision> DecideLimitAsync(this HttpContext context, string policyName, long cost) =>
        context.RequestServices.GetRequiredService<RequestLimiter>().DecideAsync(context, policyName, cost);
}
