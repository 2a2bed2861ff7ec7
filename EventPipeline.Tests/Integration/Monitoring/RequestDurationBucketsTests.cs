using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The request-duration histogram on /metrics has a bucket bound at each latency promise and below it.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class RequestDurationBucketsTests(ApiFactory api)
{
    [Fact]
    public async Task TheRequestDurationHistogramHasTheServiceDefaultsBounds()
    {
        var http = api.CreateClientWithOwnAddress();
        using var ping = await http.GetAsync(new Uri("/v1/ping", UriKind.Relative));

        // The duration is recorded once the response has gone, and the exporter may answer a scrape
        // from its cache for a moment: the ping's series can take a few scrapes to show.
        var bounds = await PingBoundsAsync(http);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (bounds.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            bounds = await PingBoundsAsync(http);
        }

        Assert.Equal([.. RequestDurationBuckets.Bounds.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), "+Inf"], bounds);
        Assert.Contains("0.02", bounds);
        Assert.Contains("0.04", bounds);
    }

    private static async Task<List<string>> PingBoundsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(line => line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
                && line.Contains("http_route=\"/v1/ping\"", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0])
            // Every series of the route (another test's status or method) has the same bounds.
            .Distinct()
            .ToList();
    }
}
