using Kinerja.Rules.Store;

namespace Kinerja.Rules.Api;

/// <summary>
/// The month a publish from the console or API takes effect from: <c>effectiveFrom</c> (<c>YYYY-MM</c>), default the
/// current month (<see cref="RuleMonth.Current"/>). A month before the current one changes figures of closed months, so
/// it is refused unless HR confirms it (<c>reevaluateClosedMonths</c>); then those months are evaluated again.
/// </summary>
public static class PublishMonth
{
    /// <summary>The month to publish from, or the Indonesian reason it is refused.</summary>
    public static (string? Month, string? Error) Resolve(string? effectiveFrom, bool reevaluateClosedMonths, TimeProvider time)
    {
        var current = RuleMonth.Current(time);
        if (string.IsNullOrWhiteSpace(effectiveFrom))
        {
            return (current, null);
        }
        var month = effectiveFrom.Trim();
        if (!RuleMonth.IsMonth(month))
        {
            return (null, $"Bulan berlaku '{effectiveFrom}' tidak dikenali: tulis tahun-bulan, misalnya {current}.");
        }
        if (string.CompareOrdinal(month, current) < 0 && !reevaluateClosedMonths)
        {
            return (null, $"Bulan berlaku {month} sudah lewat (bulan berjalan {current}). Aturan untuk bulan yang sudah ditutup "
                + "hanya diterbitkan bila SDM menyetujui evaluasi ulang bulan-bulan itu (reevaluateClosedMonths).");
        }
        return (month, null);
    }

    /// <summary>The closed months a publish from <paramref name="month"/> changes: from it up to the month before the current one.</summary>
    public static IReadOnlyList<string> ClosedMonths(string month, TimeProvider time)
    {
        var current = RuleMonth.Current(time);
        var months = new List<string>();
        var p = Core.Domain.Period.Parse(month);
        while (string.CompareOrdinal(p.Key, current) < 0)
        {
            months.Add(p.Key);
            p = Core.Domain.Period.MonthOf(p.End);
        }
        return months;
    }
}
