using System.Text.Json;
using EventPipeline.Api.Events;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Ingestion;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class EventParserTests
{
    private const string ValidId = "5f0c7a39-2f4e-4c55-9a3e-1b1f3c1d2e4f";

    private static EventParseResult Parse(string json)
    {
        using var document = JsonDocument.Parse(json, EventParser.DocumentOptions);
        return EventParser.Parse(document.RootElement);
    }

    [Fact]
    public void AcceptsTheOriginalsBody()
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"foo":"bar"}}""");

        Assert.NotNull(result.Event);
        Assert.Equal(ValidId, result.Event.EventId);
        Assert.Equal("app", result.Event.Source);
        Assert.Equal("""{"foo":"bar"}""", result.Event.PayloadJson);
        Assert.Null(result.Event.ClientTimestamp);
    }

    [Fact]
    public void ListsEveryInvalidFieldAtOnce()
    {
        var result = Parse("""{"event_id":"","source":"","payload":[1],"timestamp":"yesterday","extra":1}""");

        Assert.Null(result.Event);
        Assert.Equal(["event_id", "extra", "payload", "source", "timestamp"], result.Errors!.Keys.Order());
    }

    [Fact]
    public void RequiresEventIdSourceAndPayload()
    {
        var result = Parse("{}");

        Assert.Equal(["event_id", "payload", "source"], result.Errors!.Keys.Order());
    }

    [Fact]
    public void RefusesASourceOverOneHundredTwentyEightCharacters()
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"{{{new string('s', 129)}}}","payload":{}}""");

        Assert.Contains("source", result.Errors!.Keys);
    }

    [Theory]
    [InlineData("2026-01-31T12:00:00Z")]
    [InlineData("2026-01-31T12:00:00.123456+02:00")]
    public void AcceptsRfc3339Timestamps(string timestamp)
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{},"timestamp":"{{{timestamp}}}"}""");

        Assert.Equal(DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), result.Event!.ClientTimestamp);
    }

    [Theory]
    [InlineData("2026-01-31")]
    [InlineData("31/01/2026 12:00")]
    [InlineData("2026-13-31T12:00:00Z")]
    public void RefusesTimestampsThatAreNotRfc3339(string timestamp)
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{},"timestamp":"{{{timestamp}}}"}""");

        Assert.Contains("timestamp", result.Errors!.Keys);
    }

    [Fact]
    public void KeepsNumbersExactlyAsSent()
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"big":12345678901234567890123,"precise":0.1000000000000000055511151231257827}}""");

        Assert.Equal("""{"big":12345678901234567890123,"precise":0.1000000000000000055511151231257827}""", result.Event!.PayloadJson);
    }

    [Fact]
    public void DuplicatePropertyNamesAreRefusedByTheReader()
    {
        Assert.ThrowsAny<JsonException>(() => Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","source":"other","payload":{}}"""));
    }

    [Fact]
    public void NestingDeeperThanThirtyTwoIsRefusedByTheReader()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 32)) + "1" + new string('}', 32);

        Assert.ThrowsAny<JsonException>(() => Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{{{deep}}}}"""));
    }

    [Fact]
    public void TheSameContentHashesAlikeAndOtherContentDoesNot()
    {
        var first = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"n":1}}""").Event!;
        var again = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"n":1}}""").Event!;
        var other = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"n":2}}""").Event!;

        Assert.Equal(first.ContentHash, again.ContentHash);
        Assert.NotEqual(first.ContentHash, other.ContentHash);
    }

    [Fact]
    public void RefusesANulCharacterThatPostgresJsonbCannotStore()
    {
        var result = Parse($$$"""{"event_id":"{{{ValidId}}}","source":"app","payload":{"s":"a\u0000b"}}""");

        Assert.Contains("payload", result.Errors!.Keys);
    }
}
