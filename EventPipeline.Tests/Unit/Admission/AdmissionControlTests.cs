using System.Text.Json;
using EventPipeline.Api.Admission;
using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Admission;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class AdmissionControlTests
{
    private readonly FakeQueueDelay _delay = new("thread_pool");
    private readonly FakeQueueDelay _commit = new("commit");

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

    private async Task<(HttpContext Context, bool Reached)> SendAsync(string path, string? method = null)
    {
        var services = new ServiceCollection().AddLogging().AddMetrics().AddProblemDetails();
        services.AddSingleton<IQueueDelaySource>(_delay);
        services.AddSingleton<IWriteQueueDelaySource>(_commit);
        services.AddSingleton<AdmissionMetrics>();
        var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Request.Path = path;
        context.Request.Method = method ?? HttpMethods.Get;
        context.Response.Body = new MemoryStream();
        var reached = false;
        var middleware = new AdmissionControlMiddleware(_ => { reached = true; return Task.CompletedTask; }, _delay, [_commit],
            provider.GetRequiredService<AdmissionMetrics>(), Options.Create(new AdmissionOptions { MaxQueueDelayMilliseconds = 20 }));

        await middleware.InvokeAsync(context);
        return (context, reached);
    }

    private sealed class FakeQueueDelay(string queue) : IWriteQueueDelaySource
    {
        public string Queue => queue;

        public TimeSpan Current { get; set; }

        public TimeSpan StandingDelay => Current;
    }
}
