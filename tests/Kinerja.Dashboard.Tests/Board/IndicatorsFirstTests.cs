using Kinerja.Dashboard.Board;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// A region's <c>Chart</c> sends wait for its pending <c>Indicators</c> (and <c>Trigger</c>) sends, counted in marks and
/// flushes, not in time: a chart pass in progress never puts more than one chart ahead of a marked change's push.
/// </summary>
public sealed class IndicatorsFirstTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);
    private readonly IndicatorsFirst _priority = new();

    [Fact]
    public async Task ChartTurn_NothingMarked_GoesAtOnce()
    {
        var turn = _priority.ChartTurnAsync(CancellationToken.None);

        Assert.True(turn.IsCompleted);
        await turn;
    }

    [Fact]
    public async Task ChartTurn_ChangeMarked_WaitsUntilTheFlushCarryingItHasSent()
    {
        _priority.Marked();

        var turn = _priority.ChartTurnAsync(CancellationToken.None);
        await Task.Yield();
        Assert.False(turn.IsCompleted);
        var taken = _priority.Taking();
        Assert.False(turn.IsCompleted); // the flush has read, not sent
        _priority.Sent(taken);

        await turn.WaitAsync(Guard);
        Assert.False(_priority.Pending);
    }

    [Fact]
    public async Task ChartTurn_ChangeMarkedDuringAFlush_WaitsForTheNextFlush()
    {
        _priority.Marked();
        var first = _priority.Taking();
        _priority.Marked(); // arrives while the first flush sends: the next flush carries it

        var turn = _priority.ChartTurnAsync(CancellationToken.None);
        _priority.Sent(first);
        await Task.Delay(20);
        Assert.False(turn.IsCompleted);
        _priority.Sent(_priority.Taking());

        await turn.WaitAsync(Guard);
    }

    [Fact]
    public async Task ChartTurn_MarksAfterTheCall_DoNotExtendTheWait()
    {
        _priority.Marked();
        var turn = _priority.ChartTurnAsync(CancellationToken.None);
        var taken = _priority.Taking();
        _priority.Marked(); // changes keep coming (1,000 events/s): charts must not starve

        _priority.Sent(taken);

        await turn.WaitAsync(Guard);
        Assert.True(_priority.Pending);
    }

    [Fact]
    public async Task ChartTurn_TriggerBeingSent_WaitsUntilItIsDone()
    {
        _priority.UrgentStarted();

        var turn = _priority.ChartTurnAsync(CancellationToken.None);
        await Task.Delay(20);
        Assert.False(turn.IsCompleted);
        _priority.UrgentDone();

        await turn.WaitAsync(Guard);
    }

    [Fact]
    public async Task ChartTurn_Cancelled_StopsWaiting()
    {
        _priority.Marked();
        using var cts = new CancellationTokenSource();

        var turn = _priority.ChartTurnAsync(cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => turn.WaitAsync(Guard));
    }

    /// <summary>
    /// Six charts of a pass go through the pacer while every chart send is followed by a new change (1,000 events/s).
    /// Between a change being marked and the <c>Indicators</c> push of the flush that carries it, no chart send starts:
    /// the pass interleaves with the flushes, one chart per flush. Without the turn the six charts went in one run ahead
    /// of the first push.
    /// </summary>
    [Fact]
    public async Task ChartPassInProgress_NoChartGoesBetweenAMarkedChangeAndItsIndicators()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-06T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pacer = new ChartPacer(Options.Create(new BoardOptions { ChartBytesPerSecond = 1_000_000 }), time);
        var log = new List<string>();
        var chartSent = new SemaphoreSlim(0);
        _priority.Marked();
        lock (log)
        {
            log.Add("mark");
        }

        var pass = Task.Run(async () =>
        {
            for (var i = 0; i < 6; i++)
            {
                await pacer.SendAsync(() =>
                {
                    lock (log)
                    {
                        log.Add("chart");
                        _priority.Marked(); // a change arrives while the chart is written
                        log.Add("mark");
                    }
                    chartSent.Release();
                    return Task.CompletedTask;
                }, 0, _priority.ChartTurnAsync, CancellationToken.None);
            }
        });
        for (var flush = 0; flush < 7 && !pass.IsCompleted; flush++)
        {
            await Task.Delay(20); // room for a chart that would not wait
            lock (log)
            {
                var taken = _priority.Taking();
                log.Add("indicators");
                _priority.Sent(taken);
            }
            await Task.WhenAny(chartSent.WaitAsync(), pass).WaitAsync(Guard);
        }
        await pass.WaitAsync(Guard);

        string[] entries;
        lock (log)
        {
            entries = [.. log];
        }
        Assert.Equal(6, entries.Count(e => e == "chart"));
        var markPending = false;
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case "mark":
                    markPending = true;
                    break;
                case "indicators":
                    markPending = false;
                    break;
                case "chart":
                    Assert.False(markPending, "a chart went while a marked change waited for its Indicators: " + string.Join(' ', entries));
                    break;
            }
        }
    }
}
