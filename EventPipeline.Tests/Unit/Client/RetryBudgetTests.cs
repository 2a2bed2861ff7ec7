using EventPipeline.Client;
using EventPipeline.Client.Http;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.Client;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class RetryBudgetTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void JitterOnlyAddsToRetryAfterAndByAtMostAFifth(double random)
    {
        var budget = new RetryBudget(new EventPipelineClientOptions(), () => random);

        var delay = budget.Next(TimeSpan.FromSeconds(10))!.Value;

        Assert.InRange(delay, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void TwoClientsRefusedTogetherComeBackAtDifferentTimes()
    {
        var options = new EventPipelineClientOptions();

        var early = new RetryBudget(options, () => 0.1).Next(TimeSpan.FromSeconds(1));
        var late = new RetryBudget(options, () => 0.9).Next(TimeSpan.FromSeconds(1));

        Assert.True(late > early);
    }

    [Fact]
    public void TheBudgetEndsAfterMaxAttemptsTries()
    {
        var budget = new RetryBudget(new EventPipelineClientOptions { MaxAttempts = 3, MaxTotalRetryDelay = TimeSpan.FromMinutes(5) }, () => 0);

        Assert.NotNull(budget.Next(TimeSpan.FromSeconds(1)));
        Assert.NotNull(budget.Next(TimeSpan.FromSeconds(1)));
        Assert.Null(budget.Next(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void AWaitThatWouldOverrunTheTotalBudgetIsNotTaken()
    {
        var budget = new RetryBudget(new EventPipelineClientOptions { MaxTotalRetryDelay = TimeSpan.FromSeconds(5) }, () => 0);

        Assert.NotNull(budget.Next(TimeSpan.FromSeconds(3)));
        Assert.Null(budget.Next(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void WithoutRetryAfterTheWaitDoublesFromTheFirstDelay()
    {
        var budget = new RetryBudget(new EventPipelineClientOptions { FirstRetryDelay = TimeSpan.FromSeconds(1) }, () => 0);

        Assert.Equal(TimeSpan.FromSeconds(1), budget.Next(retryAfter: null));
        Assert.Equal(TimeSpan.FromSeconds(2), budget.Next(retryAfter: null));
        Assert.Equal(TimeSpan.FromSeconds(4), budget.Next(retryAfter: null));
    }

    [Fact]
    public void NewEventsGetTimeOrderedVersion7Ids()
    {
        var first = PipelineEvent.Create("unit", new { n = 1 });
        Thread.Sleep(2);
        var second = PipelineEvent.Create("unit", new { n = 2 });

        Assert.Equal(7, Guid.Parse(first.EventId).Version);
        Assert.True(Guid.Parse(second.EventId).CompareTo(Guid.Parse(first.EventId)) > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, first.Payload.ValueKind);
    }
}
