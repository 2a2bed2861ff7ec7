namespace EventPipeline.Api.Runtime;

/// <summary>How long work waits for a thread in this process now.</summary>
public interface IQueueDelaySource
{
    TimeSpan ThreadPoolDelay { get; }
}
