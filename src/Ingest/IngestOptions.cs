namespace Kinerja.Ingest;

/// <summary>Ingest settings, section <c>Kinerja:Ingest</c>; validated at start.</summary>
public sealed class IngestOptions
{
    public const string Section = "Kinerja:Ingest";

    /// <summary>Items that may wait for the writer; beyond it HTTP answers 503 + Retry-After.</summary>
    public int QueueCapacity { get; set; } = 200_000;

    /// <summary>The writer commits once this many items are gathered (or the deadline passes).</summary>
    public int BatchSize { get; set; } = 20_000;

    /// <summary>How long the writer waits for more items after the first before it commits.</summary>
    public TimeSpan BatchDeadline { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Batches of nothing but activities COPY on a second connection while the previous batch commits (two
    /// PostgreSQL backends work at once). Off: every batch is written after the previous one committed.
    /// </summary>
    public bool OverlapBatches { get; set; } = true;

    /// <summary>Largest accepted HTTP body; larger bodies get 413.</summary>
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How far in the future an event time may lie (clocks of source systems drift).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Employees, units and regions are re-read at most this old.</summary>
    public TimeSpan ReferenceRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Seconds in the <c>Retry-After</c> header of a 503.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Returns the problems of these settings (empty when valid).</summary>
    public IEnumerable<string> Problems()
    {
        if (QueueCapacity < 1)
        {
            yield return $"{Section}:QueueCapacity must be at least 1.";
        }
        if (BatchSize < 1 || BatchSize > 1_000_000)
        {
            yield return $"{Section}:BatchSize must be between 1 and 1000000.";
        }
        if (BatchDeadline < TimeSpan.Zero || BatchDeadline > TimeSpan.FromSeconds(10))
        {
            yield return $"{Section}:BatchDeadline must be between 0 and 10 seconds.";
        }
        if (MaxBodyBytes < 1024)
        {
            yield return $"{Section}:MaxBodyBytes must be at least 1024.";
        }
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromDays(1))
        {
            yield return $"{Section}:ClockSkew must be between 0 and 1 day.";
        }
        if (ReferenceRefresh < TimeSpan.FromMilliseconds(100))
        {
            yield return $"{Section}:ReferenceRefresh must be at least 100 ms.";
        }
        if (RetryAfterSeconds < 1)
        {
            yield return $"{Section}:RetryAfterSeconds must be at least 1.";
        }
    }
}
