using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using EventPipeline.Api.Admission;
using EventPipeline.Api.Http;
using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Admission;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class AdmissionControlTests
{
    private readonly FakeQueueDelay _delay = new("thread_pool");
    private readonly FakeQueueDelay _commit = new("commit");
    private readonly ManualClock _clock = new();
    private readonly WriteResponseTime _responseTime;
    private readonly WritesInProgress _inProgress = new(Options.Create(new AdmissionOptions { MaxWritesInProgressPerCore = 1 }));

    public AdmissionControlTests() => _responseTime = new WriteResponseTime(_clock);

    [Fact]
    public async Task AReplicaWhoseWorkWaitsTooLongForAThreadAnswers503WithRetryAfterAndDoesNoWork()
    {
        _delay.Current = TimeSpan.FromMilliseconds(21);

        var (context, reached) = await SendAsync("/v1/events");

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
        _delay.Current = TimeSpan.FromMilliseconds(20);

        var (context, reached) = await SendAsync("/v1/events");

        Assert.True(reached);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    [InlineData("/metrics")]
    public async Task HealthAndMetricsAnswerEvenAnOverloadedReplica(string path)
    {
        _delay.Current = TimeSpan.FromSeconds(5);

        var (_, reached) = await SendAsync(path);

        Assert.True(reached);
    }

    [Fact]
    public async Task AStandingCommitQueueShedsNewWritesButNotReadsTokensOrOtherRequests()
    {
        _commit.Current = TimeSpan.FromMilliseconds(21);

        var (write, writeReached) = await SendAsync("/v1/events", HttpMethods.Post);
        var (batch, batchReached) = await SendAsync("/v1/events/batch", HttpMethods.Post);
        var (_, readReached) = await SendAsync("/v1/events", HttpMethods.Get);
        var (_, tokenReached) = await SendAsync("/auth/token", HttpMethods.Post);

        Assert.False(writeReached);
        Assert.False(batchReached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, write.Response.StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, batch.Response.StatusCode);
        Assert.True(readReached);
        Assert.True(tokenReached);
    }

    [Fact]
    public async Task ACommitQueueWithinTheTargetAdmitsWrites()
    {
        _commit.Current = TimeSpan.FromMilliseconds(20);

        var (_, reached) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
    }

    [Fact]
    public async Task WhileEveryAdmittedWriteTookTooLongNewWritesAreShedButReadsAreNot()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 21);

        var (write, writeReached) = await SendAsync("/v1/events", HttpMethods.Post);
        var (_, readReached) = await SendAsync("/v1/events", HttpMethods.Get);

        Assert.Equal(TimeSpan.FromMilliseconds(21), _responseTime.StandingDelay);
        Assert.False(writeReached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, write.Response.StatusCode);
        Assert.True(readReached);
    }

    [Fact]
    public async Task TooFewWritesOrOneQuickWriteAmongSlowOnesKeepWritesAdmitted()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites - 1, milliseconds: 500);

        // Each of these is itself answered at once, so it is timed at 0 ms.
        var (_, afterTooFew) = await SendAsync("/v1/events", HttpMethods.Post);
        var (_, afterOneQuick) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(afterTooFew);
        Assert.True(afterOneQuick);
        Assert.Equal(TimeSpan.Zero, _responseTime.StandingDelay);
    }

    [Fact]
    public async Task WritesTheReplicaDidNotStoreAreNotTimed()
    {
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 100, StatusCodes.Status429TooManyRequests);
        await WritesTakingAsync(WriteResponseTime.MinimumWrites, milliseconds: 100, StatusCodes.Status503ServiceUnavailable);

        var (_, reached) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
    }

    [Fact]
    public async Task BatchesAreNotTimedTheirTimeGrowsWithTheirSize()
    {
        var answer = new TaskCompletionSource();
        var batches = Enumerable.Range(0, WriteResponseTime.MinimumWrites).Select(_ => SendAsync("/v1/events/batch", HttpMethods.Post, async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            await answer.Task;
        })).ToArray();
        _clock.AdvanceMilliseconds(100);
        answer.SetResult();
        await Task.WhenAll(batches);

        var (_, reached) = await SendAsync("/v1/events/batch", HttpMethods.Post);

        Assert.True(reached);
        Assert.Equal(TimeSpan.Zero, _responseTime.StandingDelay);
    }

    [Fact]
    public async Task AWriteIsTimedFromWhenItsBodyArrivedNotWhileItsClientWasStillSendingIt()
    {
        await WritesTrickledAsync(sendingMilliseconds: 500, afterArrivalMilliseconds: 0);

        var (_, reached) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(reached);
        Assert.Equal(TimeSpan.Zero, _responseTime.StandingDelay);
    }

    [Fact]
    public async Task WritesSlowAfterTheirBodyArrivedStillShed()
    {
        await WritesTrickledAsync(sendingMilliseconds: 500, afterArrivalMilliseconds: 21);

        var (_, reached) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.False(reached);
        Assert.Equal(TimeSpan.FromMilliseconds(21), _responseTime.StandingDelay);
    }

    [Fact]
    public async Task WhileAsManyWritesAsTheBoundAreInProgressNewWritesAreShedButReadsAreNot()
    {
        var answer = new TaskCompletionSource();
        var writes = await WritesInProgressAsync(_inProgress.Limit, answer.Task, bodiesArrive: true);

        var (write, writeReached) = await SendAsync("/v1/events", HttpMethods.Post);
        var (batch, batchReached) = await SendAsync("/v1/events/batch", HttpMethods.Post);
        var (_, readReached) = await SendAsync("/v1/events", HttpMethods.Get);
        answer.SetResult();
        await Task.WhenAll(writes);
        var (_, afterwards) = await SendAsync("/v1/events", HttpMethods.Post);

        Assert.False(writeReached);
        Assert.False(batchReached);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, write.Response.StatusCode);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, batch.Response.StatusCode);
        Assert.True(readReached);
        Assert.True(afterwards);
        Assert.Equal(0, _inProgress.Count);
    }

    [Fact]
    public async Task AWriteWhoseBodyHasNotArrivedHoldsNoPlace()
    {
        var answer = new TaskCompletionSource();
        var trickling = await WritesInProgressAsync(_inProgress.Limit * 4, answer.Task, bodiesArrive: false);

        var (_, reached) = await SendAsync("/v1/events", HttpMethods.Post);
        answer.SetResult();
        await Task.WhenAll(trickling);

        Assert.True(reached);
        Assert.Equal(0, _inProgress.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteWhoseBodyCameWithItsHeadersCountsFromTheDoor(bool wholeBody)
    {
        var answer = new TaskCompletionSource();
        var reached = 0;
        var allReached = new TaskCompletionSource();
        // The endpoint never reads the bodies: only what was already here at the door can count.
        var writes = Enumerable.Range(0, _inProgress.Limit).Select(_ => SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            if (Interlocked.Increment(ref reached) == _inProgress.Limit)
            {
                allReached.SetResult();
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await answer.Task;
        }, body: wholeBody ? "{\"event_id\":\"e\"}" : "{\"event_")).ToArray();
        await allReached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var (_, nextReached) = await SendAsync("/v1/events", HttpMethods.Post);
        answer.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(!wholeBody, nextReached);
        Assert.Equal(0, _inProgress.Count);
    }

    // Writes admitted and held until the answer is released; with their bodies arrived (the reader marks it) or still on their way.
    private async Task<Task[]> WritesInProgressAsync(int count, Task release, bool bodiesArrive)
    {
        var reached = 0;
        var allReached = new TaskCompletionSource();
        var writes = Enumerable.Range(0, count).Select(_ => (Task)SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            if (bodiesArrive)
            {
                BodyArrival.MarkArrived(context);
            }
            if (Interlocked.Increment(ref reached) == count)
            {
                allReached.SetResult();
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await release;
        })).ToArray();
        // Bounded: a write shed at the door never reaches the endpoint, and the test must fail, not hang.
        await allReached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return writes;
    }

    // Writes in flight together whose bodies take this long to arrive (the reader marks the arrival),
    // each answered 202 once the test clock has moved on by the second figure after that.
    private async Task WritesTrickledAsync(double sendingMilliseconds, double afterArrivalMilliseconds)
    {
        var bodiesSent = new TaskCompletionSource();
        var marked = 0;
        var allMarked = new TaskCompletionSource();
        var answer = new TaskCompletionSource();
        var writes = Enumerable.Range(0, WriteResponseTime.MinimumWrites).Select(_ => SendAsync("/v1/events", HttpMethods.Post, async context =>
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
        _clock.AdvanceMilliseconds(sendingMilliseconds);
        bodiesSent.SetResult();
        await allMarked.Task;
        _clock.AdvanceMilliseconds(afterArrivalMilliseconds);
        answer.SetResult();
        Assert.All(await Task.WhenAll(writes), write => Assert.True(write.Reached));
    }

    // Writes in flight together, each answered with this status once the test clock has moved on by this much.
    private async Task WritesTakingAsync(int count, double milliseconds, int status = StatusCodes.Status202Accepted)
    {
        var answer = new TaskCompletionSource();
        var writes = Enumerable.Range(0, count).Select(_ => SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            context.Response.StatusCode = status;
            await answer.Task;
        })).ToArray();
        _clock.AdvanceMilliseconds(milliseconds);
        answer.SetResult();
        Assert.All(await Task.WhenAll(writes), write => Assert.True(write.Reached));
    }

    // A body given here is all in the request's pipe at the door, under a Content-Length that says it is complete
    // only when it is: "{\"event_" stands for a body still on its way.
    private async Task<(HttpContext Context, bool Reached)> SendAsync(string path, string? method = null, Func<HttpContext, Task>? endpoint = null,
        string? body = null)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().AddProblemDetails();
        services.AddSingleton<IQueueDelaySource>(_delay);
        services.AddSingleton<IWriteQueueDelaySource>(_commit);
        services.AddSingleton<IWriteQueueDelaySource>(_responseTime);
        services.AddSingleton(_inProgress);
        services.AddSingleton<AdmissionMetrics>();
        var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Path = path;
        context.Request.Method = method ?? HttpMethods.Get;
        context.Response.Body = new MemoryStream();
        if (body is not null)
        {
            var pipe = new Pipe();
            await pipe.Writer.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Features.Set<IRequestBodyPipeFeature>(new BodyPipe(pipe.Reader));
            context.Request.ContentLength = body.EndsWith('}') ? body.Length : body.Length + 20;
        }
        var reached = false;
        var middleware = new AdmissionControlMiddleware(
            next => { reached = true; return endpoint?.Invoke(next) ?? Task.CompletedTask; }, _delay, [_commit, _responseTime], _responseTime,
            _inProgress, provider.GetRequiredService<AdmissionMetrics>(), Options.Create(new AdmissionOptions { MaxQueueDelayMilliseconds = 20 }));

        await middleware.InvokeAsync(context);
        return (context, reached);
    }

    private sealed class BodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }

    private sealed class FakeQueueDelay(string queue) : IWriteQueueDelaySource
    {
        public string Queue => queue;

        public TimeSpan Current { get; set; }

        public TimeSpan StandingDelay => Current;
    }
}
