using EventPipeline.Api.Limiting.Decision;
using EventPipeline.Api.Limiting.Policies;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>
/// One request's decision under a named policy, charged to the request's subject. The one place a
/// decision reaches the response: its headers are written here, on admission and refusal alike, and
/// the caller gets the decision itself to answer with (<see cref="RejectionResponses"/>) or to act on.
/// </summary>
internal sealed class RequestLimiter(DistributedLimiter limiter, LimitPolicyCatalog policies)
{
    public async Task<LimitDecision> DecideAsync(HttpContext context, string policyName, long cost)
    {
        var subject = LimitSubjects.Of(context, policies.Get(policyName));
        var decision = await limiter.AcquireAsync(policyName, subject, cost);
        RateLimitHeaders.Write(context.Response, decision);
        return decision;
    }
}
