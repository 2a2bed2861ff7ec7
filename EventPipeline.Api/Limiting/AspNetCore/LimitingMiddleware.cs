using Microsoft.AspNetCore.RateLimiting;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// Limits every endpoint that names a policy with the standard <c>RequireRateLimiting</c> /
/// <c>[EnableRateLimiting]</c> (and not <c>[DisableRateLimiting]</c>): one decision of cost one.
/// In place of <c>UseRateLimiter</c>, whose middleware hands the lease only to <c>OnRejected</c>, so an
/// admitted response could get its headers only through <c>IHttpContextAccessor</c>; here the decision
/// is in hand on both paths. There is no global limiter, as there was none before.
/// </summary>
internal sealed class LimitingMiddleware(RequestDelegate next, RequestLimiter limiter, TooManyRequestsWriter tooManyRequests)
{
    public Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata is null
            || metadata.GetMetadata<DisableRateLimitingAttribute>() is not null
            || metadata.GetMetadata<EnableRateLimitingAttribute>() is not { } limited)
        {
            return next(context);
        }
        // An inline policy object (RequireRateLimiting(IRateLimiterPolicy)) is not a distributed policy.
        var policyName = limited.PolicyName
            ?? throw new InvalidOperationException($"Endpoint '{context.GetEndpoint()}' names no limiter policy; use RequireRateLimiting(\"<policy>\").");
        return DecideThenInvokeAsync(context, policyName);
    }

    private async Task DecideThenInvokeAsync(HttpContext context, string policyName)
    {
        var decision = await limiter.DecideAsync(context, policyName, cost: 1);
        if (decision.IsAllowed)
        {
            await next(context);
        }
        else if (TooManyRequestsWriter.Handles(decision, context.Request))
        {
            await tooManyRequests.WriteAsync(context, decision);
        }
        else
        {
            await RejectionResponses.For(decision).ExecuteAsync(context);
        }
    }
}
