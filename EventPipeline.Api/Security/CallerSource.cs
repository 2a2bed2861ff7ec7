using System.Net;
using System.Net.Sockets;

namespace EventPipeline.Api.Security;

/// <summary>
/// The network source a request is limited by: the IPv4 address, or the IPv6 /64 (one subscriber's
/// prefix, inside which an attacker can pick any of 2^64 addresses).
/// </summary>
public static class CallerSource
{
    public static string Of(HttpContext context) => Of(context.Connection.RemoteIpAddress);

    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
