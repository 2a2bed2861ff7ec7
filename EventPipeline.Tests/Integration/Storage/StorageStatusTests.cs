using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;

namespace EventPipeline.Tests.Integration.Storage;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed partial class StorageStatusTests(ApiFactory api)
{
    [Fact]
    public async Task MetricsShowThePartitionsMadeAheadAndTheirAge()
    {
        using var response = await api.CreateClientWithOwnAddress().GetWithTokenAsync("/metrics", token: null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(Gauge("eventpipeline_storage_partitions", text) >= 4, text);
        Assert.True(Gauge("eventpipeline_storage_oldest_partition_age_seconds", text) >= 0);
        Assert.Matches(SizeOfEvents(), text);
    }

    [Fact]
    public async Task TheAdminStatusNamesRetentionAndTheDedupWindowAndOnlyAdminsMayReadIt()
    {
        var http = api.CreateClientWithOwnAddress();
        var admin = await http.GetTokenAsync("admin", ApiFactory.AdminSecret);
        var client = await Ingestion.IngestingClient.RegisterAsync(api);

        using var allowed = await http.GetWithTokenAsync("/v1/admin/storage", admin);
        using var refused = await client.GetAsync("/v1/admin/storage");

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var status = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync());
        Assert.Equal(30, status.RootElement.GetProperty("retention_days").GetInt32());
        Assert.Equal(24, status.RootElement.GetProperty("dedup_window_hours").GetInt32());
        Assert.True(status.RootElement.GetProperty("partitions").GetInt32() >= 4);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static double Gauge(string name, string metrics)
    {
        var match = Regex.Match(metrics, $@"^{name}(\{{[^}}]*\}})? ([0-9.e+E-]+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{name} is not in /metrics");
        return double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"eventpipeline_storage_size_bytes\{[^}]*table=""events""[^}]*\} [1-9]")]
    private static partial Regex SizeOfEvents();
}
