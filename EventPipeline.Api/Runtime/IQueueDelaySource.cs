namespace EventPipeline.Api.Runtime;

/// <summary>A queue in this process where admitted work waits, and how long it has been waiting lately: its standing queue.</summary>
public interface IQueueDelaySource
{
    /// <summary>The queue's name in metrics: <c>thread_pool</c>, <c>commit</c>.</summary>
    string Queue { get; }

    TimeSpan StandingDelay { get; }
}

/// <summary>A queue only requests that store events wait in (the group commit's): it says nothing about reads or refusals.</summary>
public interface IWriteQueueDelaySource : IQueueDelaySource;
