namespace Kinerja.Ingest.Partitions;

/// <summary>Stream partition upkeep, section <c>Kinerja:Partitions</c>; validated at start.</summary>
public sealed class PartitionOptions
{
    public const string Section = "Kinerja:Partitions";

    /// <summary>Months after the current one whose partitions the maintenance service keeps created.</summary>
    public int MonthsAhead { get; set; } = 3;

    /// <summary>How often the maintenance service runs (it also runs once at start).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Returns the problems of these settings (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (MonthsAhead is < 0 or > 60)
        {
            yield return $"{Section}:MonthsAhead must be between 0 and 60.";
        }
        if (Interval < TimeSpan.FromSeconds(1))
        {
            yield return $"{Section}:Interval must be at least 1 second.";
        }
    }
}

/// <summary>
/// Retention of the raw streams, section <c>Kinerja:Retention</c>: <see cref="Months"/> unset keeps
/// everything. Rollups are never dropped, so indicators of old periods keep working.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Kinerja:Retention";

    /// <summary>
    /// Stream partitions whose month ended more than this many months ago are detached and dropped, and
    /// ingest rejects events of those months. Null (the default): keep everything.
    /// </summary>
    public int? Months { get; set; }

    /// <summary>Returns the problems of these settings (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (Months is < 1 or > 1200)
        {
            yield return $"{Section}:Months must be between 1 and 1200 (or unset to keep everything).";
        }
    }

    /// <summary>The day before which months are wholly dropped: today (UTC) minus <see cref="Months"/>; null when unset.</summary>
    public DateOnly? Cutoff(DateTimeOffset now) =>
        Months is { } m ? DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-m) : null;

    /// <summary>First day of the oldest month still kept (the month containing <see cref="Cutoff"/>); null when unset.</summary>
    public DateOnly? OldestKeptMonth(DateTimeOffset now) =>
        Cutoff(now) is { } c ? new DateOnly(c.Year, c.Month, 1) : null;
}
