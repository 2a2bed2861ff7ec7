using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Bodies far larger than any endpoint takes, declared or endless: each endpoint answers 413
/// problem+json after reading a little of it, and the process never holds it in memory.
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class HugeBodyTests(KestrelApi api)
{
    private const long SentAtMost = 50L << 20;
    private const int OverLargestBatch = 2 << 20;

    public static TheoryData<string> Endpoints => BodyEndpoint.Names();

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ADeclaredGigabyteIs413AfterLittleOfItIsSent(string name)
    {
        var endpoint = BodyEndpoint.Named(name);
        await using var connection = await SendHeadAsync(endpoint, $"Content-Length: {BodyFiller.Gigabyte}");
        await connection.TrySendAsync(endpoint.StartBytes);
        await connection.SendRepeatedlyAsync(BodyFiller.Piece, SentAtMost);

        await AssertTooLargeAsync(connection);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AnEndlessChunkedBodyIs413(string name)
    {
        var endpoint = BodyEndpoint.Named(name);
        await using var connection = await SendHeadAsync(endpoint, "Transfer-Encoding: chunked");
        await connection.TrySendAsync(BodyFiller.Chunk(endpoint.StartBytes));
        await connection.SendRepeatedlyAsync(BodyFiller.Chunk(BodyFiller.Piece), SentAtMost);

        await AssertTooLargeAsync(connection);
    }

    // Kestrel's own limit would let 28 MiB through to endpoints that bind their body; ours is the largest batch.
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ACompleteBodyOverTheLargestBatchIs413EvenWhereItWouldBind(string name)
    {
        var endpoint = BodyEndpoint.Named(name);
        var body = (byte[])[.. endpoint.StartBytes, .. Enumerable.Repeat((byte)'a', OverLargestBatch), .. endpoint.EndBytes];
        await using var connection = await SendHeadAsync(endpoint, $"Content-Length: {body.Length}");
        await connection.TrySendAsync(body);

        await AssertTooLargeAsync(connection);
    }

    private async Task<RawHttpConnection> SendHeadAsync(BodyEndpoint endpoint, string framing)
    {
        var connection = await RawHttpConnection.OpenAsync(api);
        await connection.TrySendAsync(RawHttpConnection.Head(endpoint.RequestLine, endpoint.Authorization(api), $"Content-Type: {endpoint.ContentType}", framing));
        return connection;
    }

    private async Task AssertTooLargeAsync(RawHttpConnection connection)
    {
        var answer = await connection.AnswerAsync(TimeSpan.FromSeconds(60));
        Assert.True(answer is not null, $"Closed without an answer after {connection.BytesSent} bytes.\n{api.RecentOutput()}");
        Assert.True(answer.Status == 413 && answer.ContractViolation() is null, $"{answer} after {connection.BytesSent} bytes\n{api.RecentOutput()}");
        Assert.True(connection.BytesSent < SentAtMost, $"Answered only after all {connection.BytesSent} bytes were sent.");
        MemoryBound.Assert(api);
    }
}
