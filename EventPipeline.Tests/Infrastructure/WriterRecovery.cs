using System.Net;

namespace EventPipeline.Tests.Infrastructure;

/// <summary>
/// After PostgreSQL restarts, the API's writer loops reconnect on their own, each after answering
/// its first batch on the dead connection 503 (by design: a retried INSERT could store twice). A
/// test that restarts PostgreSQL waits here until every loop stores again, so the next test in its
/// collection does not meet a stale loop: bursts go out until one meets no 503.
/// </summary>
internal static class WriterRecovery
{
    private const int Burst = 16;

    public static async Task WaitUntilEveryLoopStoresAsync(Func<Task<HttpStatusCode>> storeOneEvent)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var burst = await Task.WhenAll(Enumerable.Range(0, Burst).Select(_ => storeOneEvent()));
            if (burst.Contains(HttpStatusCode.Accepted) && !burst.Contains(HttpStatusCode.ServiceUnavailable))
            {
                return;
            }
            await Task.Delay(500);
        }
        Assert.Fail("The API's writer loops did not all store again within 60 s of PostgreSQL's restart.");
    }
}
