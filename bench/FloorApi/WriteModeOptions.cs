using EventPipeline.Api.Events.Store;

namespace EventPipeline.Bench.Floor;

public enum WriteMode
{
    /// <summary>Concurrent requests share commits (the group-commit writer as designed).</summary>
    GroupCommit,

    /// <summary>Every event is one INSERT in its own transaction, as in the original.</summary>
    PerRequest,
}

/// <summary><c>Ingestion:WriteMode</c>, read next to <see cref="IngestionOptions"/> from the same section.</summary>
public sealed class WriteModeOptions
{
    public WriteMode WriteMode { get; set; } = WriteMode.GroupCommit;
}
