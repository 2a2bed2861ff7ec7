using System.Diagnostics;
using EventPipeline.Api.Http;
using EventPipeline.Api.Limiting.AspNetCore;
using EventPipeline.Api.Limiting.Policies;
using EventPipeline.Contracts.Limiting;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace EventPipeline.Tests.Unit.Limiting;

/// <summary>
/// The middleware's direct 429 against the framework's (RejectionResponses through IProblemDetailsService),
/// both under the API's own problem-details and JSON settings: a change to either shows here.
/// </summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class TooManyRequestsWriterTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly TooManyRequestsWriter _writer;

    public TooManyRequestsWriterTests()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.AddApiProblemDetails();
        _services = builder.Services.BuildServiceProvider();
        _writer = new TooManyRequestsWriter(_services.GetRequiredService<IOptions<JsonOptions>>());
    }

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(LimitOutcome.Limited, 1000.0, null)]
    [InlineData(LimitOutcome.Limited, 0.2, "*/*")]
    [InlineData(LimitOutcome.LocalLimited, 59.5, "application/json")]
    [InlineData(LimitOutcome.Limited, 3.0, "application/problem+json")]
    [InlineData(LimitOutcome.Limited, 7.0, "application/*")]
    public async Task TheDirectRefusalIsByteForByteTheOneTheFrameworkWrites(LimitOutcome outcome, double retryAfterSeconds, string? accept)
    {
        var decision = Refusal(outcome, retryAfterSeconds);
        using var activity = new Activity("refused-request").Start();

        var framework = await RespondAsync(accept, context => RejectionResponses.For(decision).ExecuteAsync(context));
        var direct = await RespondAsync(accept, context => _writer.WriteAsync(context, decision));

        Assert.True(TooManyRequestsWriter.Handles(decision, NewContext(accept).Request));
        Assert.Equal(StatusCodes.Status429TooManyRequests, direct.Status);
        Assert.Equal(framework.Status, direct.Status);
        Assert.Equal(framework.ContentType, direct.ContentType);
        Assert.Equal(framework.Body, direct.Body);
        Assert.Contains(activity.Id!, direct.Body);
    }

    [Fact]
    public async Task WithoutATraceTheRequestsIdentifierIsTheTraceIdAsTheFrameworkWritesIt()
    {
        Assert.Null(Activity.Current);
        var decision = Refusal(LimitOutcome.Limited, 12);

        var framework = await RespondAsync(null, context => RejectionResponses.For(decision).ExecuteAsync(context));
        var direct = await RespondAsync(null, context => _writer.WriteAsync(context, decision));

        Assert.Equal(framework.Body, direct.Body);
        Assert.Contains("\"trace_id\":\"request-under-test\"", direct.Body);
    }

    [Fact]
    public async Task APolicyNameTooLongToFormatOnTheStackStillGivesTheFrameworksBytes()
    {
        var decision = Refusal(LimitOutcome.Limited, 30) with { Policy = new string('p', 300) };

        var framework = await RespondAsync(null, context => RejectionResponses.For(decision).ExecuteAsync(context));
        var direct = await RespondAsync(null, context => _writer.WriteAsync(context, decision));

        Assert.Equal(framework.Body, direct.Body);
        Assert.Contains(new string('p', 300), direct.Body);
    }

    [Theory]
    [InlineData(LimitOutcome.Limited, "text/html")]
    [InlineData(LimitOutcome.Limited, "application/xml")]
    [InlineData(LimitOutcome.Limited, "application/json, text/plain")]
    [InlineData(LimitOutcome.TooLarge, null)]
    [InlineData(LimitOutcome.FailedClosed, null)]
    [InlineData(LimitOutcome.ShadowLimited, null)]
    public void OtherAcceptHeadersAndOtherRefusalsKeepTheFrameworksPath(LimitOutcome outcome, string? accept)
    {
        Assert.False(TooManyRequestsWriter.Handles(Refusal(outcome, 5), NewContext(accept).Request));
    }

    private static LimitDecision Refusal(LimitOutcome outcome, double retryAfterSeconds) =>
        new("ingest", outcome, BucketLimit.Of(1, 0.001), 0, TimeSpan.FromSeconds(retryAfterSeconds), TimeSpan.FromSeconds(1000));

    private DefaultHttpContext NewContext(string? accept)
    {
        var context = new DefaultHttpContext { RequestServices = _services, TraceIdentifier = "request-under-test" };
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }
        context.Response.Body = new MemoryStream();
        return context;
    }

    private async Task<(int Status, string? ContentType, string Body)> RespondAsync(string? accept, Func<HttpContext, Task> respond)
    {
        var context = NewContext(accept);
        await respond(context);
        await context.Response.CompleteAsync();
        var body = System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        return (context.Response.StatusCode, context.Response.ContentType, body);
    }
}
