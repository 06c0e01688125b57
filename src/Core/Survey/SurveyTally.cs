namespace Kinerja.Core.Survey;

/// <summary>
/// The answers of a group of respondents (a unit, a service, a region; one or more months): the number of
/// respondents and, per element <c>u1</c>..<c>u9</c>, the sum of their answers (every respondent answers all nine).
/// </summary>
public sealed record SurveyTally(int Respondents, IReadOnlyList<long> Sums)
{
    /// <summary>No answers.</summary>
    public static readonly SurveyTally Empty = new(0, new long[SurveyElements.Count]);

    /// <summary>A tally from its nine sums.</summary>
    public static SurveyTally Of(int respondents, params long[] sums)
    {
        if (sums.Length != SurveyElements.Count)
        {
            throw new ArgumentException($"A survey tally has {SurveyElements.Count} element sums; got {sums.Length}.", nameof(sums));
        }
        return new SurveyTally(respondents, sums);
    }

    /// <summary>The answers of both groups together.</summary>
    public SurveyTally Plus(SurveyTally other)
    {
        var sums = new long[SurveyElements.Count];
        for (var i = 0; i < sums.Length; i++)
        {
            sums[i] = Sums[i] + other.Sums[i];
        }
        return new SurveyTally(Respondents + other.Respondents, sums);
    }
}
