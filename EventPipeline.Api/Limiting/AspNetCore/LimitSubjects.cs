using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Api.Security;

namespace EventPipeline.Api.Limiting.AspNetCore;

/// <summary>Who a request is charged to: the token's client and tier under a per-client policy, else the caller's IP address.</summary>
public static class LimitSubjects
{
    /// <summary>The claims the limiter reads; Identity issues its tokens under these names.</summary>
    public const string ClientClaim = "sub";
    public const string TierClaim = "tier";
    public const string DefaultTier = "standard";

    public static LimitSubject Of(HttpContext context, LimitPolicy policy)
    {
        var clientId = context.User.FindFirst(ClientClaim)?.Value;
        if (policy.PartitionBy == PartitionKind.Client && !string.IsNullOrEmpty(clientId))
        {
            return LimitSubject.Client(clientId, context.User.FindFirst(TierClaim)?.Value ?? DefaultTier);
        }
        return LimitSubject.Ip(CallerSource.Of(context));
    }
}
