namespace EventPipeline.Contracts.Limiting;

public enum PolicyMode
{
    Enforce,
    /// <summary>Never blocks; counts and logs what enforcing would have blocked.</summary>
    Shadow,
}
