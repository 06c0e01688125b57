using Kinerja.Dashboard.Board;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>Chart sends go one at a time, each followed by the time its bytes take at the configured budget.</summary>
public sealed class ChartPacerTests
{
    private const long BytesPerSecond = 1_000_000;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-06T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ChartPacer _pacer;

    public ChartPacerTests() =>
        _pacer = new ChartPacer(Options.Create(new BoardOptions { ChartBytesPerSecond = BytesPerSecond }), _time);

    [Fact]
    public async Task SendAsync_FirstSend_GoesAtOnce()
    {
        var sent = 0;

        var send = _pacer.SendAsync(() => { sent++; return Task.CompletedTask; }, 500_000, CancellationToken.None);

        Assert.True(send.IsCompleted);
        await send;
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task SendAsync_AfterHalfAMegabyte_NextWaitsHalfASecond()
    {
        await _pacer.SendAsync(() => Task.CompletedTask, 500_000, CancellationToken.None); // 200 screens × 2.5 KB
        var sent = false;

        var next = _pacer.SendAsync(() => { sent = true; return Task.CompletedTask; }, 1_000, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        await Task.Yield();
        Assert.False(sent);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(Guard);

        Assert.True(sent);
    }

    [Fact]
    public async Task SendAsync_PauseAlreadyOver_NextGoesAtOnce()
    {
        await _pacer.SendAsync(() => Task.CompletedTask, 200_000, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(250));

        var next = _pacer.SendAsync(() => Task.CompletedTask, 1_000, CancellationToken.None);

        Assert.True(next.IsCompleted);
        await next;
    }

    [Fact]
    public async Task SendAsync_TwoRegionsAtOnce_NeverOverlapAndKeepTheirOrder()
    {
        var order = new List<string>();
        var first = new TaskCompletionSource();
        var a = _pacer.SendAsync(async () => { order.Add("a:start"); await first.Task; order.Add("a:end"); }, 100_000, CancellationToken.None);
        var b = _pacer.SendAsync(() => { order.Add("b"); return Task.CompletedTask; }, 100_000, CancellationToken.None);

        Assert.Equal(["a:start"], order); // b waits for the lane while a's send is still being written
        first.SetResult();
        await a.WaitAsync(Guard);
        Assert.False(b.IsCompleted); // then for a's 100 ms
        // b takes the lane on a pool thread, reads the clock, then starts its timer: a clock advanced between the two
        // leaves that timer waiting for the next advance. So advance in 100 ms steps until b has gone (it had not above).
        var deadline = DateTime.UtcNow + Guard;
        while (!b.IsCompleted && DateTime.UtcNow < deadline)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.WhenAny(b, Task.Delay(20));
        }
        await b.WaitAsync(Guard);

        Assert.Equal(["a:start", "a:end", "b"], order);
    }

    [Fact]
    public async Task SendAsync_SendFails_LaneIsFreedForTheNext()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _pacer.SendAsync(() => throw new InvalidOperationException("connection gone"), 100, CancellationToken.None));

        var next = _pacer.SendAsync(() => Task.CompletedTask, 100, CancellationToken.None);

        await next.WaitAsync(Guard);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaiting_DoesNotSend()
    {
        await _pacer.SendAsync(() => Task.CompletedTask, 1_000_000, CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var sent = false;

        var next = _pacer.SendAsync(() => { sent = true; return Task.CompletedTask; }, 100, cts.Token);
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Guard));
        Assert.False(sent);
    }
}
