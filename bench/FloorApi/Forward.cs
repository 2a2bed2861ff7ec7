using System.Reflection;
using System.Runtime.ExceptionServices;

namespace EventPipeline.Bench.Floor;

internal static class Forward
{
    /// <summary>Calls the real object, rethrowing its own exception rather than reflection's wrapper.</summary>
    public static object? Call(object target, MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(ex.InnerException).Throw();
            throw;
        }
    }
}
