using System.Text.Json;
using EventPipeline.LoadGen.Engine;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class EventContentTests
{
    [Fact]
    public async Task SingleEventIsValidJsonCarryingItsOwnIdAtTheRequestedSize()
    {
        var id = Guid.NewGuid();
        using var content = new EventContent(new EventTemplate(300), id);

        var bytes = await content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(bytes);

        Assert.Equal(300, bytes.Length);
        Assert.Equal(content.Headers.ContentLength, bytes.Length);
        Assert.Equal(id, json.RootElement.GetProperty("event_id").GetGuid());
        Assert.Equal("loadgen", json.RootElement.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("payload").ValueKind);
    }

    [Fact]
    public async Task TemplateIsPatchedAfreshForEveryEvent()
    {
        var template = new EventTemplate(128);
        using var first = new EventContent(template, Guid.NewGuid());
        using var second = new EventContent(template, Guid.NewGuid());

        Assert.NotEqual(await first.ReadAsStringAsync(), await second.ReadAsStringAsync());
    }

    [Fact]
    public async Task BatchWrapsEveryEventInAnEventsArray()
    {
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        using var content = new EventContent(new EventTemplate(100), ids);

        var bytes = await content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(bytes);

        Assert.Equal(content.Headers.ContentLength, bytes.Length);
        Assert.Equal(ids, json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event_id").GetGuid()));
    }

    [Fact]
    public void TheInvalidBodyHasNoUsableEventId()
    {
        using var json = JsonDocument.Parse(EventTemplate.InvalidBody);

        Assert.False(json.RootElement.GetProperty("event_id").TryGetGuid(out _));
    }

    [Fact]
    public async Task StampedEventCarriesItsClientTimestampAtTheRequestedSize()
    {
        var sent = new SentEvent(Guid.NewGuid(), new DateTime(2026, 1, 31, 12, 0, 0, 250, DateTimeKind.Utc));
        using var content = new EventContent(new EventTemplate(300, stamped: true), sent);

        var bytes = await content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(bytes);

        Assert.Equal(300, bytes.Length);
        Assert.Equal(sent.Id, json.RootElement.GetProperty("event_id").GetGuid());
        Assert.Equal("2026-01-31T12:00:00.250Z", json.RootElement.GetProperty("timestamp").GetString());
    }
}
