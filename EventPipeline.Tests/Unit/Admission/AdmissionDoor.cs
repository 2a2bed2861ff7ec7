using System.IO.Pipelines;
using System.Text;
using EventPipeline.Api.Admission;
using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Admission;

/// <summary>
/// The admission middleware alone in front of an endpoint the test supplies: queue signals the test
/// sets, a test clock for the write response time, and a bound of one write in progress per core.
/// </summary>
internal sealed class AdmissionDoor
{
    public AdmissionDoor() => ResponseTime = new WriteResponseTime(Clock);

    public FakeQueueDelay ThreadPool { get; } = new("thread_pool");

    public FakeQueueDelay Commit { get; } = new("commit");

    public ManualClock Clock { get; } = new();

    public WriteResponseTime ResponseTime { get; }

    public WritesInProgress InProgress { get; } = new(Options.Create(new AdmissionOptions { MaxWritesInProgressPerCore = 1 }));

    /// <summary>
    /// A body given here is all in the request's pipe at the door, under a Content-Length that says it is
    /// complete only when it is: "{\"event_" stands for a body still on its way.
    /// </summary>
    public async Task<(HttpContext Context, bool Reached)> SendAsync(string path, string? method = null, Func<HttpContext, Task>? endpoint = null,
        string? body = null)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().AddProblemDetails();
        services.AddSingleton<IQueueDelaySource>(ThreadPool);
        services.AddSingleton<IWriteQueueDelaySource>(Commit);
        services.AddSingleton<IWriteQueueDelaySource>(ResponseTime);
        services.AddSingleton(InProgress);
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
            next => { reached = true; return endpoint?.Invoke(next) ?? Task.CompletedTask; }, ThreadPool, [Commit, ResponseTime], ResponseTime,
            InProgress, provider.GetRequiredService<AdmissionMetrics>(), Options.Create(new AdmissionOptions { MaxQueueDelayMilliseconds = 20 }));

        await middleware.InvokeAsync(context);
        return (context, reached);
    }

    /// <summary>What every write-only signal promises: single and batch writes answered 503 at the door, reads and tokens served.</summary>
    public async Task AssertWritesAreShedButNotReadsOrTokensAsync()
    {
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

    private sealed class BodyPipe(PipeReader reader) : IRequestBodyPipeFeature
    {
        public PipeReader Reader => reader;
    }

    internal sealed class FakeQueueDelay(string queue) : IWriteQueueDelaySource
    {
        public string Queue => queue;

        public TimeSpan Current { get; set; }

        public TimeSpan StandingDelay => Current;
    }
}
