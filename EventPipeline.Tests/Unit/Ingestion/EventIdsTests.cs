using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Ingestion;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class EventIdsTests
{
    [Theory]
    [InlineData("abc-123")]
    [InlineData("order-8812-created")]
    [InlineData("a")]
    [InlineData("with space and : / ? #")]
    [InlineData("ünïcödé-🎉")]
    public void AcceptsIdsAsClientsWriteThem(string id) => Assert.True(EventIds.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("tab\there")]
    [InlineData("new\nline")]
    [InlineData("nul\0")]
    [InlineData("del\u007f")]
    [InlineData("line\u2028separator")]
    public void RefusesEmptyAndUnprintableIds(string id) => Assert.False(EventIds.IsValid(id));

    [Fact]
    public void RefusesABrokenSurrogatePair() => Assert.False(EventIds.IsValid("broken" + (char)0xD800 + "pair"));

    [Fact]
    public void CountsCharactersNotUtf16Units()
    {
        Assert.True(EventIds.IsValid(string.Concat(Enumerable.Repeat("🎉", 128))));
        Assert.False(EventIds.IsValid(string.Concat(Enumerable.Repeat("🎉", 129))));
        Assert.True(EventIds.IsValid(new string('x', 128)));
        Assert.False(EventIds.IsValid(new string('x', 129)));
    }

    [Fact]
    public void AUuidInAnyFormDotNetReadsIsStoredInItsCanonicalLowerCaseForm()
    {
        Assert.Equal("5f0c7a39-2f4e-4c55-9a3e-1b1f3c1d2e4f", EventIds.Normalize("{5F0C7A39-2F4E-4C55-9A3E-1B1F3C1D2E4F}"));
        Assert.Equal("5f0c7a39-2f4e-4c55-9a3e-1b1f3c1d2e4f", EventIds.Normalize("5f0c7a392f4e4c559a3e1b1f3c1d2e4f"));
        Assert.Equal("Order-1", EventIds.Normalize("Order-1"));
    }
}
