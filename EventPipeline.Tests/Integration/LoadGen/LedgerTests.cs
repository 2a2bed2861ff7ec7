using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using EventPipeline.Contracts.Runs;
using EventPipeline.LoadGen.Cli;
using EventPipeline.LoadGen.Engine;
using EventPipeline.LoadGen.Ledger;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EventPipeline.Tests.Integration.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LedgerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly string _ledger = Path.Combine(Path.GetTempPath(), $"ledger-{Guid.NewGuid():N}.csv");
    private readonly string _json = Path.Combine(Path.GetTempPath(), $"loadgen-{Guid.NewGuid():N}.json");

    public void Dispose()
    {
        _services.Dispose();
        File.Delete(_ledger);
        File.Delete(_json);
    }

    private Task<int> RunAsync(params string[] args) =>
        LoadGenCommand.Create(new LoadGenMetrics(_services.GetRequiredService<IMeterFactory>())).Parse(args).InvokeAsync();

    [Fact]
    public async Task LedgerHoldsEveryRequestWithItsEventClientAnswerAndTimes()
    {
        var admitted = 0;
        await using var api = await FakeEventApi.StartAsync(_ => Interlocked.Increment(ref admitted) % 3 != 0);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        var exitCode = await RunAsync("steady", "--rps", "200", "--duration", "1", "--clients", "2", "--invalid", "0.1",
            "--url", api.Url.ToString(), "--secret", FakeEventApi.Secret, "--ledger", _ledger, "--json", _json);

        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Equal(CliRunner.ExitOk, exitCode);
        var report = JsonSerializer.Deserialize<RunReport>(await File.ReadAllTextAsync(_json), LoadGenJson.Options)!;
        var ledger = await LedgerEntry.ReadAllAsync(_ledger);
        Assert.Equal(report.Sent, ledger.Count);
        Assert.Equal(api.AnswersByStatus.OrderBy(a => a.Key), ledger.GroupBy(e => e.Status).Select(g => KeyValuePair.Create(g.Key, g.Count())).OrderBy(a => a.Key));
        Assert.Equal(["loadgen-01", "loadgen-02"], ledger.Select(e => e.Client).Distinct().Order());
        Assert.All(ledger, e => Assert.InRange(e.SentUnixMs, before, e.AnsweredUnixMs));
        Assert.All(ledger, e => Assert.InRange(e.AnsweredUnixMs, e.SentUnixMs, after));
        Assert.All(ledger.Where(e => e.Status == 400), e => Assert.Null(e.EventId));
        // The fake reads the body only of requests it admits.
        Assert.Equal(api.Timestamps.Keys.Order(), ledger.Where(e => e.Status == 202).Select(e => e.EventId!.Value).Order());
    }

    [Fact]
    public async Task ClockSkewStampsEveryEventFromAClientClockThatFarOff()
    {
        await using var api = await FakeEventApi.StartAsync();

        var exitCode = await RunAsync("steady", "--rps", "50", "--duration", "1", "--clock-skew", "-300",
            "--url", api.Url.ToString(), "--secret", FakeEventApi.Secret);

        Assert.Equal(CliRunner.ExitOk, exitCode);
        Assert.NotEmpty(api.Timestamps);
        Assert.All(api.Timestamps.Values, text =>
        {
            var skew = DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow;
            Assert.InRange(skew.TotalSeconds, -310, -290);
        });
    }

    [Fact]
    public async Task LedgerRefusesBatchesWhoseEventsHaveSeparateAnswers()
    {
        await using var api = await FakeEventApi.StartAsync();

        var exitCode = await RunAsync("steady", "--rps", "10", "--batch", "5", "--ledger", _ledger,
            "--url", api.Url.ToString(), "--secret", FakeEventApi.Secret);

        Assert.Equal(CliRunner.ExitBadOptions, exitCode);
        Assert.Empty(api.RequestsByClient);
    }
}
