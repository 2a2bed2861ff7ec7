using EventPipeline.Api.Http;
using EventPipeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace EventPipeline.Tests.Unit.Admission;

/// <summary>The bound on writes in progress: counted from when a write's body is here, never while it trickles in.</summary>
[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class WritesInProgressBoundTests
{
    private readonly AdmissionDoor _door = new();

    [Fact]
    public async Task WhileAsManyWritesAsTheBoundAreInProgressNewWritesAreShedButReadsAreNot()
    {
        var answer = new TaskCompletionSource();
        var writes = await WritesInProgressAsync(_door.InProgress.Limit, answer.Task, bodiesArrive: true);

        await _door.AssertWritesAreShedButNotReadsOrTokensAsync();
        answer.SetResult();
        await Task.WhenAll(writes);
        var (_, afterwards) = await _door.SendAsync("/v1/events", HttpMethods.Post);

        Assert.True(afterwards);
        Assert.Equal(0, _door.InProgress.Count);
    }

    [Fact]
    public async Task AWriteWhoseBodyHasNotArrivedHoldsNoPlace()
    {
        var answer = new TaskCompletionSource();
        var trickling = await WritesInProgressAsync(_door.InProgress.Limit * 4, answer.Task, bodiesArrive: false);

        var (_, reached) = await _door.SendAsync("/v1/events", HttpMethods.Post);
        answer.SetResult();
        await Task.WhenAll(trickling);

        Assert.True(reached);
        Assert.Equal(0, _door.InProgress.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AWriteWhoseBodyCameWithItsHeadersCountsFromTheDoor(bool wholeBody)
    {
        var answer = new TaskCompletionSource();
        var reached = 0;
        var allReached = new TaskCompletionSource();
        // The endpoint never reads the bodies: only what was already here at the door can count.
        var writes = Enumerable.Range(0, _door.InProgress.Limit).Select(_ => _door.SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            if (Interlocked.Increment(ref reached) == _door.InProgress.Limit)
            {
                allReached.SetResult();
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await answer.Task;
        }, body: wholeBody ? "{\"event_id\":\"e\"}" : "{\"event_")).ToArray();
        await allReached.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var (_, nextReached) = await _door.SendAsync("/v1/events", HttpMethods.Post);
        answer.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(!wholeBody, nextReached);
        Assert.Equal(0, _door.InProgress.Count);
    }

    // Writes admitted and held until the answer is released; with their bodies arrived (the reader marks it) or still on their way.
    private async Task<Task[]> WritesInProgressAsync(int count, Task release, bool bodiesArrive)
    {
        var reached = 0;
        var allReached = new TaskCompletionSource();
        var writes = Enumerable.Range(0, count).Select(_ => (Task)_door.SendAsync("/v1/events", HttpMethods.Post, async context =>
        {
            if (bodiesArrive)
            {
                BodyArrival.MarkArrived(context);
            }
            if (Interlocked.Increment(ref reached) == count)
            {
                allReached.SetResult();
            }
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            await release;
        })).ToArray();
        // Bounded: a write shed at the door never reaches the endpoint, and the test must fail, not hang.
        await allReached.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return writes;
    }
}
