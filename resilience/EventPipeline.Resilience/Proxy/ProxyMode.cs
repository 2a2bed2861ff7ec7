namespace EventPipeline.Resilience.Proxy;

public enum ProxyMode
{
    /// <summary>Bytes pass both ways, after the configured latency.</summary>
    Forward,

    /// <summary>Every open connection is reset and new ones are reset as soon as they arrive.</summary>
    Drop,

    /// <summary>Connections stay open but nothing gets through: a partition TCP cannot see.</summary>
    Blackhole,
}
