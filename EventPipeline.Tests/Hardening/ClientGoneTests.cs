using System.Net;
using System.Net.Sockets;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>A client that resets its connection halfway through a body is not a server error.</summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class ClientGoneTests(KestrelApi api)
{
    [Fact]
    public async Task AConnectionResetMidBodyIsNotLoggedAsAnUnhandledError()
    {
        for (var i = 0; i < 5; i++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, api.Port);
            var head = RawHttpConnection.Head("POST /v1/events HTTP/1.1", $"Authorization: Bearer {api.WriterToken}",
                "Content-Type: application/json", "Content-Length: 5000");
            await socket.SendAsync(Encoding.ASCII.GetBytes(head + "{\"event_id\":\"" + Guid.NewGuid()));
            await Task.Delay(200);
            // Linger 0 turns the close into a TCP reset, as a crashing or killed client does.
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
            socket.Close();
        }

        // The server notices the resets on its own schedule; a few requests later it has.
        using var http = api.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var ping = await http.GetAsync("/v1/ping");
            Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
            await Task.Delay(200);
        }

        Assert.DoesNotContain("ConnectionResetException", api.RecentOutput(), StringComparison.Ordinal);
    }
}
