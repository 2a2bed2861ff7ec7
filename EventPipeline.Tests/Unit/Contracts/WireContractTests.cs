extern alias Dashboard;

using System.Reflection;
using System.Text.Json;
using Dashboard::EventPipeline.Dashboard.Services;
using EventPipeline.Api.Limiting.LiveConfig;
using EventPipeline.Api.LiveStats;
using EventPipeline.Client;
using EventPipeline.Contracts.Events;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Contracts.Live;
using EventPipeline.Contracts.Runs;
using EventPipeline.Contracts.Storage;
using EventPipeline.LoadGen.Control;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Contracts;

/// <summary>
/// The wire types the API, the load generator, the dashboard and the client library exchange exist once, in
/// EventPipeline.Contracts: a hand copy on either end is how the dashboard's run defaults drifted.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class WireContractTests
{
    private static readonly Assembly s_contracts = typeof(RunOptions).Assembly;

    public static TheoryData<string> Projects =>
    [
        "EventPipeline.Api",
        "EventPipeline.Dashboard",
        "EventPipeline.LoadGen",
        "EventPipeline.Client",
    ];

    [Theory]
    [MemberData(nameof(Projects))]
    public void NoProjectDeclaresItsOwnCopyOfAWireType(string project)
    {
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, project + ".dll"));
        var wireNames = s_contracts.GetExportedTypes().Select(t => t.Name).ToHashSet();

        var copies = assembly.GetTypes().Where(t => wireNames.Contains(t.Name)).Select(t => t.FullName);

        Assert.Empty(copies);
    }

    [Fact]
    public void TheDashboardStartsAndReadsRunsWithTheLoadGeneratorsOwnTypes()
    {
        var start = typeof(LoadGenClient).GetMethod(nameof(LoadGenClient.StartAsync))!;
        var current = typeof(LoadGenClient).GetMethod(nameof(LoadGenClient.GetCurrentAsync))!;
        var loadGenStart = typeof(RunManager).GetMethod(nameof(RunManager.TryStart))!;

        Assert.Equal(typeof(RunOptions), start.GetParameters()[0].ParameterType);
        Assert.Equal(typeof(RunOptions), loadGenStart.GetParameters()[0].ParameterType);
        Assert.Equal(typeof(Task<RunReport>), current.ReturnType);
    }

    [Fact]
    public void EveryTypeTheDashboardExchangesWithTheApiIsAContractsType()
    {
        var methods = typeof(PipelineApiClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var exchanged = methods.SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
            .SelectMany(Leaves)
            .Where(t => t.Assembly != typeof(object).Assembly)
            .Distinct()
            .ToList();

        Assert.Contains(typeof(LimiterConfigResponse), exchanged);
        Assert.Contains(typeof(StorageStatus), exchanged);
        Assert.All(exchanged, t => Assert.Same(s_contracts, t.Assembly));
    }

    [Fact]
    public void AStoredEventsPayloadTravelsAsJsonAndReachesTheDashboardAsTheSameText()
    {
        var page = new EventPage([new StoredEvent("wire-contract-1", "e-1", "tests", """{"n":1,"tags":["a"]}""", null, DateTimeOffset.UnixEpoch)], null);

        var json = JsonSerializer.Serialize(page, PipelineApiClient.Json);
        var read = JsonSerializer.Deserialize<EventPage>(json, PipelineApiClient.Json)!;

        Assert.Contains("""
            "payload":{"n":1,"tags":["a"]}
            """, json, StringComparison.Ordinal);
        Assert.Equal("""{"n":1,"tags":["a"]}""", Assert.Single(read.Events).Payload);
    }

    [Fact]
    public void APolicyChangeTheDashboardSendsNamesItsModesAsTheApiReadsThem()
    {
        var json = JsonSerializer.Serialize(new PolicyOverride(PolicyMode.Shadow, FailureMode.Local), PipelineApiClient.Json);

        var read = JsonSerializer.Deserialize<PolicyOverride>("""{"mode":"shadow","failure_mode":"closed"}""");

        Assert.Equal("""{"mode":"Shadow","failure_mode":"Local"}""", json);
        Assert.Equal(new PolicyOverride(PolicyMode.Shadow, FailureMode.Closed), read);
    }

    // Task<List<TopClient>?> is made of TopClient; the generic wrappers are the framework's.
    private static IEnumerable<Type> Leaves(Type type) =>
        type.IsGenericType ? type.GetGenericArguments().SelectMany(Leaves) : [type];

    [Fact]
    public void TheApiAnswersTheLimiterConfigAndItsHistoryWithTheTypesTheDashboardReads()
    {
        var read = typeof(PipelineApiClient).GetMethod(nameof(PipelineApiClient.GetLimiterConfigAsync))!.ReturnType;
        var history = typeof(PipelineApiClient).GetMethod(nameof(PipelineApiClient.GetLimiterHistoryAsync))!.ReturnType;

        var written = typeof(LimiterConfigWire).GetMethod(nameof(LimiterConfigWire.Response))!.ReturnType;
        var stored = typeof(LimiterConfigStore).GetMethod(nameof(LimiterConfigStore.HistoryAsync))!.ReturnType;

        Assert.Equal(typeof(Task<>).MakeGenericType(written), read);
        Assert.Equal(written.Assembly, s_contracts);
        Assert.Contains(typeof(LimiterConfigVersion), stored.GetGenericArguments().SelectMany(Leaves));
        Assert.Contains(typeof(LimiterConfigVersion), history.GetGenericArguments().SelectMany(Leaves));
    }

    [Fact]
    public void TheDashboardReadsTheLiveStreamIntoTheTypeTheApiWrites()
    {
        var written = typeof(ClusterLiveView).GetMethod(nameof(ClusterLiveView.Snapshot))!.ReturnType;

        var read = typeof(PipelineApiClient).GetMethod(nameof(PipelineApiClient.GetSnapshotAsync))!.ReturnType;

        Assert.Equal(typeof(LiveSnapshot), written);
        Assert.Equal(typeof(Task<LiveSnapshot>), read);
    }

    [Fact]
    public void TheClientLibraryReadsEveryAnswerIntoTheTypeTheApiWrites()
    {
        var methods = typeof(EventPipelineClient).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
        var answers = methods.Select(m => m.ReturnType).SelectMany(Leaves).Where(t => t.Assembly != typeof(object).Assembly).Distinct().ToList();

        Assert.Equal(
            [typeof(BatchResult), typeof(EventPage), typeof(IngestResult), typeof(StoredEvent)],
            answers.OrderBy(t => t.Name));
        Assert.All(answers, t => Assert.Same(s_contracts, t.Assembly));
    }

    [Fact]
    public void ABatchResultTravelsWithoutItsHelperPropertiesAndIsReadBackWhole()
    {
        var sent = new BatchResult(1, 0, 1, [
            new BatchItemResult(0, IngestStatus.Accepted, "e-1"),
            new BatchItemResult(1, IngestStatus.RateLimited, "e-2", RetryAfter: 3),
        ]);

        var json = JsonSerializer.Serialize(sent, PipelineApiClient.Json);
        var read = JsonSerializer.Deserialize<BatchResult>(json, PipelineApiClient.Json)!;

        Assert.DoesNotContain("is_stored", json, StringComparison.Ordinal);
        Assert.DoesNotContain("is_retryable", json, StringComparison.Ordinal);
        Assert.Contains("\"retry_after\":3", json, StringComparison.Ordinal);
        Assert.Equal([true, false], read.Results.Select(r => r.IsStored));
        Assert.Equal([false, true], read.Results.Select(r => r.IsRetryable));
    }
}
