using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// About 1 MB of gzip that inflates to a gigabyte: refused with 413 (or 400) problem+json once the
/// inflated body passes the limit, on endpoints that read their body themselves and on those the
/// framework binds (whose decompression size check throws an InvalidOperationException, which
/// would be a 500 if it ever reached the exception handler).
/// </summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class GzipBombTests(KestrelApi api)
{
    public static TheoryData<string> Endpoints => BodyEndpoint.Names();

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AGzipBombIsRefusedWithAProblem(string name)
    {
        var endpoint = BodyEndpoint.Named(name);
        var bomb = BodyFiller.GzipBomb;
        await using var connection = await RawHttpConnection.OpenAsync(api);
        await connection.TrySendAsync(RawHttpConnection.Head(endpoint.RequestLine, endpoint.Authorization(api),
            $"Content-Type: {endpoint.ContentType}", "Content-Encoding: gzip", $"Content-Length: {bomb.Length}"));
        await connection.TrySendAsync(bomb);

        var answer = await connection.AnswerAsync(TimeSpan.FromSeconds(60));
        Assert.True(answer is not null, $"Closed without an answer.\n{api.RecentOutput()}");
        Assert.True(answer.Status is 413 or 400 && answer.ContractViolation() is null, $"{answer}\n{api.RecentOutput()}");
        MemoryBound.Assert(api);
    }
}
