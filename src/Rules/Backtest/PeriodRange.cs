using Kinerja.Core.Domain;

namespace Kinerja.Rules.Backtest;

/// <summary>Expands <c>from..to</c> (inclusive, same kind: months, quarters or years) into period keys.</summary>
public static class PeriodRange
{
    public static IReadOnlyList<string> Expand(string from, string to)
    {
        var a = Period.Parse(from);
        var b = Period.Parse(to);
        if (a.Kind != b.Kind)
        {
            throw new ArgumentException($"'{from}' and '{to}' are periods of different kinds.");
        }
        if (b.Start < a.Start)
        {
            throw new ArgumentException($"'{to}' is before '{from}'.");
        }
        var keys = new List<string>();
        for (var p = a; p.Start <= b.Start; p = Next(p))
        {
            keys.Add(p.Key);
            if (keys.Count > 1000)
            {
                throw new ArgumentException("A backtest covers at most 1000 periods.");
            }
        }
        return keys;
    }

    private static Period Next(Period p) => p.Kind switch
    {
        PeriodKind.Day => Period.Day(p.End),
        PeriodKind.Month => Period.MonthOf(p.End),
        PeriodKind.Quarter => Period.Quarter(p.End.Year, (p.End.Month - 1) / 3 + 1),
        _ => Period.Year(p.End.Year),
    };
}
