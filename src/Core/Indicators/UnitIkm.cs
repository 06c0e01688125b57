using Kinerja.Core.Survey;

namespace Kinerja.Core.Indicators;

/// <summary>
/// A group's citizen satisfaction for a period: the official survey (<see cref="SurveyIkm"/>) where it has respondents;
/// otherwise, as legacy, the old 1-5 <c>masyarakat</c> unit ratings mapped by <see cref="IkmScale"/> (kept so months
/// before the survey still show a figure; a period with any survey answer ignores them).
/// </summary>
/// <param name="Source"><c>survey</c>, <c>legacy</c> or null (no answers).</param>
public sealed record IkmFigures(double? Ikm, string? Grade, int Count, string? Source, IReadOnlyDictionary<string, decimal>? Elements)
{
    public static readonly IkmFigures None = new(null, null, 0, null, null);

    /// <summary>The figures of a survey tally under the weights, else of the legacy sums.</summary>
    public static IkmFigures From(SurveyTally survey, SurveyWeights weights, long legacySum, int legacyCount)
    {
        if (SurveyIkm.Compute(survey, weights) is { } r)
        {
            return new IkmFigures((double)r.Ikm, r.Grade, r.Respondents, "survey", r.Elements);
        }
        var legacy = IkmScale.From(legacySum, legacyCount);
        return legacy is null ? None : new IkmFigures(legacy, IkmScale.Band(legacy), legacyCount, "legacy", null);
    }

    /// <summary>A unit's figures (its own weights).</summary>
    internal static IkmFigures Of(UnitFactsRow u) => From(u.Survey, u.Weights, u.IkmSum, u.IkmCount);
}
