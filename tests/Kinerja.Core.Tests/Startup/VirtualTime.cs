namespace Kinerja.Core.Tests.Startup;

/// <summary>
/// A clock that moves only when something waits on it: a timer's due time is added to the clock and the timer fires
/// at once. Pacing (how many attempts fit in a timeout) is then exact and independent of the machine's timers, which
/// a faked date (libfaketime) can make fire early.
/// </summary>
internal sealed class VirtualTime : TimeProvider
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 5, 8, 0, 0, TimeSpan.FromHours(7));
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override DateTimeOffset GetUtcNow() => Origin.AddTicks(GetTimestamp()).ToUniversalTime();

    public TimeSpan Elapsed => TimeSpan.FromTicks(GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Interlocked.Add(ref _ticks, dueTime.Ticks);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }
        return new Fired();
    }

    private sealed class Fired : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
