using System.Net;

namespace EventPipeline.LoadGen.Engine;

// A dedicated handler per run instead of IHttpClientFactory: the service defaults add retries
// and resilience to factory clients, and a load generator that retries hides the load it measures.
public static class LoadGenHttp
{
    public static HttpClient CreateClient(int connections, bool http2) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
        AllowAutoRedirect = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };
}
