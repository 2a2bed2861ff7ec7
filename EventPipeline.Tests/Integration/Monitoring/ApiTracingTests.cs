using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace EventPipeline.Tests.Integration.Monitoring;

[Trait(TestCategories.Cost, TestCategories.Integration)]
[Collection(SharedApi.Name)]
public sealed class ApiTracingTests(ApiFactory api)
{
    // The Redis and Npgsql integrations register a tracer provider of their own unless told not to:
    // without an exporter, none of the API's parts may record spans.
    [Fact]
    public void WithoutAnExporterTheApiBuildsNoTracerProvider() =>
        Assert.Null(api.Services.GetService<TracerProvider>());
}
