using System.Text;
using EventPipeline.LoadGen.RawHttp;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class HttpResponseFrameTests
{
    private const string Problem = "{\"status\":429}";

    private static bool TryRead(string text, out HttpResponseFrame frame) =>
        HttpResponseFrame.TryRead(Encoding.ASCII.GetBytes(text), out frame);

    [Fact]
    public void AResponseWithContentLengthEndsAfterItsBody()
    {
        var response = $"HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/problem+json\r\nRetry-After: 1\r\nContent-Length: {Problem.Length}\r\n\r\n{Problem}";

        Assert.True(TryRead(response, out var frame));

        Assert.Equal(new HttpResponseFrame(429, response.Length, KeepAlive: true), frame);
    }

    [Fact]
    public void AChunkedResponseEndsAfterItsLastChunk()
    {
        var response = "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n4;ext=1\r\n1}  \r\n0\r\n\r\n";

        Assert.True(TryRead(response, out var frame));

        Assert.Equal(new HttpResponseFrame(202, response.Length, KeepAlive: true), frame);
    }

    [Fact]
    public void TrailerFieldsAfterTheLastChunkBelongToTheResponse()
    {
        var response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Trailer: 1\r\n\r\n";

        Assert.True(TryRead(response, out var frame));

        Assert.Equal(response.Length, frame.Length);
    }

    [Fact]
    public void EveryPrefixOfAResponseIsIncomplete()
    {
        var responses = new[]
        {
            $"HTTP/1.1 503 Service Unavailable\r\nContent-Length: {Problem.Length}\r\n\r\n{Problem}",
            "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n",
        };

        foreach (var response in responses)
        {
            for (var length = 0; length < response.Length; length++)
            {
                Assert.False(TryRead(response[..length], out _), $"complete after {length} of {response.Length} bytes");
            }

            Assert.True(TryRead(response, out _));
        }
    }

    [Fact]
    public void AChunkSizeNearTheLargestIntegerIsIncompleteNotAnOverflow()
    {
        Assert.False(TryRead("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n7FFFFFFF\r\nabc\r\n0\r\n\r\n", out _));
    }

    [Fact]
    public void BytesAfterTheResponseAreNotPartOfIt()
    {
        var response = "HTTP/1.1 204 No Content\r\nDate: x\r\n\r\n";

        Assert.True(TryRead(response + "HTTP/1.1 200 OK\r\n", out var frame));

        Assert.Equal(new HttpResponseFrame(204, response.Length, KeepAlive: true), frame);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nconnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200\r\ncontent-length: 0\r\n\r\n", true)]
    public void TheConnectionIsKeptAliveUnlessTheResponseSaysOtherwise(string response, bool keepAlive)
    {
        Assert.True(TryRead(response, out var frame));

        Assert.Equal(keepAlive, frame.KeepAlive);
    }

    [Theory]
    [InlineData("HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\nContent-Length: 0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokay\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\n\r\nunframed body")]
    [InlineData("HTTP/1.1 100 Continue\r\n\r\n")]
    public void BytesThatAreNotAFramedResponseAreRejected(string response)
    {
        Assert.Throws<InvalidDataException>(() => TryRead(response, out _));
    }
}
