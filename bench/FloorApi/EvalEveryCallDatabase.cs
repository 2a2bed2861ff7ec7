using System.Reflection;
using StackExchange.Redis;

namespace EventPipeline.Bench.Floor;

/// <summary>Turns <c>ScriptEvaluateAsync(sha1, ...)</c> into EVAL with the script text; forwards everything else.</summary>
public class EvalEveryCallDatabase : DispatchProxy
{
    private IDatabase _inner = null!;
    private string _source = "";

    public static IDatabase Wrap(IDatabase inner, string scriptSource)
    {
        var proxy = Create<IDatabase, EvalEveryCallDatabase>();
        var self = (EvalEveryCallDatabase)(object)proxy;
        self._inner = inner;
        self._source = scriptSource;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IDatabase.ScriptEvaluateAsync) && args is [byte[], RedisKey[] keys, RedisValue[] values, CommandFlags flags])
        {
            // Without NoScriptCache the client would SCRIPT LOAD the text once and send EVALSHA anyway.
            return _inner.ScriptEvaluateAsync(_source, keys, values, flags | CommandFlags.NoScriptCache);
        }
        return Forward.Call(_inner, targetMethod, args);
    }
}
