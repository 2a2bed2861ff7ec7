using EventPipeline.Tests.Hardening;

namespace EventPipeline.Tests.Security;

/// <summary>
/// The API process on Kestrel with its shipped limits, listening on both loopbacks: 127.0.0.1 plays
/// a configured reverse proxy (its X-Forwarded-For is believed), ::1 an ordinary caller (its header is not).
/// </summary>
public sealed class SecurityApi : KestrelApi
{
    /// <summary>The read policy's refill in these tests: slow enough that a burst finds the bucket's end exactly.</summary>
    public const double ReadRefill = 0.01;

    private readonly Lazy<Task<LoadGenProcess>> _loadGen;

    public SecurityApi() =>
        _loadGen = new(() => LoadGenProcess.StartAsync(BaseAddress, Integration.ApiFactory.DemoSecret));

    /// <summary>The load generator's control service wired to this API, started by the first test that needs it.</summary>
    public Task<LoadGenProcess> LoadGenAsync() => _loadGen.Value;

    public override async Task DisposeAsync()
    {
        if (_loadGen.IsValueCreated)
        {
            await (await _loadGen.Value).DisposeAsync();
        }
        await base.DisposeAsync();
    }

    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port};http://[::1]:{Port}";
        settings["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        // A short grace, so the outage test need not wait out the shipped 30 s.
        settings["Identity__ClientStatusGrace"] = "00:00:02";
        // A production install: no demo clients.
        settings.Remove("Identity__DemoClients");
        // The shipped token capacities, not the fuzz fixture's unlimited ones; hardly any refill while
        // a test runs, so each sees exactly where the cut-off falls however slow the machine is.
        settings.Remove("Limiting__Policies__token-endpoint__Limit__Capacity");
        settings["Limiting__Policies__token-endpoint__Limit__Refill"] = "0.001";
        settings["Limiting__Policies__token-client__Limit__Refill"] = "0.001";
        settings["Limiting__Policies__read__Limit__Refill"] = ReadRefill.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredApi : ICollectionFixture<SecurityApi>
{
    public const string Name = "API process with its shipped limits, attacked over HTTP";
}
