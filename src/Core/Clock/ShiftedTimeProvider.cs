namespace Kinerja.Core.Clock;

/// <summary>
/// The machine's clock moved by a fixed span: time runs at the normal rate (timers, timeouts and live screens keep
/// moving); only the instant it reads is shifted. Timestamps and timers are the machine's.
/// </summary>
public sealed class ShiftedTimeProvider(TimeProvider machine, TimeSpan shift) : TimeProvider
{
    /// <summary>A clock that reads <paramref name="startAt"/> now and runs forward from it.</summary>
    public static ShiftedTimeProvider StartingAt(TimeProvider machine, DateTimeOffset startAt) =>
        new(machine, startAt - machine.GetUtcNow());

    /// <summary>How far this clock is from the machine's.</summary>
    public TimeSpan Shift { get; } = shift;

    public override DateTimeOffset GetUtcNow() => machine.GetUtcNow() + Shift;

    public override TimeZoneInfo LocalTimeZone => machine.LocalTimeZone;

    public override long TimestampFrequency => machine.TimestampFrequency;

    public override long GetTimestamp() => machine.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        machine.CreateTimer(callback, state, dueTime, period);
}
