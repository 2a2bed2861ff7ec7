using System.Net;
using Microsoft.Extensions.Options;

namespace EventPipeline.Client.Http;

/// <summary>
/// Sends a request again on 429 and 503 after the Retry-After they carry, and when no answer came
/// back at all. Safe for every call this client makes: reads are GETs, and writes carry event ids
/// fixed before the first try, so a write that was stored but whose answer was lost comes back
/// <c>duplicate</c>.
/// </summary>
internal sealed class RetryAfterHandler(IOptions<EventPipelineClientOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var budget = new RetryBudget(options.Value, Random.Shared.NextDouble);
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
            }
            catch (Exception e) when (IsNoAnswer(e, cancellationToken) && budget.Next(retryAfter: null) is { } wait)
            {
                EventPipelineTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("reason", "no_answer"));
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                || budget.Next(RetryAfterHeader.Read(response, time)) is not { } delay)
            {
                return response;
            }
            EventPipelineTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("reason", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            response.Dispose();
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    // The connection failed or the answer timed out; the caller's own cancellation is not retried.
    private static bool IsNoAnswer(Exception e, CancellationToken ct) =>
        e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested);
}
