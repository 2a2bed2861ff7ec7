using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Slowloris: headers one byte at a time, a body below the minimum data rate. The server cuts
/// both off by its limits (10 s for headers, 240 B/s after 5 s for a body) and serves everyone
/// else meanwhile. The guards are minutes-generous: what is checked is that the cut comes, not how fast.
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class SlowSenderTests(KestrelApi api)
{
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_trickle = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task TrickledHeadersAndBodiesAreCutOffWhileOthersAreServed()
    {
        await using var headers = await RawHttpConnection.OpenAsync(api);
        await using var body = await RawHttpConnection.OpenAsync(api);
        await body.TrySendAsync(RawHttpConnection.Head("POST /v1/events HTTP/1.1", $"Authorization: Bearer {api.WriterToken}",
            "Content-Type: application/json", "Content-Length: 10000"));

        var headersCut = TrickleUntilCutAsync(headers, "GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        var bodyCut = TrickleUntilCutAsync(body, "{\"event_id\":\"");
        await AssertOthersAreServedAsync();

        var headersAnswer = await headersCut;
        var bodyAnswer = await bodyCut;
        // Kestrel closes a connection whose headers did not arrive in time, some versions after an empty 408.
        Assert.True(headersAnswer is null || headersAnswer.Status == 408, $"Trickled headers: {headersAnswer}");
        // The body read fails inside our endpoint, whose problem may still make it out before the close.
        Assert.True(bodyAnswer is null || (bodyAnswer.Status == 408 && bodyAnswer.ContractViolation() is null), $"Trickled body: {bodyAnswer}");
        MemoryBound.Assert(api);
    }

    private static async Task<RawHttpResponse?> TrickleUntilCutAsync(RawHttpConnection connection, string start)
    {
        await connection.TrySendAsync(start);
        var deadline = DateTime.UtcNow + s_guard;
        var cut = false;
        while (!cut && DateTime.UtcNow < deadline)
        {
            // A refused write is the cut too: a reset can fail the write before the reader has seen the close.
            cut = !await connection.TrySendAsync("a");
            await Task.Delay(s_trickle);
        }
        Assert.True(cut, $"Neither answered nor closed after {s_guard.TotalSeconds} s of trickling.");
        return await connection.AnswerAsync(s_guard);
    }

    private async Task AssertOthersAreServedAsync()
    {
        using var http = api.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync("/v1/ping");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}
