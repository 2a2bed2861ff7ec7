using EventPipeline.Api.LiveStats;
using EventPipeline.Tests.Infrastructure;

namespace EventPipeline.Tests.Unit.LiveStats;

[Trait(TestCategories.Cost, TestCategories.Unit)]
public sealed class LatencyRecorderTests
{
    [Fact]
    public void EachIntervalHoldsOnlyTheValuesRecordedSinceTheLastOne()
    {
        var recorder = new LatencyRecorder();
        recorder.Record(1);
        recorder.Record(2);
        var first = LatencyHistogram.Decode(recorder.TakeEncoded());
        recorder.Record(300);
        var second = LatencyHistogram.Decode(recorder.TakeEncoded());
        var third = LatencyHistogram.Decode(recorder.TakeEncoded());

        Assert.Equal(2, first.Total);
        Assert.InRange(first.Percentile(100)!.Value, 2, 2.02);
        Assert.Equal(1, second.Total);
        Assert.InRange(second.Percentile(50)!.Value, 300, 303);
        Assert.Equal(0, third.Total);
    }

    [Fact]
    public async Task ValuesRecordedFromManyThreadsWhileIntervalsAreTakenAreCountedExactlyOnce()
    {
        const int threads = 4;
        const int perThread = 50_000;
        var recorder = new LatencyRecorder();
        var taken = new LatencyHistogram();
        using var done = new CancellationTokenSource();

        var taker = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                taken.Add(LatencyHistogram.Decode(recorder.TakeEncoded()));
            }
        });
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            for (var i = 0; i < perThread; i++)
            {
                recorder.Record(0.5 + (i % 100));
            }
        });
        done.Cancel();
        await taker;
        taken.Add(LatencyHistogram.Decode(recorder.TakeEncoded()));

        Assert.Equal(threads * perThread, taken.Total);
    }
}
