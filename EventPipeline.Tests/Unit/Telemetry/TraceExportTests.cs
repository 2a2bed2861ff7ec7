using System.Diagnostics;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EventPipeline.Tests.Unit.Telemetry;

// Without an exporter a tracer provider still sampled every request and built its spans for nobody.
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class TraceExportTests
{
    [Fact]
    public void WithoutAnOtlpEndpointNoSpansAreRecordedButMetricsAre()
    {
        using var host = HostWithServiceDefaults(otlpEndpoint: null);

        Assert.Null(host.Services.GetService<TracerProvider>());
        Assert.NotNull(host.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithAnOtlpEndpointTheServicesOwnSpansAreRecorded()
    {
        using var host = HostWithServiceDefaults(otlpEndpoint: "http://127.0.0.1:4317");
        using var source = new ActivitySource("EventPipeline.TraceExportTests");

        Assert.NotNull(host.Services.GetService<TracerProvider>());
        using var activity = source.StartActivity("probe");
        Assert.NotNull(activity);
        Assert.True(activity.Recorded);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("  ", false)]
    [InlineData("http://collector:4317", true)]
    public void TracesAreExportedExactlyWhenAnOtlpEndpointIsConfigured(string? endpoint, bool exported)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;

        Assert.Equal(exported, builder.ExportsTraces());
    }

    private static IHost HostWithServiceDefaults(string? otlpEndpoint)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlpEndpoint;
        builder.AddServiceDefaults();
        return builder.Build();
    }
}
