using System.Net;

namespace EventPipeline.Api.Security;

/// <summary>
/// The proxies whose <c>X-Forwarded-For</c> is believed. Nothing by default, loopback included: a
/// header from anyone else is ignored, so no caller can choose the address it is limited by.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Addresses of reverse proxies that set X-Forwarded-For, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<string> Errors()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"{SectionName}:KnownProxies holds '{proxy}', which is not an IP address.";
        }
        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return $"{SectionName}:KnownNetworks holds '{network}', which is not a CIDR network such as 10.0.0.0/24.";
        }
    }
}
