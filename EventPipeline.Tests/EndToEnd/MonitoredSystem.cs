using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.EndToEnd;

/// <summary>
/// The whole system with its Prometheus, started through the AppHost for the monitoring tests alone:
/// they stop Redis, which no other collection may see.
/// </summary>
public sealed class MonitoredSystem : IAsyncLifetime
{
    public const string DemoSecret = "monitoring-tests-demo-secret-0123456789";

    public DistributedApplication App { get; private set; } = null!;

    public Uri PrometheusUrl => App.GetEndpoint("prometheus", "http");

    public async Task InitializeAsync()
    {
        App = await AppHostRunner.StartAsync(AppHostRunner.NewStateDirectory(), $"--Parameters:demo-client-secret={DemoSecret}");
        using var cts = new CancellationTokenSource(AppHostRunner.StartTimeout);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("prometheus", cts.Token);
    }

    public Task DisposeAsync() => AppHostRunner.StopAsync(App);

    public static async Task<string> TokenAsync(HttpClient api, string clientId)
    {
        using var response = await api.PostAsync("/auth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = DemoSecret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>Sends events with their own ids as a demo client, each answered before the next.</summary>
    public async Task SendEventsAsync(string clientId, int count)
    {
        using var api = new HttpClient { BaseAddress = App.GetEndpoint("api", "http") };
        var token = await TokenAsync(api, clientId);
        for (var n = 0; n < count; n++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
            {
                Content = JsonContent.Create(new { event_id = Guid.CreateVersion7(), source = "monitoring-test", payload = new { n } }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await api.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>How many replicas of each service the AppHost runs, from its own model.</summary>
    public Dictionary<string, int> Replicas() =>
        App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>()
            .ToDictionary(r => r.Name, r => r.TryGetLastAnnotation<ReplicaAnnotation>(out var replicas) ? replicas.Replicas : 1);
}

[CollectionDefinition(Name)]
public sealed class SharedMonitoredSystem : ICollectionFixture<MonitoredSystem>
{
    public const string Name = "The whole system with Prometheus, Redis stopped on purpose";
}
