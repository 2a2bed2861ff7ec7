using System.Reflection;
using StackExchange.Redis;

namespace EventPipeline.Bench.Floor;

/// <summary>
/// A connection whose databases send the limiter script as EVAL with its full text instead of
/// EVALSHA. Everything else passes through unchanged.
/// </summary>
public class EvalEveryCallMultiplexer : DispatchProxy
{
    private IConnectionMultiplexer _inner = null!;
    private string _source = "";

    public static IConnectionMultiplexer Wrap(IConnectionMultiplexer inner, string scriptSource)
    {
        var proxy = Create<IConnectionMultiplexer, EvalEveryCallMultiplexer>();
        var self = (EvalEveryCallMultiplexer)(object)proxy;
        self._inner = inner;
        self._source = scriptSource;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = Forward.Call(_inner, targetMethod!, args);
        return targetMethod!.Name == nameof(IConnectionMultiplexer.GetDatabase)
            ? EvalEveryCallDatabase.Wrap((IDatabase)result!, _source)
            : result;
    }
}
