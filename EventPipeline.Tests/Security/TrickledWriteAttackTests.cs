using System.Net;
using System.Text;
using EventPipeline.Tests.Hardening;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Security;

/// <summary>
/// Admission control sheds writes while every admitted write takes too long. A client with a valid
/// token could once feed that signal by trickling its own bodies: its writes ended 2xx, slowly, and
/// the replica then shed everybody else's. A write is now timed from when its body had arrived, and
/// counted among the writes in progress (which are bounded) only from then: trickled bodies hold no place.
/// </summary>
[Collection(AdmittedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class TrickledWriteAttackTests(AdmittingApi api)
{
    private const int TrickledWrites = 24;
    private static readonly TimeSpan s_sendingTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task WritesWhoseBodiesWereTrickledDoNotMakeTheReplicaShedOtherWriters()
    {
        var connections = await Task.WhenAll(Enumerable.Range(0, TrickledWrites).Select(_ => RawHttpConnection.OpenAsync(api)));
        try
        {
            var bodies = connections.Select(_ => Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"trickle","payload":{}}""")).ToArray();
            for (var i = 0; i < connections.Length; i++)
            {
                var head = RawHttpConnection.Head("POST /v1/events HTTP/1.1", $"Authorization: Bearer {api.WriterToken}",
                    "Content-Type: application/json", $"Content-Length: {bodies[i].Length}");
                Assert.True(await connections[i].TrySendAsync(Encoding.ASCII.GetBytes(head).Concat(bodies[i][..10]).ToArray()));
            }
            // Another writer while the trickled bodies are still on their way: they must not have taken its place.
            using var during = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"during","payload":{}}"""));
            Assert.Equal(HttpStatusCode.Accepted, during.StatusCode);
            // Well inside Kestrel's 5 s grace before its minimum data rate applies, and longer than the fixture's threshold.
            await Task.Delay(s_sendingTime);
            for (var i = 0; i < connections.Length; i++)
            {
                Assert.True(await connections[i].TrySendAsync(bodies[i].AsMemory(10)));
            }
            var answers = await Task.WhenAll(connections.Select(connection => connection.AnswerAsync(s_guard)));
            Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer?.StatusCode));

            using var quick = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"quick","payload":{}}"""));

            Assert.Equal(HttpStatusCode.Accepted, quick.StatusCode);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}

/// <summary>The API process with admission control on, as shipped but for its threshold (see <see cref="Configure"/>).</summary>
public sealed class AdmittingApi : KestrelApi
{
    protected override void Configure(Dictionary<string, string> settings)
    {
        settings["Admission__Enabled"] = "true";
        // The attack is about whose time counts, not about the threshold: 1 s keeps a slow test
        // machine's own work under it, and a trickled body (2 s) over it.
        settings["Admission__MaxQueueDelayMilliseconds"] = "1000";
        // A bound of one write in progress per core, far fewer than the writes trickled: were a
        // write counted before its body arrived, the trickling client would shut the others out.
        settings["Admission__MaxWritesInProgressPerCore"] = "1";
    }
}

[CollectionDefinition(Name)]
public sealed class AdmittedApi : ICollectionFixture<AdmittingApi>
{
    public const string Name = "API process with admission control on, attacked over HTTP";
}
