using System.Diagnostics.Metrics;
using System.Text.Json;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Cli;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class CommandLineTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"loadgen-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        _services.Dispose();
        File.Delete(_json);
    }

    private Task<int> RunAsync(params string[] args) =>
        LoadGenCommand.Create(new LoadGenMetrics(_services.GetRequiredService<IMeterFactory>())).Parse(args).InvokeAsync();

    [Fact]
    public async Task BurstOptionsAreBoundIntoTheRunAndTheReportIsWrittenAsJson()
    {
        await using var api = await FakeEventApi.StartAsync();

        var exitCode = await RunAsync("burst", "--base", "10", "--peak", "100", "--burst-seconds", "0.5", "--every", "1",
            "--duration", "2s", "--clients", "2", "--url", api.Url.ToString(), "--secret", FakeEventApi.Secret, "--json", _json);

        Assert.Equal(CliRunner.ExitOk, exitCode);
        var report = JsonSerializer.Deserialize<RunReport>(await File.ReadAllTextAsync(_json), LoadGenJson.Options)!;
        Assert.Equal(new RunOptions
        {
            Profile = "burst", Base = 10, Peak = 100, BurstSeconds = 0.5, Every = 1, Duration = 2, Clients = 2, Url = api.Url,
        }, report.Options with { Senders = new RunOptions().Senders });
        Assert.Equal(2 * (50 + 5), report.Sent);
        Assert.Equal([55, 55], report.Series.Select(s => s.Sent));
        Assert.Null(report.Options.Secret);
    }

    [Fact]
    public async Task BadOptionsExitWithoutSendingAnything()
    {
        await using var api = await FakeEventApi.StartAsync();

        var exitCode = await RunAsync("wave", "--min", "10", "--url", api.Url.ToString(), "--secret", FakeEventApi.Secret);

        Assert.Equal(CliRunner.ExitBadOptions, exitCode);
        Assert.Empty(api.RequestsByClient);
    }
}
