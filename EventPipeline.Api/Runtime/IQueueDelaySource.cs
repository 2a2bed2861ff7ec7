namespace EventPipeline.Api.Runtime;

/// <summary>How long work has been waiting for a thread in this process lately: its standing queue.</summary>
public interface IQueueDelaySource
{
    TimeSpan StandingDelay { get; }
}
