namespace Kinerja.Core.Tests.Indicators;

/// <summary>A clock the test sets: "now" is whatever the test says.</summary>
public sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Local wall-clock time in WIB (UTC+7) as an instant.</summary>
    public static SettableTime AtWib(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)));
}
