using System.Globalization;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;

namespace EventPipeline.Tests.Integration.Monitoring;

/// <summary>The request-duration histogram on /metrics has a bucket bound at each latency promise and below it.</summary>
[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class RequestDurationBucketsTests(ApiFactory api)
{
    private const string BucketSeries = "http_server_request_duration_seconds_bucket{";

    [Fact]
    public async Task TheRequestDurationHistogramHasTheServiceDefaultsBounds()
    {
        var http = api.CreateClientWithOwnAddress();
        using var ping = await http.GetAsync(new Uri("/v1/ping", UriKind.Relative));

        // The duration is recorded once the response has gone, and the exporter may answer a scrape
        // from its cache for a moment: the first series can take a few scrapes to show.
        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!text.Contains(BucketSeries, StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
            text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        // The bounds belong to the instrument: every series (route, method, status) has the same.
        var bounds = text.Split('\n')
            .Where(line => line.StartsWith(BucketSeries, StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0])
            .Distinct()
            .ToList();
        Assert.Equal([.. RequestDurationBuckets.Bounds.Select(b => b.ToString(CultureInfo.InvariantCulture)), "+Inf"], bounds);
        Assert.Contains("0.02", bounds);
        Assert.Contains("0.04", bounds);
    }
}
