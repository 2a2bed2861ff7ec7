using System.Diagnostics.Metrics;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Checking;
using EventPipeline.LoadGen.Cli;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LoadRunTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private LoadGenMetrics Metrics => new(_services.GetRequiredService<IMeterFactory>());

    public void Dispose() => _services.Dispose();

    // rawHttp1: LoadGen's lean path (HTTP/1.1 straight to sockets) instead of HttpClient; every
    // test that runs both holds it to the same answers.
    private static RunOptions Steady(FakeEventApi api, double rps, double seconds, bool rawHttp1 = false) => new()
    {
        Profile = "steady", Rps = rps, Duration = seconds, Url = api.Url, Secret = FakeEventApi.Secret, RawHttp1 = rawHttp1,
    };

    private async Task<RunReport> RunAsync(RunOptions options)
    {
        using var run = new LoadRun(options, Metrics);
        run.Start();
        return await run.Completion.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendsExactlyTheScheduledRequestsAndCountsEveryAnswer(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync();

        var report = await RunAsync(Steady(api, 200, 1, rawHttp1) with { Clients = 2 });

        Assert.Equal(RunState.Completed, report.State);
        Assert.Equal(200, report.Intended);
        Assert.Equal(200, report.Sent);
        Assert.Equal(0, report.Skipped);
        Assert.Equal(0, report.Abandoned);
        Assert.Equal(0, report.InFlight);
        Assert.Equal(200, report.Responses["accepted"]);
        Assert.Equal(200, report.Latency.Count);
        Assert.Equal(200, report.Series.Sum(s => s.Accepted));
        Assert.Equal(100, api.RequestsByClient["loadgen-01"]);
        Assert.Equal(100, api.RequestsByClient["loadgen-02"]);
        Assert.All(report.Clients, c => Assert.Equal(100, c.Allowed));
    }

    [Fact]
    public async Task ReportsTheCpuPerRequestOfItselfAndOfTheServerItIsToldToWatch()
    {
        await using var api = await FakeEventApi.StartAsync();

        // The fake API runs in this process: its CPU is this process's.
        using var watched = new LoadRun(Steady(api, 300, 1), Metrics) { MeasureCpuOf = Environment.ProcessId };
        watched.Start();
        var report = await watched.Completion.WaitAsync(TimeSpan.FromMinutes(1));
        var unwatched = await RunAsync(Steady(api, 100, 1));

        Assert.NotNull(report.Cost);
        Assert.Equal(300, report.Cost.Requests);
        Assert.True(report.Cost.GeneratorCpuUsPerRequest > 0);
        Assert.True(report.Cost.ServerCpuUsPerRequest > 0);
        Assert.NotNull(unwatched.Cost);
        Assert.Null(unwatched.Cost.ServerCpuUsPerRequest);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DuplicatesAndInvalidBodiesReachTheApiAndAreReportedAsItAnswered(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync();

        var report = await RunAsync(Steady(api, 500, 1, rawHttp1) with { Duplicates = 0.2, Invalid = 0.1 });

        Assert.Equal(500, report.Sent);
        Assert.True(api.AnswersByStatus[200] > 0);
        Assert.True(api.AnswersByStatus[400] > 0);
        Assert.Equal(api.AnswersByStatus[200], report.Responses["duplicate"]);
        Assert.Equal(api.AnswersByStatus[400], report.Responses["client_error"]);
        Assert.Equal(api.AnswersByStatus[202], report.Responses["accepted"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BatchRunsPostEventsInBatchesToTheBatchEndpoint(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync();

        var report = await RunAsync(Steady(api, 50, 1, rawHttp1) with { Batch = 10 });

        Assert.Equal(50, report.Responses["accepted"]);
        Assert.Equal(500, api.EventsReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LimitedAnswersAreCountedPerClient(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync(client => client != "loadgen-02");

        var report = await RunAsync(Steady(api, 100, 1, rawHttp1) with { Clients = 2 });

        Assert.Equal(50, report.Clients[0].Allowed);
        Assert.Equal(0, report.Clients[0].Limited);
        Assert.Equal(0, report.Clients[1].Allowed);
        Assert.Equal(50, report.Clients[1].Limited);
        Assert.Equal(50, report.Responses["limited"]);
        // The latency of accepted requests alone: a server's quick refusals must not hide its slow admissions.
        Assert.Equal(100, report.Latency.Count);
        Assert.Equal(50, report.AcceptedLatency?.Count);
    }

    [Fact]
    public async Task CheckFailsAgainstALimiterThatAdmitsEverything()
    {
        await using var api = await FakeEventApi.StartAsync();
        var options = Steady(api, 100, 1) with { Check = true, Capacity = 5, Refill = 5 };

        var exitCode = await CliRunner.RunAsync(options, jsonPath: null, serverPid: null, Metrics, CancellationToken.None);

        Assert.Equal(CliRunner.ExitCheckFailed, exitCode);
    }

    [Fact]
    public async Task CheckReadsTheLimitFromTheApiWhenNoneIsGiven()
    {
        await using var api = await FakeEventApi.StartAsync();

        var report = await RunAsync(Steady(api, 100, 1) with { Check = true, AdminSecret = FakeEventApi.Secret });

        Assert.NotNull(report.Check);
        Assert.Equal(5, report.Check.Capacity);
        Assert.Equal(5, report.Check.Refill);
        Assert.False(report.Check.Passed);
    }

    [Fact]
    public async Task CheckPassesAgainstACorrectTokenBucket()
    {
        var bucket = new FakeTokenBucket(capacity: 20, refillPerSecond: 10);
        await using var api = await FakeEventApi.StartAsync(bucket.TryTake);

        var report = await RunAsync(Steady(api, 100, 2) with { Check = true, Capacity = 20, Refill = 10, CheckToleranceSeconds = 1 });

        Assert.True(report.Responses["limited"] > 0);
        Assert.NotNull(report.Check);
        Assert.True(report.Check.Passed, report.Check.Clients[0].Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TokensAreRefreshedBeforeTheyExpire(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync(tokenLifetimeSeconds: 1);

        var report = await RunAsync(Steady(api, 20, 3, rawHttp1));

        Assert.Equal(60, report.Responses["accepted"]);
        Assert.True(api.TokensIssued >= 3, $"{api.TokensIssued} tokens issued in a 3 s run of 1 s tokens");
    }

    [Fact]
    public async Task AWrongSecretFailsTheRunBeforeAnythingIsSent()
    {
        await using var api = await FakeEventApi.StartAsync();

        var report = await RunAsync(Steady(api, 100, 1) with { Secret = "wrong" });

        Assert.Equal(RunState.Failed, report.State);
        Assert.Contains("401", report.Error, StringComparison.Ordinal);
        Assert.Equal(0, report.Sent);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StoppingARunEndsItBeforeItsSchedule(bool rawHttp1)
    {
        await using var api = await FakeEventApi.StartAsync();
        using var run = new LoadRun(Steady(api, 100, 60, rawHttp1), Metrics);

        run.Start();
        while (run.Recorder.Sent == 0)
        {
            await Task.Delay(10);
        }

        run.Stop();
        var report = await run.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(RunState.Stopped, report.State);
        Assert.InRange(report.Sent, 1, 5999);
    }

    [Fact]
    public async Task TheRawPathConnectsAgainWhenTheServerClosesEachConnection()
    {
        await using var api = await FakeEventApi.StartAsync(closeEveryConnection: true);

        var report = await RunAsync(Steady(api, 200, 1, rawHttp1: true) with { Clients = 2 });

        Assert.Equal(200, report.Responses["accepted"]);
        Assert.Equal(0, report.Responses["transport_error"]);
        Assert.Equal(0, report.InFlight);
    }

    [Fact]
    public async Task TheRawPathCountsAServerThatWentAwayAsTransportErrors()
    {
        var api = await FakeEventApi.StartAsync();
        using var run = new LoadRun(Steady(api, 100, 2, rawHttp1: true), Metrics);
        run.Start();
        while (run.Recorder.Total(Outcome.Accepted) < 10)
        {
            await Task.Delay(10);
        }

        await api.DisposeAsync();
        var report = await run.Completion.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(RunState.Completed, report.State);
        Assert.True(report.Responses["transport_error"] > 0);
        Assert.Equal(report.Sent, report.Responses["accepted"] + report.Responses["transport_error"] + report.Abandoned);
        Assert.Equal(0, report.InFlight);
    }
}
