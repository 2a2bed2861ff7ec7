using EventPipeline.Contracts.Runs;


namespace EventPipeline.LoadGen.Checking;

// Replays each client's actual sends through an ideal token bucket (full at the start). Greedy
// admission by a correct bucket admits the most any limiter honouring capacity and refill can,
// so the ideal count is an upper bound for requests that reach the limiter when they are sent.
// They reach it later, by at most the time until their answer: a bucket can have refilled by
// refill x that delay more than the replay assumes. So the slack is refill x the longest travel
// (send to answer) of the client's requests, and at least refill x the tolerance. A run whose
// requests queue for seconds therefore gets a wide bound, and says so (MaxTravelSeconds), rather
// than blaming the limiter for the queue.
public sealed class TokenBucketChecker(double capacity, double refillPerSecond, int cost, double toleranceSeconds)
{
    public const double LowerBoundFraction = 0.9;

    public static int IdealAdmits(IEnumerable<double> sendTimes, double capacity, double refillPerSecond, int cost)
    {
        var tokens = capacity;
        double? last = null;
        var admitted = 0;
        foreach (var time in sendTimes.Order())
        {
            if (last is { } previous)
            {
                tokens = Math.Min(capacity, tokens + ((time - previous) * refillPerSecond));
            }

            last = time;
            if (tokens >= cost)
            {
                tokens -= cost;
                admitted++;
            }
        }

        return admitted;
    }

    public ClientCheck CheckClient(string clientId, IReadOnlyList<CheckSample> samples)
    {
        // Requests that never reached the bucket (no answer, 401/403, 5xx) neither spent nor
        // were refused a token, so they take no part in either count.
        var considered = samples.Where(s => Outcomes.ReachedLimiter(s.Status)).ToList();
        var admitted = considered.Count(s => Outcomes.Admitted(s.Status));
        var ideal = IdealAdmits(considered.Select(s => s.SentAt), capacity, refillPerSecond, cost);
        var travel = considered.Count == 0 ? 0 : considered.Max(s => s.Travel);
        var slack = (int)Math.Ceiling(refillPerSecond * Math.Max(toleranceSeconds, travel) / cost);
        var upper = Math.Min(considered.Count, ideal + slack);
        var lower = Math.Max(0, (int)Math.Floor(ideal * LowerBoundFraction) - slack);
        var reason = admitted > upper
            ? $"admitted {admitted}, more than a correct bucket allows ({upper})"
            : admitted < lower
                ? $"admitted {admitted}, clearly less than a correct bucket gives ({lower})"
                : null;
        return new ClientCheck(clientId, considered.Count, admitted, ideal, lower, upper, reason is null, reason, Math.Round(travel, 3));
    }

    public CheckResult Check(IReadOnlyList<(string ClientId, IReadOnlyList<CheckSample> Samples)> clients)
    {
        var results = clients.Select(c => CheckClient(c.ClientId, c.Samples)).ToList();
        return new CheckResult(results.TrueForAll(r => r.Passed), capacity, refillPerSecond, toleranceSeconds, results);
    }
}
