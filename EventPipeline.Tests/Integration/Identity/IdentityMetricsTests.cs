using System.Diagnostics.Metrics;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EventPipeline.Tests.Integration.Identity;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class IdentityMetricsTests(ApiFactory api)
{
    private const string Meter = "EventPipeline.Identity";

    [Fact]
    public async Task TokenRequestsAreCountedByOutcome()
    {
        using var collector = new MetricCollector<long>(api.Services.GetRequiredService<IMeterFactory>(), Meter, "eventpipeline.identity.token_requests");
        var http = api.CreateClientWithOwnAddress();

        using (await http.RequestTokenAsync("loadgen-05", ApiFactory.DemoSecret)) { }
        using (await http.RequestTokenAsync("loadgen-05", "wrong-secret")) { }
        using (await http.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password" }))) { }

        var outcomes = collector.GetMeasurementSnapshot().Select(m => m.Tags["outcome"]).ToList();
        Assert.Equal(["issued", "invalid_client", "unsupported_grant_type"], outcomes);
    }

    [Fact]
    public async Task BearerRefusalsAreCountedByReason()
    {
        using var collector = new MetricCollector<long>(api.Services.GetRequiredService<IMeterFactory>(), Meter, "eventpipeline.identity.bearer_refusals");
        var http = api.CreateClientWithOwnAddress();
        var demoToken = await http.GetTokenAsync("loadgen-06", ApiFactory.DemoSecret);

        using (await http.GetWithTokenAsync("/v1/whoami", token: null)) { }
        using (await http.GetWithTokenAsync("/v1/whoami", "not-a-jwt")) { }
        using (await http.GetWithTokenAsync("/v1/whoami", ForgedTokens.Create("metrics-ghost"))) { }
        using (await http.GetWithTokenAsync("/v1/admin/clients", demoToken)) { }

        var reasons = collector.GetMeasurementSnapshot().Select(m => m.Tags["reason"]).ToList();
        Assert.Equal(["missing_token", "invalid_token", "inactive_client", "insufficient_scope"], reasons);
    }
}
