namespace EventPipeline.Bench.Floor;

/// <summary><c>Limiting:ScriptCaching</c>: false sends EVAL with the script text on every decision, as the original did.</summary>
public sealed class ScriptCachingOptions
{
    public bool ScriptCaching { get; set; } = true;
}
