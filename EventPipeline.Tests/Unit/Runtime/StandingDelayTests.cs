using EventPipeline.Api.Runtime;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Runtime;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class StandingDelayTests
{
    [Fact]
    public void AQueueNobodyWaitedInLatelyHasNoStandingDelay()
    {
        var delay = new StandingDelay(TimeSpan.FromSeconds(10));

        Assert.Null(delay.Current);
    }

    [Fact]
    public void TheStandingDelayIsTheLeastWaitOfTheIntervalNotTheLongest()
    {
        var delay = new StandingDelay(TimeSpan.FromSeconds(10));

        delay.Record(TimeSpan.FromMilliseconds(30));
        delay.Record(TimeSpan.FromMilliseconds(5));
        delay.Record(TimeSpan.FromMilliseconds(400));

        Assert.Equal(TimeSpan.FromMilliseconds(5), delay.Current);
    }

    [Fact]
    public void WaitsOlderThanTwoIntervalsNoLongerCount()
    {
        var delay = new StandingDelay(TimeSpan.FromMilliseconds(1));
        delay.Record(TimeSpan.FromMilliseconds(300));

        Thread.Sleep(20);

        Assert.Null(delay.Current);
    }
}
