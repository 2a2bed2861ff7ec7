using System.ComponentModel.DataAnnotations;
using EventPipeline.Api.Events.Store;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Storage;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class TimePartitionTests
{
    private static readonly DateTimeOffset s_lastMinuteOfTheYear = new(2030, 12, 31, 23, 59, 0, TimeSpan.Zero);

    [Fact]
    public void HourlyPartitionsAreNamedAfterTheirHourAndFollowEachOtherAcrossMidnight()
    {
        var partition = TimePartition.EventsContaining(s_lastMinuteOfTheYear, PartitionInterval.Hourly);
        var next = partition.Following(PartitionInterval.Hourly);

        Assert.Equal("events_p2030123123", partition.Name);
        Assert.Equal(new DateTimeOffset(2030, 12, 31, 23, 0, 0, TimeSpan.Zero), partition.Start);
        Assert.Equal("events_p2031010100", next.Name);
        Assert.Equal(partition.End, next.Start);
    }

    [Fact]
    public void DailyPartitionsAndKeyWindowsFollowUtcDaysWhateverTheOffsetOfTheTimeGiven()
    {
        var evening = new DateTimeOffset(2030, 12, 31, 20, 0, 0, TimeSpan.FromHours(-5));

        Assert.Equal("events_p20310101", TimePartition.EventsContaining(evening, PartitionInterval.Daily).Name);
        Assert.Equal("event_keys_p20310101", TimePartition.KeysContaining(evening).Name);
        Assert.Equal("event_keys_p20310102", TimePartition.KeysContaining(evening).Following(PartitionInterval.Hourly).Name);
    }

    [Fact]
    public void ADailyPartitionOverlapsTheHourlyOnesInsideItButNotTheNextDay()
    {
        var day = TimePartition.EventsContaining(s_lastMinuteOfTheYear, PartitionInterval.Daily);
        var lastHour = TimePartition.EventsContaining(s_lastMinuteOfTheYear, PartitionInterval.Hourly);

        Assert.True(day.Overlaps(lastHour));
        Assert.False(day.Overlaps(lastHour.Following(PartitionInterval.Hourly)));
    }

    [Fact]
    public void TheDdlQuotesTheNameAndGivesUtcBounds()
    {
        var partition = TimePartition.EventsContaining(s_lastMinuteOfTheYear, PartitionInterval.Hourly);

        Assert.Equal("""CREATE TABLE "events_p2030123123" PARTITION OF events FOR VALUES FROM ('2030-12-31T23:00:00Z') TO ('2031-01-01T00:00:00Z')""",
            partition.CreateSql("events"));
        Assert.Equal("DROP TABLE \"events_p2030123123\"", partition.DropSql());
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(30, 0)]
    public void RetentionAndPartitionsAheadMustBeAtLeastOne(int retentionDays, int partitionsAhead)
    {
        var options = new StorageOptions { RetentionDays = retentionDays, PartitionsAhead = partitionsAhead };

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }
}
