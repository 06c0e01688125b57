namespace Kinerja.Ingest.Contracts;

/// <summary>
/// One answered citizen satisfaction survey (PermenPAN-RB 14/2017), <c>POST /api/v1/surveys</c> (source systems,
/// paper surveys imported) or, from a citizen, the anonymous <c>POST /api/v1/survey/{unitId}</c>, which fills this
/// item (its <c>responseId</c> is <see cref="EventId"/>, <see cref="SubmittedAt"/> the server time).
/// </summary>
public sealed class SurveyItem
{
    /// <summary>Client-made idempotency key (<c>eventId</c>; <c>responseId</c> on the citizen endpoint).</summary>
    public Guid EventId { get; init; }

    /// <summary>The surveyed unit (<c>unitId</c>).</summary>
    public string UnitId { get; init; } = "";

    /// <summary>The service used (<c>serviceId</c>, optional): lower-case letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    public string? ServiceId { get; init; }

    /// <summary>The officer who served (<c>officerNip</c>, optional): an employee of the unit.</summary>
    public string? OfficerNip { get; init; }

    /// <summary>Answers to elements u1..u9, each 1–4.</summary>
    public int U1 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U2 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U3 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U4 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U5 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U6 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U7 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U8 { get; init; }
    /// <inheritdoc cref="U1"/>
    public int U9 { get; init; }

    /// <summary>Profile: age band (<c>ageBand</c>, optional), one of <see cref="Kinerja.Core.Survey.SurveyElements.AgeBands"/>.</summary>
    public string? AgeBand { get; init; }

    /// <summary>Profile: sex (<c>sex</c>, optional), <c>L</c> or <c>P</c>.</summary>
    public string? Sex { get; init; }

    /// <summary>Profile: education (<c>education</c>, optional), one of <see cref="Kinerja.Core.Survey.SurveyElements.Educations"/>.</summary>
    public string? Education { get; init; }

    /// <summary>Profile: occupation (<c>occupation</c>, optional), one of <see cref="Kinerja.Core.Survey.SurveyElements.Occupations"/>.</summary>
    public string? Occupation { get; init; }

    /// <summary>Complaint or suggestion (<c>comment</c>, optional), stored verbatim, never shown publicly.</summary>
    public string? Comment { get; init; }

    /// <summary>When the survey was submitted, with offset (<c>submittedAt</c>).</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The nine answers in element order.</summary>
    public int[] Answers() => [U1, U2, U3, U4, U5, U6, U7, U8, U9];
}
