using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventPipeline.Tests.Unit.Runtime;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class PeriodicRoundsTests
{
    // A BackgroundService whose ExecuteAsync throws stops the host (StopHost is the default). The
    // once-a-second Redis jobs caught a list of exception types, and a type outside the list
    // (RedisTimeoutException once, a cancelled command of a dying connection next) stopped a replica.
    public static TheoryData<Exception> Failures => new()
    {
        new TaskCanceledException("the connection died under the command"),
        new IOException("broken pipe"),
        new ObjectDisposedException("ConnectionMultiplexer"),
        new InvalidOperationException("anything else"),
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task AHostWhoseServiceFailsEveryRoundKeepsRunning(Exception failure)
    {
        var service = new FailingService(failure);
        using var host = Host.CreateDefaultBuilder().ConfigureServices(s => s.AddHostedService(_ => service)).Build();
        await host.StartAsync();

        await service.ThreeFailuresReported.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested);
        lock (service.Reported)
        {
            Assert.All(service.Reported, reported => Assert.Same(failure, reported));
        }
        await host.StopAsync();
    }

    [Fact]
    public async Task StoppingEndsTheLoopWithoutReportingAFailure()
    {
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var rounds = 0;
        var loop = PeriodicRounds.RunAsync(TimeSpan.FromMilliseconds(5), async ct =>
        {
            Interlocked.Increment(ref rounds);
            await Task.Delay(Timeout.Infinite, ct);
        }, _ => Interlocked.Increment(ref failures), stop.Token, firstRoundAtStart: true);

        while (Volatile.Read(ref rounds) == 0)
        {
            await Task.Delay(5);
        }
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop);
        Assert.Equal(0, failures);
    }

    private sealed class FailingService(Exception failure) : BackgroundService
    {
        public List<Exception> Reported { get; } = [];

        public TaskCompletionSource ThreeFailuresReported { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
            PeriodicRounds.RunAsync(TimeSpan.FromMilliseconds(10), _ => Task.FromException(failure), Report, stoppingToken);

        private void Report(Exception reported)
        {
            lock (Reported)
            {
                Reported.Add(reported);
                if (Reported.Count == 3)
                {
                    ThreeFailuresReported.TrySetResult();
                }
            }
        }
    }
}
