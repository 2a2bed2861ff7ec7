
namespace EventPipeline.Api.Limiting.Policies;

/// <summary>The built-in limiter policies, by the names endpoints put on their groups.</summary>
public static class LimitPolicyNames
{
    public const string Ingest = "ingest";
    public const string IngestBatch = "ingest-batch";
    public const string TokenEndpoint = "token-endpoint";
    public const string TokenClient = "token-client";
    public const string Read = "read";
}
