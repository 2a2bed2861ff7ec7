using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.EndToEnd;

[Trait(TestCategories.Cost, TestCategories.EndToEnd)]
[Collection(SharedMonitoredSystem.Name)]
public sealed class PrometheusTests(MonitoredSystem system)
{
    private static readonly TimeSpan s_patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task PrometheusScrapesEveryReplicaOfEveryServiceOnItsOwnAddress()
    {
        using var prometheus = new PrometheusApi(system.PrometheusUrl);
        var replicas = system.Replicas();
        Assert.Equal(2, replicas["api"]);

        // Targets appear as replicas start and are scraped every 5 s: wait for all of them, then judge.
        var up = await WaitForAsync(() => prometheus.QueryAsync("up"),
            series => replicas.All(r => series.Count(s => s.Labels["job"] == r.Key && s.Value == "1") == r.Value));

        foreach (var (service, count) in replicas)
        {
            var targets = up.Where(s => s.Labels["job"] == service).ToList();
            Assert.Equal(count, targets.Count);
            Assert.All(targets, t => Assert.Equal("1", t.Value));
            Assert.Equal(count, targets.Select(t => t.Labels["instance"]).Distinct().Count());
        }
        Assert.True(system.App.ResourceNotifications.TryGetCurrentState("prometheus", out var prometheusState));
        Assert.Contains(prometheusState.Snapshot.Urls, u => u.DisplayProperties.DisplayName == "Alerts" && u.Url.StartsWith("http://", StringComparison.Ordinal) && u.Url.EndsWith("/alerts", StringComparison.Ordinal));

        // Each of those scrapes brought the replica's own metrics, not an empty page.
        var scraped = await prometheus.QueryAsync("scrape_samples_scraped > 0");
        Assert.Equal(replicas.Values.Sum(), scraped.Count);
    }

    [Fact]
    public async Task StoppingRedisUnderLoadFiresTheLimiterFallbackAlert()
    {
        using var prometheus = new PrometheusApi(system.PrometheusUrl);
        using var api = new HttpClient { BaseAddress = system.App.GetEndpoint("api", "http") };
        var token = await MonitoredSystem.TokenAsync(api, "loadgen-17");
        Assert.DoesNotContain(await prometheus.AlertsAsync(), a => a.Name == "LimiterFallingBackToLocal");

        var commands = system.App.Services.GetRequiredService<ResourceCommandService>();
        var stopped = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StopCommand);
        Assert.True(stopped.Success, stopped.Message);
        using var load = new CancellationTokenSource();
        var sending = SendEventsAsync(api, token, load.Token);
        try
        {
            var alerts = await WaitForAsync(prometheus.AlertsAsync,
                a => a.Any(x => x.Name == "LimiterFallingBackToLocal" && x.State == "firing"));

            var firing = alerts.Where(a => a.Name == "LimiterFallingBackToLocal" && a.State == "firing").ToList();
            Assert.All(firing, a => Assert.Equal("api", a.Labels["job"]));
            Assert.Contains(firing, a => a.Labels["policy"] == "ingest");
        }
        finally
        {
            await load.CancelAsync();
            var sent = await sending;
            Assert.True(sent > 0);
            var started = await commands.ExecuteCommandAsync("redis", KnownResourceCommands.StartCommand);
            Assert.True(started.Success, started.Message);
        }
    }

    // Twenty events a second, each with its own id, until cancelled; returns how many were answered.
    internal static async Task<int> SendEventsAsync(HttpClient api, string token, CancellationToken ct)
    {
        var answered = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
                {
                    Content = JsonContent.Create(new { event_id = Guid.CreateVersion7(), source = "monitoring-test", payload = new { n = answered } }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await api.SendAsync(request, ct);
                answered++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return answered;
    }

    internal static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + s_patience;
        var value = await read();
        while (!done(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            value = await read();
        }
        return value;
    }
}
