namespace Kinerja.Ingest.Contracts;

/// <summary>
/// One daily activity claim (laporan aktivitas harian), JSON <c>POST /api/v1/activities</c>.
/// Stored pending until the superior reviews it.
/// </summary>
public sealed class ActivityItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>); a retry with the same id is a duplicate.</summary>
    public Guid EventId { get; init; }

    /// <summary>The employee's 18-digit NIP (<c>nip</c>).</summary>
    public string Nip { get; init; } = "";

    /// <summary>When the work was done, with offset (<c>occurredAt</c>); its local day in the region is the activity's day.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Claimed minutes (<c>minutes</c>), 1 up to the region's daily maximum.</summary>
    public int Minutes { get; init; }

    /// <summary>Optional output volume (<c>volume</c>).</summary>
    public decimal? Volume { get; init; }

    /// <summary>Optional output unit or artefact (<c>output</c>).</summary>
    public string? Output { get; init; }

    /// <summary>What was done (<c>description</c>, required).</summary>
    public string Description { get; init; } = "";

    /// <summary>Optional SKP indicator the work contributes to (<c>skpIndicator</c>).</summary>
    public string? SkpIndicator { get; init; }
}
