using EventPipeline.Client;
using EventPipeline.Client.Http;
using EventPipeline.Tests.Integration.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.Client;

/// <summary>The client library wired as an application would wire it, as a client of its own, talking to the in-process API.</summary>
internal sealed class ClientUnderTest : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ClientUnderTest(ServiceProvider services, string clientId, HttpClient http, RecordingHandler api, RecordingHandler tokens)
    {
        _services = services;
        ClientId = clientId;
        Http = http;
        Api = api;
        Tokens = tokens;
    }

    public string ClientId { get; }

    /// <summary>Raw HTTP from the same address, for arranging limits.</summary>
    public HttpClient Http { get; }

    /// <summary>Every try that reached the API's event endpoints.</summary>
    public RecordingHandler Api { get; }

    /// <summary>Every request to the token endpoint.</summary>
    public RecordingHandler Tokens { get; }

    public EventPipelineClient Client => _services.GetRequiredService<EventPipelineClient>();

    public EventBatcher Batcher => _services.GetRequiredService<EventBatcher>();

    public static async Task<ClientUnderTest> StartAsync(ApiFactory api, Action<EventPipelineClientOptions>? configure = null, TimeProvider? time = null)
    {
        var http = api.CreateClientWithOwnAddress();
        var clientId = $"lib-{Guid.NewGuid():N}"[..24];
        var secret = await http.RegisterClientAsync(clientId, "events:write", "events:read");
        var address = http.DefaultRequestHeaders.GetValues(TestRemoteAddress.HeaderName).Single();
        var apiTries = new RecordingHandler();
        var tokenTries = new RecordingHandler();

        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.ConfigureHttpClientDefaults(defaults => defaults
            .ConfigurePrimaryHttpMessageHandler(() => api.Server.CreateHandler())
            .ConfigureHttpClient(c => c.DefaultRequestHeaders.Add(TestRemoteAddress.HeaderName, address)));
        services.AddEventPipelineClient(options =>
        {
            options.BaseAddress = api.Server.BaseAddress;
            options.ClientId = clientId;
            options.ClientSecret = secret;
            configure?.Invoke(options);
        }).AddHttpMessageHandler(() => apiTries);
        services.AddHttpClient(ClientCredentialsTokenSource.HttpClientName).AddHttpMessageHandler(() => tokenTries);

        return new ClientUnderTest(services.BuildServiceProvider(), clientId, http, apiTries, tokenTries);
    }

    public async Task SetLimitAsync(double capacity, double refill)
    {
        var adminToken = await Http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        using var response = await Http.SendWithTokenAsync(HttpMethod.Put, $"/v1/config/limiter/clients/{ClientId}", adminToken,
            new { bucket = capacity, refill });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        Http.Dispose();
    }
}
