namespace Kinerja.Core.Clock;

/// <summary>
/// The product's clock (<c>Kinerja:Clock</c>). Unset: the machine's clock. For demos and tests the clock can be
/// shifted: <see cref="StartAt"/> makes it read that instant when the process starts and run forward from there;
/// <see cref="Offset"/> adds a fixed span to the machine's clock. A shifted clock is refused outside the
/// Development environment unless <see cref="AllowInProduction"/> is set.
/// </summary>
public sealed class ClockOptions
{
    public const string Section = "Kinerja:Clock";

    /// <summary>ISO 8601 date-time with its offset (<c>2027-01-04T08:00:00+07:00</c>): "now" when the process starts.</summary>
    public string? StartAt { get; set; }

    /// <summary>A span added to the machine's clock, <c>[-]d.hh:mm:ss</c> (<c>-3.00:00:00</c> is three days ago).</summary>
    public string? Offset { get; set; }

    /// <summary>Allows a shifted clock outside Development (a staging demo); never set it on a production server.</summary>
    public bool AllowInProduction { get; set; }
}
