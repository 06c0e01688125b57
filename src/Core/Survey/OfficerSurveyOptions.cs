namespace Kinerja.Core.Survey;

/// <summary>
/// How survey answers that name the officer who served count toward that employee's <c>masyarakat</c> rating
/// (<c>Kinerja:Survey</c>, validated at start; the same section as the survey's abuse limits).
/// </summary>
public sealed class OfficerSurveyOptions
{
    public const string Section = "Kinerja:Survey";

    /// <summary>
    /// Respondents an officer needs in a period before their answers count (default 5, at least 1). Below it the answers
    /// change no rating and no per-officer figure is shown anywhere: a handful of answers would give citizens away
    /// and say little about the officer.
    /// </summary>
    public int OfficerMinRespondents { get; set; } = 5;
}
