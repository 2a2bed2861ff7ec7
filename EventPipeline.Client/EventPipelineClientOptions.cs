using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Client;

/// <summary>Where the API is, who the client is, and how patient it may be.</summary>
public sealed class EventPipelineClientOptions
{
    public const string SectionName = "EventPipeline:Client";

    /// <summary>The API's address; with the Aspire integration, <c>https+http://{connectionName}</c> unless set.</summary>
    public Uri? BaseAddress { get; set; }

    [Required]
    public string ClientId { get; set; } = "";

    [Required]
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes to ask for, space-separated; empty asks for all the client has.</summary>
    public string? Scope { get; set; }

    /// <summary>A token is replaced this long before it expires, so no request leaves with one about to lapse.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Tries per request, the first included.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The retry budget: the most a request waits between its tries in total. A Retry-After beyond it is returned to the caller.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxTotalRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retrying an answer that never came (no Retry-After to honour); doubled each time.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Background batching: events per batch (the API takes up to 500).</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Background batching: how long a batch may wait to fill once its first event is in.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Background batching: events held at most; a full buffer makes <c>EnqueueAsync</c> wait.</summary>
    [Range(1, 1_000_000)]
    public int BatchBufferCapacity { get; set; } = 10_000;
}
