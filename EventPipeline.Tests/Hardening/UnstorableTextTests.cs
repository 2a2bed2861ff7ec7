using System.Net;
using System.Text;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Hardening;

/// <summary>Text and numbers that System.Text.Json parses but PostgreSQL cannot store: once a 500 or a group commit failed for every event in it.</summary>
[Collection(HardenedApi.Name)]
[Trait(TestCategories.Cost, TestCategories.Integration)]
public sealed class UnstorableTextTests(KestrelApi api)
{
    [Theory]
    [InlineData("""{"event_id":"@ID","source":"fuzz","payload":{"\ud800":1}}""")]
    [InlineData("""{"event_id":"@ID","source":"fuzz","payload":{"k":"\udc00\ud800"}}""")]
    [InlineData("""{"event_id":"@ID","source":"\udfff","payload":{}}""")]
    [InlineData("""{"event_id":"@ID","source":"fuzz","payload":{"k":1e999999}}""")]
    [InlineData("""{"event_id":"@ID","source":"fuzz","payload":{"k":1e-16384}}""")]
    public async Task TextOrNumbersPostgreSqlCannotStoreAre400NotAFailedCommit(string template)
    {
        using var response = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes(template.Replace("@ID", Guid.NewGuid().ToString())));

        var problem = await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("surrogate", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLargestNumbersPostgreSqlStoresAreAccepted()
    {
        using var response = await HardeningHttp.PostEventAsync(api, Encoding.UTF8.GetBytes(
            $$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"fuzz","payload":{"big":1e131071,"small":1e-16383,"zero":0e999999}}"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xFF })]
    public async Task InvalidUtf8InAStringIs400(byte[] invalid)
    {
        byte[] body = [.. Encoding.UTF8.GetBytes($$$"""{"event_id":"{{{Guid.NewGuid()}}}","source":"fuzz","payload":{"k":"""), (byte)'"', .. invalid, .. "\"}}"u8];

        using var response = await HardeningHttp.PostEventAsync(api, body);

        await HardeningHttp.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
