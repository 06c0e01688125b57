using System.Globalization;

namespace Kinerja.Core.Survey;

/// <summary>
/// The weights of the nine elements in the weighted NRR: 1/9 each by default (PermenPAN-RB 14/2017); a unit may set
/// its own as long as they sum to 1 (<see cref="Validate"/>).
/// </summary>
public sealed record SurveyWeights
{
    /// <summary>How far the sum of the weights may be from 1 (people type 0.111 nine times).</summary>
    public const decimal SumTolerance = 0.001m;

    private SurveyWeights(IReadOnlyList<decimal>? values) => Values = values;

    /// <summary>1/9 each.</summary>
    public static readonly SurveyWeights Default = new((IReadOnlyList<decimal>?)null);

    /// <summary>The weights u1..u9; null for the default (1/9 each, computed exactly).</summary>
    public IReadOnlyList<decimal>? Values { get; }

    /// <summary>True for 1/9 each.</summary>
    public bool IsDefault => Values is null;

    /// <summary>The weight of element <paramref name="i"/> (0-based), as a fraction of the sum of the weights.</summary>
    public decimal this[int i] => Values is null ? 1m / SurveyElements.Count : Values[i];

    /// <summary>Custom weights after <see cref="Validate"/> found no error.</summary>
    public static SurveyWeights Of(IReadOnlyList<decimal> values) =>
        Validate(values) is { } error ? throw new ArgumentException(error.Message, nameof(values)) : new SurveyWeights(values.ToArray());

    /// <summary>Weights read back from the database, which only holds weights that passed <see cref="Validate"/>.</summary>
    public static SurveyWeights Trusted(IReadOnlyList<decimal> values) => new(values.ToArray());

    /// <summary>
    /// The first problem of a weight list, naming the element (<c>u1</c>..<c>u9</c>) or <c>weights</c> for the sum;
    /// null when the nine weights are each within 0..1 and sum to 1 (± <see cref="SumTolerance"/>).
    /// </summary>
    public static (string Field, string Message)? Validate(IReadOnlyList<decimal>? values)
    {
        if (values is null || values.Count != SurveyElements.Count)
        {
            return ("weights", $"weights must give all {SurveyElements.Count} elements u1..u9; got {values?.Count ?? 0}.");
        }
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is < 0 or > 1)
            {
                return (SurveyElements.Codes[i],
                    $"{SurveyElements.Codes[i]} must be a weight from 0 to 1; got {values[i].ToString(CultureInfo.InvariantCulture)}.");
            }
        }
        var sum = values.Sum();
        if (Math.Abs(sum - 1m) > SumTolerance)
        {
            return ("weights",
                $"The weights must sum to 1 (within {SumTolerance.ToString(CultureInfo.InvariantCulture)}); they sum to {sum.ToString(CultureInfo.InvariantCulture)}.");
        }
        return null;
    }
}
