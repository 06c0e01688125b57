using Kinerja.Dashboard.Board;
using Microsoft.Extensions.Time.Testing;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>The coalescing window: leading edge after a quiet spell, one trailing flush for a burst within the window.</summary>
public sealed class BoardCoalescerTests
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-25T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task NextAsync_FirstChangeEver_DueAtOnce()
    {
        var coalescer = new BoardCoalescer(Window, _time);

        coalescer.Mark();
        var next = coalescer.NextAsync(CancellationToken.None);

        Assert.True(next.IsCompleted);
        Assert.Equal(TimeSpan.Zero, await next);
    }

    [Fact]
    public async Task NextAsync_ChangeAfterQuietSpell_DueAtOnceWithoutWaitingForTheWindow()
    {
        var coalescer = new BoardCoalescer(Window, _time);
        coalescer.Flushed();
        _time.Advance(Window + TimeSpan.FromMilliseconds(1));

        coalescer.Mark();
        var next = coalescer.NextAsync(CancellationToken.None);

        Assert.True(next.IsCompleted);
        Assert.Equal(TimeSpan.Zero, await next);
    }

    [Fact]
    public async Task NextAsync_ChangeWithinWindow_DueExactlyAtLastFlushPlusWindow()
    {
        var coalescer = new BoardCoalescer(Window, _time);
        coalescer.Flushed();
        _time.Advance(TimeSpan.FromMilliseconds(30));
        coalescer.Mark();

        var next = coalescer.NextAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(69));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromMilliseconds(70), await next.WaitAsync(Guard));
    }

    [Fact]
    public async Task NextAsync_BurstWithinWindow_OneFlushForAllOfIt()
    {
        var coalescer = new BoardCoalescer(Window, _time);
        coalescer.Flushed();
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(10));
            coalescer.Mark();
        }

        var next = coalescer.NextAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(TimeSpan.FromMilliseconds(90), await next.WaitAsync(Guard)); // waited since the first mark
        coalescer.Flushed();

        var after = coalescer.NextAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(after.IsCompleted); // nothing changed since that flush
    }

    [Fact]
    public async Task NextAsync_ChangeDuringFlush_TrailingFlushOneWindowLater()
    {
        var coalescer = new BoardCoalescer(Window, _time);
        coalescer.Mark();
        await coalescer.NextAsync(CancellationToken.None);
        coalescer.Flushed();
        _time.Advance(TimeSpan.FromMilliseconds(5));
        coalescer.Mark();

        var next = coalescer.NextAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(94));
        Assert.False(next.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        await next.WaitAsync(Guard);
    }

    [Fact]
    public async Task NextAsync_Cancelled_Throws()
    {
        var coalescer = new BoardCoalescer(Window, _time);
        using var cts = new CancellationTokenSource();

        var next = coalescer.NextAsync(cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Guard));
    }

    [Theory]
    [InlineData(0, 100, 100)]
    [InlineData(40, 100, 60)]
    [InlineData(100, 100, 0)]
    [InlineData(250, 100, 0)]
    public void DelayBeforeFlush_SinceLastFlush_RestOfTheWindowOrNothing(int sinceMs, int windowMs, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs),
            BoardCoalescer.DelayBeforeFlush(TimeSpan.FromMilliseconds(sinceMs), TimeSpan.FromMilliseconds(windowMs)));

    [Fact]
    public void Constructor_ZeroWindow_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoardCoalescer(TimeSpan.Zero, _time));
}
