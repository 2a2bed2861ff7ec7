using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace EventPipeline.Tests.Hardening;

/// <summary>
/// Sends a family of generated requests and collects every answer that breaks the
/// <see cref="ResponseContract"/>. The seed comes from HARDENING_FUZZ_SEED when set, so a failure
/// printed with its seed replays exactly.
/// </summary>
public static class FuzzRunner
{
    public const string SeedVariable = "HARDENING_FUZZ_SEED";
    private const int Parallelism = 8;
    private const int ReportedFailures = 8;
    private const int LargestAcceptedBody = 1024 * 1024;

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Random.Shared.Next();

    public static async Task AssertContractAsync(KestrelApi api, string family, int count, Func<Random, FuzzCase> generate, string defaultToken)
    {
        var failures = new ConcurrentBag<(int Index, string Report)>();
        using var http = api.CreateClient();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (index, _) =>
        {
            var fuzzCase = generate(new Random(CaseSeed(family, index)));
            var violation = await SendAsync(http, fuzzCase, defaultToken);
            if (violation is not null)
            {
                failures.Add((index, $"case {index}: {violation}\n    {fuzzCase.Describe()}"));
            }
        });

        var report = string.Join("\n", failures.OrderBy(f => f.Index).Take(ReportedFailures).Select(f => f.Report));
        Assert.True(failures.IsEmpty,
            $"{failures.Count} of {count} '{family}' cases broke the contract; replay with {SeedVariable}={Seed}\n{report}\n--- API output ---\n{api.RecentOutput()}");
        Assert.True(api.IsRunning, $"The API process died during the '{family}' fuzz; replay with {SeedVariable}={Seed}\n{api.RecentOutput()}");
    }

    private static async Task<string?> SendAsync(HttpClient http, FuzzCase fuzzCase, string defaultToken)
    {
        using var request = new HttpRequestMessage(fuzzCase.Method, fuzzCase.Path);
        // A connection of its own: a case the server refused by closing cannot fail the next one, and a seed replays alike.
        request.Headers.ConnectionClose = true;
        var authorization = fuzzCase.Authorization ?? $"Bearer {defaultToken}";
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
            if (!string.IsNullOrEmpty(fuzzCase.ContentType))
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
            }
            if (fuzzCase.ContentEncoding is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Encoding", fuzzCase.ContentEncoding);
            }
        }
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var violation = ResponseContract.Violation(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
            return violation is null ? null : $"{violation}: {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))}";
        }
        catch (HttpRequestException) when (fuzzCase.Body?.Length > LargestAcceptedBody)
        {
            // Refusing a body over the limit without reading it, the server may close the connection under the sender.
            return null;
        }
        catch (HttpRequestException ex)
        {
            return $"no answer ({ex.Message})";
        }
    }

    // Each case has its own stream of random numbers, so parallel order does not change what is sent.
    private static int CaseSeed(string family, int index)
    {
        var hash = 2166136261u;
        foreach (var c in $"{Seed}/{family}/{index}")
        {
            hash = (hash ^ c) * 16777619u;
        }
        return unchecked((int)hash);
    }
}
