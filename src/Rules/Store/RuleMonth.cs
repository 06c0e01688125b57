using System.Globalization;
using System.Text.RegularExpressions;
using Kinerja.Core.Domain;

namespace Kinerja.Rules.Store;

/// <summary>
/// The month a published version takes effect from (<c>YYYY-MM</c>, <c>workflow_schedule.effective_from</c>) and the
/// month a period is evaluated under.
/// </summary>
public static partial class RuleMonth
{
    /// <summary>Effective from every month: the versions that were active before schedules existed (migration 0031).</summary>
    public const string Always = "0001-01";

    /// <summary>
    /// The zone whose calendar month is "the current month" of a publish: WIB (Asia/Jakarta), the last Indonesian zone
    /// to enter a month, so a publish "from now" covers the month every region is in (a WIT region already in the next
    /// month for a few hours uses it too, since a version applies to every month from its effectiveFrom on).
    /// </summary>
    public const string MonthZone = "Asia/Jakarta";

    /// <summary>True for a well-formed <c>YYYY-MM</c> between 1900-01 and 9998-12.</summary>
    public static bool IsMonth(string? text) =>
        text is not null && MonthShape().IsMatch(text) && int.Parse(text[..4], CultureInfo.InvariantCulture) is >= 1900 and <= 9998;

    /// <summary>The current month in <see cref="MonthZone"/> on the product's clock.</summary>
    public static string Current(TimeProvider time) =>
        new RegionClock(MonthZone).Today(time).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// The month whose versions evaluate <paramref name="period"/>: a day or month its own month, a quarter its last month,
    /// a year (the annual evaluation) December: the rules in force when the period closes.
    /// </summary>
    public static string Of(string period)
    {
        if (!Period.TryParse(period, out var p))
        {
            throw new FormatException($"'{period}' is not a period; use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY.");
        }
        var last = p.Kind == PeriodKind.Day ? p.Start : p.End.AddMonths(-1);
        return last.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[0-9]{4}-(0[1-9]|1[0-2])$")]
    private static partial Regex MonthShape();
}
