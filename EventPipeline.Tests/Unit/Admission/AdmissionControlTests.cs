using System.Text.Json;
using EventPipeline.Api.Admission;
using EventPipeline.Api.Http;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventPipeline.Tests.Unit.Admission;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class AdmissionControlTests
{
    private readonly AdmissionDoor _door = new();

    [Fact]
    public async Task AReplicaWhoseWorkWaitsTooLongForAThreadAnswers503WithRetryAfterAndDoesNoWork()
    {
        _door.ThreadPool.Current = TimeSpan.FromMilliseconds(21);

        var (context, reached) = await _door.SendAsync("/v1/events");

        Assert.False(reached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", context.Response.ContentType);
        using var problem = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(1, problem.RootElement.GetProperty("retry_after").GetInt32());
    }

    [Fact]
    public async Task AReplicaWithinItsQueueDelayTargetAdmitsEverything()
    {
        _door.ThreadPool.Current = TimeSpan.FromMilliseconds(20);

        var (context, reached) = await _door.SendAsync("/v1/events");

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    public async Task HealthAndMetricsAnswerEvenAnOverloadedReplica(string path)
    {
        _door.ThreadPool.Current = TimeSpan.FromSeconds(5);

        var (_, reached) = await _door.SendAsync(path);

        Assert.True(reached);
    }

    [Fact]
    public async Task AStandingCommitQueueShedsNewWritesButNotReadsTokensOrOtherRequests()
    {
        _door.Commit.Current = TimeSpan.FromMilliseconds(21);

        await _door.AssertWritesAreShedButNotReadsOrTokensAsync();
    }

    [Fact]
    public async Task ACommitQueueWithinTheTargetAdmitsWrites()
    {
        _door.Commit.Current = TimeSpan.FromMilliseconds(20);

        var (_, reached) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
    }

    [Fact]
    public async Task WhileEveryAdmittedWriteTookTooLongNewWritesAreShedButReadsAreNot()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 21);

        await _door.AssertWritesAreShedButNotReadsOrTokensAsync();

        Assert.Equal(TimeSpan.FromMilliseconds(21), _door.ResponseTime.StandingDelay);
    }

    [Fact]
    public async Task TooFewWritesOrOneQuickWriteAmongSlowOnesKeepWritesAdmitted()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites - 1, milliseconds: 500);

        // Each of these is itself answered at once, so it is timed at 0 ms.
        var (_, afterTooFew) = await _door.SendAsync("/v1/events", HttpMethods.Post);
        var (_, afterOneQuick) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(afterTooFew);
        Assert.True(afterOneQuick);
        Assert.Equal(TimeSpan.Zero, _door.ResponseTime.StandingDelay);
    }

    [Fact]
    public async Task WritesTheReplicaDidNotStoreAreNotTimed()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 100, StatusCodes.Status429TooManyRequests);
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 100, StatusCodes.Status503ServiceUnavailable);

        var (_, reached) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
    }

    [Fact]
    public async Task BatchesAreNotTimedTheirTimeGrowsWithTheirSize()
    {
        var answer = new TaskCompletionSource();
        var batches = Enumerable.Range(0, WriteResponseTime.MinimumWrites).Select(_ => _door.SendAsync("/v1/events/batch", HttpMethods.Post, async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            await answer.Task;
        })).ToArray();
        _door.Clock.AdvanceMilliseconds(100);
        answer.SetResult();
        await Task.WhenAll(batches);

        var (_, reached) = await _door.SendAsync("/v1/events/batch", HttpMethods.Post);

        Assert.True(reached);
        Assert.Equal(TimeSpan.Zero, _door.ResponseTime.StandingDelay);
    }

    [Fact]
    public async Task AWriteIsTimedFromWhenItsBodyArrivedNotWhileItsClientWasStillSendingIt()
    {
        await WritesTrickledAsync(sendingMilliseconds: 500, afterArrivalMilliseconds: 0);

        var (_, reached) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
        Assert.Equal(TimeSpan.Zero, _door.ResponseTime.StandingDelay);
    }

    [Fact]
    public async Task WritesSlowAfterTheirBodyArrivedStillShed()
    {
        await WritesTrickledAsync(sendingMilliseconds: 500, afterArrivalMilliseconds: 21);

        var (_, reached) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.False(reached);
        Assert.Equal(TimeSpan.FromMilliseconds(21), _door.ResponseTime.StandingDelay);
    }

    // Writes in flight together whose bodies take this long to arrive (the reader marks the arrival),
    // each answered 202 once the test clock has moved on by the second figure after that.
    private async Task WritesTrickledAsync(double sendingMilliseconds, double afterArrivalMilliseconds)
    {
        var bodiesSent = new TaskCompletionSource();
        var marked = 0;
        var allMarked = new TaskCompletionSource();
        var answer = new TaskCompletionSource();
        var writes = Enumerable.Range(0, WriteResponseTime.MinimumWrites).Select(_ => _door.SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            await bodiesSent.Task;
            BodyArrival.MarkArrived(context);
            if (Interlocked.Increment(ref marked) == WriteResponseTime.MinimumWrites)
            {
                allMarked.SetResult();
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await answer.Task;
        })).ToArray();
        _door.Clock.AdvanceMilliseconds(sendingMilliseconds);
        bodiesSent.SetResult();
        await allMarked.Task;
        _door.Clock.AdvanceMilliseconds(afterArrivalMilliseconds);
        answer.SetResult();
        Assert.All(await Task.WhenAll(writes), write => Assert.True(write.Reached));
    }

    // Writes in flight together, each answered with this status once the test clock has moved on by this much.
    private async Task WritesTakingAsync(int count, double milliseconds, int status = StatusCodes.Status202Accepted)
    {
        var answer = new TaskCompletionSource();
        var writes = Enumerable.Range(0, count).Select(_ => _door.SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            context.Response.StatusCode = status;
            await answer.Task;
        })).ToArray();
        _door.Clock.AdvanceMilliseconds(milliseconds);
        answer.SetResult();
        Assert.All(await Task.WhenAll(writes), write => Assert.True(write.Reached));
    }
}
