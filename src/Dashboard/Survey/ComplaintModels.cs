namespace Kinerja.Dashboard.Survey;

/// <summary>The states of a complaint or suggestion (element U8): <c>baru</c> → <c>diproses</c> → <c>selesai</c> | <c>ditutup</c>.</summary>
public static class ComplaintStates
{
    public const string Baru = "baru";
    public const string Diproses = "diproses";
    public const string Selesai = "selesai";
    public const string Ditutup = "ditutup";

    public static readonly IReadOnlyList<string> All = [Baru, Diproses, Selesai, Ditutup];

    /// <summary>The longest response or reason text (characters), like the citizen's comment.</summary>
    public const int MaxText = 2000;

    /// <summary>The states a complaint in <paramref name="from"/> may move to.</summary>
    public static IReadOnlyList<string> Next(string from) => from switch
    {
        Baru => [Diproses, Ditutup],
        Diproses => [Selesai, Ditutup],
        _ => [],
    };
}

/// <summary>One complaint or suggestion of the queue, as staff and HR see it (never on a public screen).</summary>
/// <param name="Id">The survey's responseId.</param>
/// <param name="Text">The citizen's text, verbatim (screens must escape it).</param>
/// <param name="ResponseHours">Hours from submission to <c>selesai</c> (null until answered).</param>
public sealed record ComplaintView(Guid Id, string UnitId, string ServiceId, string Text, DateTimeOffset SubmittedAt, string State,
    ComplaintStep? Processing, ComplaintStep? Closed, string? Response, string? Reason, double? ResponseHours);

/// <summary>Who took a step and when.</summary>
public sealed record ComplaintStep(string By, DateTimeOffset At);

/// <summary>
/// A unit's complaint figures for the leaders' board (counts only). <see cref="Due"/> = complaints of the period that
/// are not <c>ditutup</c> and either answered or older than the answer limit; <see cref="AnsweredInTime"/> = those
/// answered (<c>selesai</c>) within the limit; <see cref="AnsweredInTimeShare"/> = the ratio, null when none is due.
/// <see cref="Open"/> counts <c>baru</c> and <c>diproses</c> of every period.
/// </summary>
public sealed record ComplaintUnitSummary(string UnitId, int Open, int Due, int AnsweredInTime, double? AnsweredInTimeShare);
