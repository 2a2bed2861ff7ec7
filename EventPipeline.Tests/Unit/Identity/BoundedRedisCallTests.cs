using EventPipeline.Api.Identity;
using EventPipeline.Tests.Infrastructure;
using StackExchange.Redis;

namespace EventPipeline.Tests.Unit.Identity;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class BoundedRedisCallTests
{
    [Fact]
    public async Task ACallGivenUpOnThatFailsLaterHasItsFailureObservedAndReported()
    {
        var call = new TaskCompletionSource<bool>(TaskCreationOptions.None);
        var reported = new List<Exception>();

        await Assert.ThrowsAsync<TimeoutException>(() => BoundedRedisCall.WithinAsync(call.Task, TimeSpan.Zero, reported.Add));
        var late = new RedisConnectionException(ConnectionFailureType.SocketClosed, "gone after the deadline");
        call.SetException(late);

        Assert.Same(late, Assert.Single(reported));
    }

    [Fact]
    public async Task ACallAnsweredInTimeReturnsItsAnswerAndReportsNothing()
    {
        var reported = new List<Exception>();

        var answer = await BoundedRedisCall.WithinAsync(Task.FromResult(true), TimeSpan.FromMinutes(1), reported.Add);

        Assert.True(answer);
        Assert.Empty(reported);
    }

    [Fact]
    public async Task ACallGivenUpOnThatSucceedsLaterReportsNothing()
    {
        var call = new TaskCompletionSource<bool>(TaskCreationOptions.None);
        var reported = new List<Exception>();

        await Assert.ThrowsAsync<TimeoutException>(() => BoundedRedisCall.WithinAsync(call.Task, TimeSpan.Zero, reported.Add));
        call.SetResult(true);

        Assert.Empty(reported);
    }
}
