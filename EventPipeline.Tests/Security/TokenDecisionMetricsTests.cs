using System.Net;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// The token endpoints look at their lockout buckets before checking a secret; those looks are not
/// limiter decisions, so they must not inflate the decision counts the metrics and the dashboard show.
/// </summary>
[Collection(SecuredApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Security)]
public sealed class TokenDecisionMetricsTests(SecurityApi api)
{
    [Fact]
    public async Task SuccessfulTokenRequestsCountNoLimiterDecisionAndAFailureCountsOnlyItsCharges()
    {
        const string client = "sec-metrics-token";
        var secret = await SecurityHttp.RegisterAsync(api, client, "events:write");
        // The exporter caches a scrape for a moment: let the collection's earlier requests show first.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var endpointBefore = await LimiterDecisionCounts.ReadAsync(api, LimitPolicyNames.TokenEndpoint, "allowed");
        var clientBefore = await LimiterDecisionCounts.ReadAsync(api, LimitPolicyNames.TokenClient, "allowed");

        // Unfamiliar first, then familiar: before the fix each looked at three buckets, then one, every one counted.
        for (var i = 0; i < 3; i++)
        {
            await SecurityHttp.TokenAsync(api, client, secret, "198.51.100.90");
        }
        using var failed = await SecurityHttp.RequestTokenAsync(api, client, "wrong", "198.51.100.91");
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);

        // The failure charges the source's bucket once, and the client's and the pair's under token-client.
        var endpointAfter = endpointBefore;
        for (var deadline = DateTime.UtcNow.AddSeconds(30); endpointAfter == endpointBefore && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(200);
            endpointAfter = await LimiterDecisionCounts.ReadAsync(api, LimitPolicyNames.TokenEndpoint, "allowed");
        }
        var clientAfter = await LimiterDecisionCounts.ReadAsync(api, LimitPolicyNames.TokenClient, "allowed");

        Assert.Equal(endpointBefore + 1, endpointAfter);
        Assert.Equal(clientBefore + 2, clientAfter);
    }
}
