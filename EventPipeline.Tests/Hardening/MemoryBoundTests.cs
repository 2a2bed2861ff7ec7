using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// After thousands of fuzzed requests and a huge body and a gzip bomb on every endpoint, the
/// process's peak memory is still under a bound that one buffered gigabyte would break.
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class MemoryBoundTests(KestrelApi api)
{
    [Fact]
    public async Task PeakMemoryStaysBoundedAfterFuzzHugeBodiesAndBombs()
    {
        await FuzzRunner.AssertContractAsync(api, "memory-event", 1500, FuzzCorpus.Event, api.WriterToken);
        await FuzzRunner.AssertContractAsync(api, "memory-batch", 500, FuzzCorpus.Batch, api.WriterToken);
        foreach (var endpoint in BodyEndpoint.All)
        {
            await SendAndDropAsync(endpoint, "Transfer-Encoding: chunked", BodyFiller.Chunk(BodyFiller.Piece), 50L << 20);
            await SendAndDropAsync(endpoint, $"Content-Length: {BodyFiller.GzipBomb.Length}\r\nContent-Encoding: gzip", BodyFiller.GzipBomb, BodyFiller.GzipBomb.Length);
        }

        MemoryBound.Assert(api);
    }

    private async Task SendAndDropAsync(BodyEndpoint endpoint, string framing, byte[] piece, long upTo)
    {
        await using var connection = await RawHttpConnection.OpenAsync(api);
        await connection.TrySendAsync(RawHttpConnection.Head(endpoint.RequestLine, endpoint.Authorization(api), $"Content-Type: {endpoint.ContentType}", framing));
        await connection.SendRepeatedlyAsync(piece, upTo);
        await connection.AnswerAsync(TimeSpan.FromSeconds(60));
    }
}
