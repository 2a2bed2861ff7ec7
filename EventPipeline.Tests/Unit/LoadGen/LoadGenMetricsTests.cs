using System.Diagnostics.Metrics;
using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LoadGenMetricsTests
{
    [Fact]
    public void CountsSendsAndAnswersByOutcomeWithLatencyInSeconds()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var sent = new MetricCollector<long>(meterFactory, LoadGenMetrics.MeterName, "eventpipeline.loadgen.requests");
        using var responses = new MetricCollector<long>(meterFactory, LoadGenMetrics.MeterName, "eventpipeline.loadgen.responses");
        using var latency = new MetricCollector<double>(meterFactory, LoadGenMetrics.MeterName, "eventpipeline.loadgen.latency");
        var metrics = new LoadGenMetrics(meterFactory);

        metrics.Sent();
        metrics.Sent();
        metrics.Completed(Outcome.Accepted, 0.004);
        metrics.Completed(Outcome.Limited, 0.002);

        Assert.Equal(2, sent.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(["accepted", "limited"], responses.GetMeasurementSnapshot().Select(m => (string?)m.Tags["outcome"]));
        Assert.Equal([0.004, 0.002], latency.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal("s", latency.Instrument?.Unit);
        Assert.Contains(0.001, Assert.IsType<Histogram<double>>(latency.Instrument).Advice?.HistogramBucketBoundaries ?? []);
    }

    [Theory]
    [InlineData(202, Outcome.Accepted)]
    [InlineData(200, Outcome.Duplicate)]
    [InlineData(429, Outcome.Limited)]
    [InlineData(400, Outcome.ClientError)]
    [InlineData(401, Outcome.ClientError)]
    [InlineData(503, Outcome.ServerError)]
    [InlineData(302, Outcome.Other)]
    public void StatusCodesMapToTheReportedOutcomes(int status, Outcome outcome)
    {
        Assert.Equal(outcome, Outcomes.FromStatus(status));
    }

    [Theory]
    [InlineData(202, true)]
    [InlineData(400, true)]
    [InlineData(429, false)]
    [InlineData(401, false)]
    [InlineData(503, false)]
    [InlineData(0, false)]
    public void OnlyAnswersPastTheLimiterCountAsAdmitted(int status, bool admitted)
    {
        Assert.Equal(admitted, Outcomes.Admitted(status));
    }
}
