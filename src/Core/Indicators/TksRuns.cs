using Kinerja.Core.Calendar;

namespace Kinerja.Core.Indicators;

/// <summary>A day an employee was absent without valid reason (tanpa keterangan).</summary>
internal sealed record TksDay(string Nip, DateOnly Day);

/// <summary>
/// Year-to-date TKS days and the longest run of consecutive TKS working days (DOMAIN.md "Attendance
/// discipline": "10 consecutive" days): days are numbered by working day in the region's calendar, so
/// weekends and holidays between two TKS days do not break a run, and a working day without TKS does.
/// A TKS record on a non-working day counts as a TKS day but is not part of any run.
/// </summary>
internal static class TksRuns
{
    public static void Apply(IReadOnlyList<EmployeeFactsRow> rows, IEnumerable<TksDay> days, PeriodPlan plan)
    {
        var byNip = new Dictionary<string, EmployeeFactsRow>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byNip[row.Nip] = row;
        }
        var ordinals = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var sorted = days.ToList();
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Nip, b.Nip) is var c and not 0 ? c : a.Day.CompareTo(b.Day));
        EmployeeFactsRow? current = null;
        int[]? ordinal = null;
        int run = 0, last = int.MinValue;
        foreach (var day in sorted)
        {
            if (current?.Nip != day.Nip)
            {
                if (!byNip.TryGetValue(day.Nip, out current))
                {
                    continue;
                }
                ordinal = OrdinalsOf(plan.Regions[current.RegionId].Calendar, day.Day.Year, ordinals);
                run = 0;
                last = int.MinValue;
            }
            current.TksYtd++;
            var n = ordinal![day.Day.DayOfYear - 1];
            if (n < 0)
            {
                continue; // not a working day
            }
            run = n == last + 1 ? run + 1 : 1;
            last = n;
            current.TksLongestRun = Math.Max(current.TksLongestRun, run);
        }
    }

    /// <summary>Per day of the year its working-day number (1, 2, ...), or -1 on weekends and holidays.</summary>
    private static int[] OrdinalsOf(RegionCalendar calendar, int year, Dictionary<string, int[]> cache)
    {
        if (cache.TryGetValue(calendar.RegionId, out var cached))
        {
            return cached;
        }
        var start = new DateOnly(year, 1, 1);
        var result = new int[DateTime.IsLeapYear(year) ? 366 : 365];
        var n = 0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = calendar.IsWorkingDay(start.AddDays(i)) ? ++n : -1;
        }
        cache[calendar.RegionId] = result;
        return result;
    }
}
