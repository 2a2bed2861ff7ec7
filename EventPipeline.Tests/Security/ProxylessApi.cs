using EventPipeline.Tests.Hardening;

namespace EventPipeline.Tests.Security;

/// <summary>
/// The API process as shipped with no proxy configured (and with the switch the orchestrator sets,
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>), with the shipped token limits hardly refilling.
/// </summary>
public sealed class ProxylessApi : KestrelApi
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        settings.Remove("Limiting__Policies__token-endpoint__Limit__Capacity");
        settings["Limiting__Policies__token-endpoint__Limit__Refill"] = "0.001";
        settings["Limiting__Policies__token-client__Limit__Refill"] = "0.001";
    }
}

[CollectionDefinition(Name)]
public sealed class ApiWithoutProxies : ICollectionFixture<ProxylessApi>
{
    public const string Name = "API process with no proxy configured";
}
