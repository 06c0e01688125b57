using System.Threading.Channels;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The coalescing window of one region's board loop. A change after a quiet spell (the last flush is at
/// least one window old) is flushed at once: the leading edge. Changes that arrive within the window of
/// the previous flush wait together until that flush + the window: the trailing edge. So a group gets at
/// most one <c>Indicators</c> message per window, and a lone change pays none of the window's delay.
/// </summary>
public sealed class BoardCoalescer(TimeSpan window, TimeProvider time)
{
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private long _lastFlush = long.MinValue;
    private long _dirtySince;

    public TimeSpan Window { get; } = window > TimeSpan.Zero
        ? window
        : throw new ArgumentOutOfRangeException(nameof(window), window, "The coalescing window must be positive.");

    /// <summary>Time since the last flush (<see cref="TimeSpan.MaxValue"/> before the first).</summary>
    public TimeSpan SinceLastFlush
    {
        get
        {
            var last = Interlocked.Read(ref _lastFlush);
            return last == long.MinValue ? TimeSpan.MaxValue : time.GetElapsedTime(last);
        }
    }

    /// <summary>How long a change must still wait, <paramref name="sinceLastFlush"/> after the previous flush.</summary>
    public static TimeSpan DelayBeforeFlush(TimeSpan sinceLastFlush, TimeSpan window) =>
        sinceLastFlush >= window ? TimeSpan.Zero : window - sinceLastFlush;

    /// <summary>Something changed: a flush follows at once or at the end of the current window.</summary>
    public void Mark()
    {
        Interlocked.CompareExchange(ref _dirtySince, time.GetTimestamp(), 0);
        _dirty.Writer.TryWrite(true);
    }

    /// <summary>A flush (pushing or not) starts now: the window restarts.</summary>
    public void Flushed() => Interlocked.Exchange(ref _lastFlush, time.GetTimestamp());

    /// <summary>
    /// Waits for a change, then for the window to allow a flush, and consumes every change marked
    /// meanwhile (one flush serves them all). Returns how long the oldest of them waited.
    /// </summary>
    public async Task<TimeSpan> NextAsync(CancellationToken ct)
    {
        if (!await _dirty.Reader.WaitToReadAsync(ct))
        {
            throw new OperationCanceledException(ct);
        }
        var delay = DelayBeforeFlush(SinceLastFlush, Window);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, ct);
        }
        _dirty.Reader.TryRead(out _);
        var since = Interlocked.Exchange(ref _dirtySince, 0);
        return since == 0 ? TimeSpan.Zero : time.GetElapsedTime(since);
    }
}
