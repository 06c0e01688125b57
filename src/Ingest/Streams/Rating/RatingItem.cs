namespace Kinerja.Ingest.Contracts;

/// <summary>
/// One score given by a rater, JSON <c>POST /api/v1/ratings</c>: about an employee (<see cref="Nip"/>)
/// or, for citizen satisfaction, about a unit (<see cref="UnitId"/>) — exactly one of the two.
/// </summary>
public sealed class RatingItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>).</summary>
    public Guid EventId { get; init; }

    /// <summary>The rated employee's NIP (<c>nip</c>); null for a unit rating.</summary>
    public string? Nip { get; init; }

    /// <summary>The rated unit (<c>unitId</c>); null for an employee rating.</summary>
    public string? UnitId { get; init; }

    /// <summary>One of <see cref="Kinerja.Core.Domain.RaterRole"/> (<c>raterRole</c>).</summary>
    public string RaterRole { get; init; } = "";

    /// <summary>Opaque reference of the rater (<c>raterRef</c>, optional).</summary>
    public string? RaterRef { get; init; }

    /// <summary>One of <see cref="Kinerja.Core.Domain.Aspect"/> (<c>aspect</c>).</summary>
    public string Aspect { get; init; } = "";

    /// <summary>Score 1–5 (<c>score</c>).</summary>
    public int Score { get; init; }

    /// <summary>The rated month <c>YYYY-MM</c> (<c>period</c>).</summary>
    public string Period { get; init; } = "";

    /// <summary>When the rating was given, with offset (<c>occurredAt</c>).</summary>
    public DateTimeOffset OccurredAt { get; init; }
}
