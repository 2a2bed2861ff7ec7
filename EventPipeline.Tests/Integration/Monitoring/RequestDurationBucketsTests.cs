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

        var text = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var bounds = text.Split('\n')
            .Where(line => line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
                && line.Contains("http_route=\"/v1/ping\"", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf("le=\"", StringComparison.Ordinal) + 4)..].Split('"')[0])
            .ToList();
        Assert.Equal([.. RequestDurationBuckets.Bounds.Select(b => b.ToString(System.Globalization.CultureInfo.InvariantCulture)), "+Inf"], bounds);
        Assert.Contains("0.02", bounds);
        Assert.Contains("0.04", bounds);
    }
}
