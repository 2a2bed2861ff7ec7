using System.ComponentModel.DataAnnotations;

namespace EventPipeline.Api.Admission;

/// <summary>
/// How much work one replica takes on at once. Past it, requests wait briefly in a bounded queue
/// (newest first), and what cannot start within the deadline is refused with 503 and Retry-After,
/// so that what is admitted keeps its latency instead of everything slowing together.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests one replica works on at once.</summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRequests { get; set; } = 64;

    /// <summary>Requests that may wait for a slot; beyond it the oldest waiting one is refused.</summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 256;

    /// <summary>Longest a request waits for a slot before it is refused.</summary>
    [Range(1, 60_000)]
    public int QueueTimeoutMilliseconds { get; set; } = 25;

    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>
    /// Paths never queued or refused: health and metrics must answer an overloaded replica, and the
    /// live stream holds its request open for as long as a dashboard watches.
    /// </summary>
    public string[] ExemptPaths { get; set; } = ["/health", "/alive", "/metrics", "/v1/live/stream"];
}
