using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace EventPipeline.Api.Security;

internal static class TrustedProxyExtensions
{
    /// <summary>X-Forwarded-For from the configured proxies only, one hop: the address the limiter sees.</summary>
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TrustedProxyOptions>()
            .BindConfiguration(TrustedProxyOptions.SectionName)
            .Validate(o => !o.Errors().Any(), "ForwardedHeaders: every entry of KnownProxies must be an IP address and of KnownNetworks a CIDR network.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((forwarded, trusted) =>
        {
            // With both lists empty the middleware checks no sender at all and believes everyone (and
            // the orchestrator turns it on with ASPNETCORE_FORWARDEDHEADERS_ENABLED): no proxy, no header read.
            var anyProxy = trusted.Value.KnownProxies.Count > 0 || trusted.Value.KnownNetworks.Count > 0;
            forwarded.ForwardedHeaders = anyProxy ? ForwardedHeaders.XForwardedFor : ForwardedHeaders.None;
            forwarded.ForwardLimit = 1;
            // The framework trusts loopback by default; behind the AppHost's TCP proxy that would let
            // any local caller name its own address.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in trusted.Value.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
            foreach (var network in trusted.Value.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app) => app.UseForwardedHeaders();
}
