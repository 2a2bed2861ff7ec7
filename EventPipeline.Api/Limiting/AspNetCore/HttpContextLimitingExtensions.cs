using EventPipeline.Api.Limiting.Decision;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// For handlers that only know the cost after reading the body (a batch of n events costs n), where
/// the middleware's fixed permit count of one does not fit: same decision, headers and refusals.
/// </summary>
public static class HttpContextLimitingExtensions
{
    /// <summary>Returns null when admitted, else the refusal to send.</summary>
    public static async Task<IResult?> LimitAsync(this HttpContext context, string policyName, long cost)
    {
        var services = context.RequestServices;
        var policy = services.GetRequiredService<LimitPolicyCatalog>().Get(policyName);
        var decision = await services.GetRequiredService<DistributedLimiter>()
            .AcquireAsync(policyName, LimitSubjects.Of(context, policy), cost);
        context.Features.Set(decision);
        RateLimitHeaders.Write(context.Response, decision);
        return decision.IsAllowed ? null : RejectionResponses.For(decision);
    }
}
