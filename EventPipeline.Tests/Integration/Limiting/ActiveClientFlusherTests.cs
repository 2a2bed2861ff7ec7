using EventPipeline.Api.Limiting.Activity;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace EventPipeline.Tests.Integration.Limiting;

[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ActiveClientFlusherTests(LocalRedisServer redis) : IClassFixture<LocalRedisServer>
{
    // A replica died in the resilience harness's redis-kill scenario: the flusher caught RedisException
    // and TimeoutException only, and an exception of another type ended its ExecuteAsync, which stops
    // the host. A disposed connection throws ObjectDisposedException, one such type, every time.
    [Fact]
    public async Task FlushesThatFailWithAnExceptionOutsideRedisOwnDoNotStopTheHost()
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IConnectionMultiplexer>(connection);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActiveClientTracker>();
        builder.Services.AddHostedService<ActiveClientFlusher>();
        using var host = builder.Build();
        var tracker = host.Services.GetRequiredService<ActiveClientTracker>();
        await host.StartAsync();

        tracker.Record("flushed-client", 1);
        await WaitUntilAsync(async () => (await tracker.TopAsync(10)).Any(c => c.ClientId == "flushed-client"));
        await connection.DisposeAsync();
        for (var second = 0; second < 3; second++)
        {
            tracker.Record("lost-client", 1);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        Assert.False(host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the flusher never wrote the counts to Redis");
            await Task.Delay(50);
        }
    }
}
