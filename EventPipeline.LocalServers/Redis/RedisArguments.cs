using System.Globalization;

namespace EventPipeline.LocalServers.Redis;

/// <summary>The command lines redis-server runs with: loopback only, and nothing kept unless a config file says so.</summary>
public static class RedisArguments
{
    public static IReadOnlyList<string> Ephemeral(int port) =>
        ["--port", Text(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];

    public static IReadOnlyList<string> ClusterNode(int port, string directory) =>
        [.. Ephemeral(port), "--cluster-enabled", "yes",
         "--cluster-config-file", Path.Combine(directory, $"nodes-{Text(port)}.conf"), "--dir", directory];

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
