using System.Net;
using System.Net.Sockets;

namespace EventPipeline.Tests.Integration.LocalServers;

internal static class ListeningPort
{
    /// <summary>Whether anything accepts a connection on this loopback port.</summary>
    public static async Task<bool> AnswersAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static bool ProcessIsGone(int processId) => !Directory.Exists($"/proc/{processId}");
}
