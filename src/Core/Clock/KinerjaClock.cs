using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;

namespace Kinerja.Core.Clock;

/// <summary>
/// The product's one clock: the <see cref="TimeProvider"/> every part reads "now" from (ingest skew checks, periods,
/// the simulator, the rules' month close, the boards), built from <see cref="ClockOptions"/>.
/// </summary>
public sealed partial class KinerjaClock
{
    private KinerjaClock(TimeProvider time, string? shifted)
    {
        Time = time;
        Shifted = shifted;
    }

    /// <summary>The clock to read.</summary>
    public TimeProvider Time { get; }

    /// <summary>How the clock is shifted, for the start-up warning and banner; null for the machine's clock.</summary>
    public string? Shifted { get; }

    /// <summary>The machine's clock, unshifted.</summary>
    public static KinerjaClock System { get; } = new(TimeProvider.System, null);

    /// <summary>
    /// The clock the settings ask for, on top of <paramref name="machine"/> (default: the system clock).
    /// Throws <see cref="ClockSettingsException"/> for a malformed value, both keys set, or a shifted clock outside
    /// Development without <see cref="ClockOptions.AllowInProduction"/>.
    /// </summary>
    public static KinerjaClock Create(ClockOptions options, string environmentName, TimeProvider? machine = null)
    {
        machine ??= TimeProvider.System;
        var startAt = ParseStartAt(options.StartAt);
        var offset = ParseOffset(options.Offset);
        if (startAt is not null && offset is not null)
        {
            throw new ClockSettingsException(
                $"{ClockOptions.Section}:StartAt and {ClockOptions.Section}:Offset are both set; set only one of them.");
        }
        if (startAt is null && offset is null)
        {
            return machine == TimeProvider.System ? System : new KinerjaClock(machine, null);
        }
        var key = startAt is not null ? "StartAt" : "Offset";
        if (!options.AllowInProduction && !string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            throw new ClockSettingsException(
                $"{ClockOptions.Section}:{key} is set but the environment is '{environmentName}': a shifted clock is for demos "
                + $"and tests and is refused outside Development. Remove it, or set {ClockOptions.Section}:AllowInProduction=true "
                + "if this server really must run on a shifted clock.");
        }
        if (startAt is { } start)
        {
            return new KinerjaClock(ShiftedTimeProvider.StartingAt(machine, start),
                $"started at {start.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)} ({ClockOptions.Section}:StartAt)");
        }
        var shift = offset!.Value;
        return new KinerjaClock(new ShiftedTimeProvider(machine, shift),
            $"machine clock {(shift < TimeSpan.Zero ? "-" : "+")} {shift.Duration().ToString("c", CultureInfo.InvariantCulture)} ({ClockOptions.Section}:Offset)");
    }

    private static DateTimeOffset? ParseStartAt(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!IsoWithOffset().IsMatch(value.Trim())
            || !DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            throw new ClockSettingsException(
                $"{ClockOptions.Section}:StartAt '{value}' is not an ISO 8601 date-time with an offset; "
                + "write it like 2027-01-04T08:00:00+07:00 (or ...Z for UTC).");
        }
        return at;
    }

    private static TimeSpan? ParseOffset(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!TimeSpan.TryParseExact(value.Trim(), "c", CultureInfo.InvariantCulture, out var offset))
        {
            throw new ClockSettingsException(
                $"{ClockOptions.Section}:Offset '{value}' is not a time span; write it as [-]d.hh:mm:ss, "
                + "like 30.00:00:00 (thirty days ahead) or -02:00:00 (two hours back).");
        }
        return offset == TimeSpan.Zero ? null : offset;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoWithOffset();
}
