using EventPipeline.Client;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace EventPipeline.Tests.Integration.Client;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class AspireClientIntegrationTests(ApiFactory api)
{
    [Fact]
    public async Task AddEventPipelineClientFindsTheApiByItsResourceNameReportsHealthyAndSends()
    {
        using var http = api.CreateClientWithOwnAddress();
        var clientId = $"aspire-{Guid.NewGuid():N}"[..24];
        var secret = await http.RegisterClientAsync(clientId, "events:write");
        var builder = Host.CreateApplicationBuilder();
        // What the AppHost's .WithReference(api) hands a service, and the credentials it would configure.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:api:http:0"] = api.Server.BaseAddress.ToString(),
            ["EventPipeline:Client:ClientId"] = clientId,
            ["EventPipeline:Client:ClientSecret"] = secret,
        });
        var address = http.DefaultRequestHeaders.GetValues(TestRemoteAddress.HeaderName).Single();
        builder.Services.ConfigureHttpClientDefaults(defaults => defaults
            .ConfigurePrimaryHttpMessageHandler(() => api.Server.CreateHandler())
            .ConfigureHttpClient(c => c.DefaultRequestHeaders.Add(TestRemoteAddress.HeaderName, address)));

        builder.AddEventPipelineClient("api");
        using var host = builder.Build();

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.True(health.Entries["eventpipeline-api"].Status == HealthStatus.Healthy, health.Entries["eventpipeline-api"].Exception?.ToString() ?? health.Entries["eventpipeline-api"].Description);
        var result = await host.Services.GetRequiredService<EventPipelineClient>().SendAsync(PipelineEvent.Create("aspire", new { n = 1 }));
        Assert.Equal("accepted", result.Status);
        Assert.Equal(new Uri("https+http://api"), host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventPipelineClientOptions>>().Value.BaseAddress);
    }
}
