using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class RedisClusterTests(LocalRedisCluster cluster) : IClassFixture<LocalRedisCluster>
{
    [Fact]
    public async Task TheSameScriptChargesSeveralBucketsAllOrNoneOnEveryMasterOfACluster()
    {
        var clock = new ManualClock();
        await using var harness = await LimiterHarness.StartAsync(cluster.ConnectionString, clock);
        (string, BucketLimit)[] both = [("ingest", BucketLimit.Of(10, 1)), ("batch", BucketLimit.Of(4, 1))];
        var clients = Enumerable.Range(0, 12).Select(i => $"cluster-{i}").ToArray();

        foreach (var clientId in clients)
        {
            var subject = LimitSubject.Client(clientId);
            var first = await harness.Buckets.CheckAsync(subject, both, 3);
            var second = await harness.Buckets.CheckAsync(subject, both, 3);
            var ingestOnly = await harness.Buckets.CheckAsync(subject, [both[0]], 7);

            Assert.Equal(BucketCheckStatus.Allowed, first.Status);
            Assert.Equal(BucketCheckStatus.Limited, second.Status);
            Assert.Equal(BucketCheckStatus.Allowed, ingestOnly.Status);
            Assert.Equal(0, ingestOnly.Remaining);
        }

        var db = harness.Redis.GetDatabase();
        var masters = clients.Select(c => db.IdentifyEndpoint($"ep:{{{c}}}:ingest")?.ToString()).Distinct().Count();
        Assert.Equal(3, masters);
    }

    [Fact]
    public async Task ReloadsTheScriptOnEveryMasterAfterAFlush()
    {
        await using var harness = await LimiterHarness.StartAsync(cluster.ConnectionString, new ManualClock());
        var clients = Enumerable.Range(0, 12).Select(i => LimitSubject.Client($"cluster-flush-{i}")).ToArray();
        foreach (var subject in clients)
        {
            await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(5, 1))], 1);
        }

        await using (var admin = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString + ",allowAdmin=true"))
        {
            foreach (var server in admin.GetServers())
            {
                await server.ScriptFlushAsync();
            }
        }

        foreach (var subject in clients)
        {
            var check = await harness.Buckets.CheckAsync(subject, [("ingest", BucketLimit.Of(5, 1))], 1);
            Assert.Equal(BucketCheckStatus.Allowed, check.Status);
            Assert.Equal(3, check.Remaining);
        }
    }
}
