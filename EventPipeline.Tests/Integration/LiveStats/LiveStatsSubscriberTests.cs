using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class LiveStatsSubscriberTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    // The stop once failed a test host's shutdown with an ObjectDisposedException: the connection was
    // closed while the unsubscribe ran (a race not reproduced here). Redis being down is the case a
    // test can produce, and it failed the stop the same way.
    [Fact]
    public async Task StoppingWhileRedisIsDownStillStopsCleanly()
    {
        var options = ConfigurationOptions.Parse(redis.ConnectionString);
        options.AsyncTimeout = 500;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
        var subscriber = new LiveStatsSubscriber(new ClusterLiveView(), connection, NullLogger<LiveStatsSubscriber>.Instance);
        await subscriber.StartAsync(CancellationToken.None);

        redis.Pause();
        try
        {
            await subscriber.StopAsync(CancellationToken.None);
        }
        finally
        {
            redis.Resume();
        }
    }
}
