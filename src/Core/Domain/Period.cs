using System.Globalization;
using System.Text.RegularExpressions;

namespace Kinerja.Core.Domain;

public enum PeriodKind
{
    Day,
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A local reporting period: <c>YYYY-MM-DD</c>, <c>YYYY-MM</c>, <c>YYYY-Qn</c> or <c>YYYY</c>.
/// <see cref="Start"/> is inclusive, <see cref="End"/> exclusive; both are local dates of the region.
/// </summary>
public readonly partial record struct Period(PeriodKind Kind, DateOnly Start, DateOnly End)
{
    public string Key => Kind switch
    {
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"{Start.Year:D4}-Q{(Start.Month - 1) / 3 + 1}",
        _ => Start.Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    public override string ToString() => Key;

    public bool Contains(DateOnly day) => day >= Start && day < End;

    public static Period Day(DateOnly day) => new(PeriodKind.Day, day, day.AddDays(1));

    public static Period Month(int year, int month) =>
        new(PeriodKind.Month, new DateOnly(year, month, 1), new DateOnly(year, month, 1).AddMonths(1));

    public static Period MonthOf(DateOnly day) => Month(day.Year, day.Month);

    public static Period Quarter(int year, int quarter) =>
        new(PeriodKind.Quarter, new DateOnly(year, quarter * 3 - 2, 1), new DateOnly(year, quarter * 3 - 2, 1).AddMonths(3));

    public static Period Year(int year) => new(PeriodKind.Year, new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));

    /// <summary>The period of the same kind immediately before this one.</summary>
    public Period Previous() => Kind switch
    {
        PeriodKind.Day => Day(Start.AddDays(-1)),
        PeriodKind.Month => MonthOf(Start.AddMonths(-1)),
        PeriodKind.Quarter => new(PeriodKind.Quarter, Start.AddMonths(-3), Start),
        _ => Year(Start.Year - 1),
    };

    public static Period Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException(
            $"'{text}' is not a period; use YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY.");

    public static bool TryParse(string? text, out Period period)
    {
        period = default;
        if (string.IsNullOrEmpty(text) || text.Length > 10)
        {
            return false;
        }
        var m = Shape().Match(text);
        if (!m.Success)
        {
            return false;
        }
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year < 1900 || year > 9998)
        {
            return false;
        }
        if (m.Groups["q"].Success)
        {
            period = Quarter(year, m.Groups["q"].Value[0] - '0');
            return true;
        }
        if (m.Groups["d"].Success)
        {
            if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }
            period = Day(day);
            return true;
        }
        if (m.Groups["m"].Success)
        {
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }
            period = Month(year, month);
            return true;
        }
        period = Year(year);
        return true;
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-Q(?<q>[1-4])|-(?<m>\d{2})(?:-(?<d>\d{2}))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
