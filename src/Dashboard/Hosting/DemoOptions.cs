namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// Demo mode (<c>Kinerja:Demo</c>): seed the five demo regions and stream simulated events. Both default
/// to on only when the server runs on its embedded PostgreSQL.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Kinerja:Demo";

    /// <summary>Seed the demo regions, units and employees (null: on for the embedded database).</summary>
    public bool? Seed { get; set; }

    /// <summary>Stream simulated activity, attendance, reviews and ratings (null: on for the embedded database).</summary>
    public bool? Simulate { get; set; }

    /// <summary>Simulated events per second across all regions.</summary>
    public double EventsPerSecond { get; set; } = 20;

    /// <summary>Days of history the simulator backfills before streaming live (null: from the start of the previous month).</summary>
    public int? BackfillDays { get; set; }

    /// <summary>Stream citizen answers around the clock instead of only in each region's working hours (07-17 local, Mon-Fri).</summary>
    public bool AllHours { get; set; }
}
