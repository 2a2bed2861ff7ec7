namespace EventPipeline.Contracts.Limiting;

/// <summary>What a policy does when Redis errors, times out or its circuit is open.</summary>
public enum FailureMode
{
    Open,
    Closed,
    Local,
}
