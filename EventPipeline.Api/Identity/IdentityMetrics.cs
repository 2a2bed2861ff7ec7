using System.Diagnostics.Metrics;

namespace EventPipeline.Api.Identity;

/// <summary>Token issuance and bearer refusals, so a secret-guessing run or a bad deployment key shows up on a graph.</summary>
internal sealed class IdentityMetrics
{
    public const string MeterName = EventPipelineTelemetry.MeterPrefix + "Identity";

    private readonly Counter<long> _tokenRequests;
    private readonly Counter<long> _bearerRefusals;

    public IdentityMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _tokenRequests = meter.CreateCounter<long>("eventpipeline.identity.token_requests", "{request}",
            "Requests to the token endpoints, by outcome.");
        _bearerRefusals = meter.CreateCounter<long>("eventpipeline.identity.bearer_refusals", "{request}",
            "Requests refused for their bearer token (401) or its scopes (403), by reason.");
    }

    /// <param name="outcome"><c>issued</c>, or the OAuth error code of the refusal.</param>
    public void TokenRequest(string outcome) => _tokenRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <param name="reason"><c>missing_token</c>, <c>invalid_token</c>, <c>inactive_client</c> or <c>insufficient_scope</c>.</param>
    public void BearerRefusal(string reason) => _bearerRefusals.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
