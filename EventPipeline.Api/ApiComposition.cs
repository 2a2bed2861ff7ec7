using System.Reflection;
using System.Runtime.ExceptionServices;

namespace EventPipeline.Api;

/// <summary>
/// The seam for a host that runs this API's own Program with more services registered after the
/// API's (bench/FloorApi: the benchmark-only floor modes), so such modes stay out of this assembly.
/// A production start sets nothing, and the seam adds nothing.
/// </summary>
public static class ApiComposition
{
    private static Action<WebApplicationBuilder>? s_extend;

    /// <summary>Runs Program with <paramref name="extend"/> applied after the API's own registrations.</summary>
    public static void Run(string[] args, Action<WebApplicationBuilder> extend)
    {
        s_extend = extend;
        var api = typeof(ApiComposition).Assembly;
        // The API's name, not the host's: the telemetry sources and the environment are keyed by it.
        string[] asTheApi = ["--applicationName", api.GetName().Name!, .. args];
        try
        {
            api.EntryPoint!.Invoke(null, [asTheApi]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
        }
    }

    internal static void AddComposedServices(this WebApplicationBuilder builder) => s_extend?.Invoke(builder);
}
