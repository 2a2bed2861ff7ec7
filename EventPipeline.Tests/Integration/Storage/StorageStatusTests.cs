using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;
using EventPipeline.Tests.Integration.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EventPipeline.Tests.Integration.Storage;

[Collection(SharedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class StorageStatusTests(ApiFactory api)
{
    // Read through the host's own meter factory: /metrics of a test host also exports the
    // same-named meters of every other host in the test process.
    [Fact]
    public void TheStorageMeterReportsThePartitionsMadeAheadTheirAgeAndSize()
    {
        var meterFactory = api.Services.GetRequiredService<IMeterFactory>();
        using var partitions = new MetricCollector<int>(meterFactory, StorageMetrics.MeterName, "eventpipeline.storage.partitions");
        using var age = new MetricCollector<double>(meterFactory, StorageMetrics.MeterName, "eventpipeline.storage.oldest_partition.age");
        using var size = new MetricCollector<long>(meterFactory, StorageMetrics.MeterName, "eventpipeline.storage.size");

        partitions.RecordObservableInstruments();
        age.RecordObservableInstruments();
        size.RecordObservableInstruments();

        Assert.True(partitions.LastMeasurement!.Value >= 4);
        Assert.True(age.LastMeasurement!.Value >= 0);
        Assert.Contains(size.GetMeasurementSnapshot(), m => Equals(m.Tags["table"], "events") && m.Value > 0);
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
}
