using System.Net;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Requests that are not valid HTTP/1.1. Kestrel refuses most before any middleware runs, with an
/// empty 400, 414 or 431 and a close: no problem+json is possible there, and that is accepted.
/// What is checked is the status, that nothing is a 5xx, and that the replica keeps serving.
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class MalformedHttpTests(KestrelApi api)
{
    public static TheoryData<string, string, int> Requests => new()
    {
        { "request line over 8 KiB", $"GET /v1/ping?q={new string('a', 9 * 1024)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 414 },
        { "headers over 32 KiB", $"GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\n{string.Concat(Enumerable.Range(0, 40).Select(i => $"X-Pad-{i}: {new string('a', 1000)}\r\n"))}\r\n", 431 },
        { "one header over 32 KiB", $"GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: {new string('a', 33 * 1024)}\r\n\r\n", 431 },
        { "NUL in the path", "GET /v1/\0ping HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 400 },
        { "NUL in a header value", "GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\0b\r\n\r\n", 400 },
        { "chunk size not hex", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {writer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400 },
        { "chunk size overflowing", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {writer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n", 400 },
        { "chunk longer than its size", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {writer}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}\r\n0\r\n\r\n", 400 },
        { "Content-Length and Transfer-Encoding", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {writer}\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400 },
        { "negative Content-Length", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n", 400 },
        { "non-numeric Content-Length", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n", 400 },
        { "two Content-Lengths", "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400 },
        { "header folded over two lines", "GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\n\r\n", 400 },
        { "space before the header colon", "GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A : a\r\n\r\n", 400 },
        { "no Host", "GET /v1/ping HTTP/1.1\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task IsRefusedWithA4xxAndTheReplicaKeepsServing(string what, string request, int expected)
    {
        await using var connection = await RawHttpConnection.OpenAsync(api);
        await connection.TrySendAsync(request.Replace("{writer}", api.WriterToken, StringComparison.Ordinal));

        var answer = await connection.AnswerAsync(TimeSpan.FromSeconds(60));
        Assert.True(answer is not null, $"{what}: closed without an answer");
        Assert.True(answer.Status == expected, $"{what}: {answer}");
        using var http = api.CreateClient();
        using var ping = await http.GetAsync("/v1/ping");
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }
}
