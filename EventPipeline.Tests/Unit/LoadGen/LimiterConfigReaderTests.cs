using System.Text.Json;
using EventPipeline.LoadGen.Checking;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LoadGen;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LimiterConfigReaderTests
{
    [Theory]
    [InlineData("""{"bucket":200,"refill":25}""")]
    [InlineData("""{"capacity":200,"refillPerSecond":25,"version":3}""")]
    [InlineData("""{"default":{"capacity":200,"refill_per_second":25},"tiers":{"gold":{"capacity":1000}}}""")]
    public void ReadsTheDefaultLimitInEitherSpelling(string body)
    {
        using var json = JsonDocument.Parse(body);

        Assert.Equal((200, 25), LimiterConfigReader.Parse(json.RootElement));
    }

    [Fact]
    public void ABodyWithoutARefillAsksForTheLimitOnTheCommandLine()
    {
        using var json = JsonDocument.Parse("""{"capacity":200}""");

        var error = Assert.Throws<HttpRequestException>(() => LimiterConfigReader.Parse(json.RootElement));

        Assert.Contains("--refill", error.Message, StringComparison.Ordinal);
    }
}
