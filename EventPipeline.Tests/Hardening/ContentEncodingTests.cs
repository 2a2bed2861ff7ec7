using System.IO.Compression;
using System.Net;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>Content-Encoding lies and codings other than gzip: once a 500 from the decompressor.</summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ContentEncodingTests(KestrelApi api)
{
    [Theory]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("gzip, gzip")]
    [InlineData("zstd")]
    public async Task AContentEncodingOtherThanGzipIs415(string encoding)
    {
        using var response = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"fuzz","payload":{}}"""), encoding);

        await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal("gzip", response.Headers.GetValues("Accept-Encoding").Single());
    }

    [Fact]
    public async Task ABodyThatClaimsGzipButIsNotIs400()
    {
        using var response = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"fuzz","payload":{}}"""), "gzip");

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("gzip", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGzipBodyStillWorks()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"fuzz","payload":{}}"""));
        }

        using var response = await HardeningHttp.PostEventAsync(api, compressed.ToArray(), "gzip");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
