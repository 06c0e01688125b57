namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// The predicate history of an employee row in memory: one bit mask per predicate over the periods before the held
/// one (bit 0 = the period just before), as <see cref="EmployeeFactsSql"/> reads them (<c>hist</c>), from which
/// <see cref="SnapshotMapper"/> derives the previous predicate and its run.
/// </summary>
internal static class PredikatHistory
{
    /// <summary>
    /// Sets the predicate of the period at <paramref name="bit"/> (its index in <see cref="PeriodPlan.PreviousKeys"/>;
    /// negative: not a history period) to <paramref name="predikat"/> (null or unknown: none). False when nothing changed.
    /// </summary>
    public static bool Set(EmployeeFactsRow row, int bit, string? predikat)
    {
        if (bit < 0 || bit >= 31)
        {
            return false;
        }
        var flag = 1 << bit;
        int Next(int mask, string code) => predikat == code ? mask | flag : mask & ~flag;
        var next = (Next(row.SangatBaikMask, Domain.Predikat.SangatBaik), Next(row.BaikMask, Domain.Predikat.Baik),
            Next(row.ButuhPerbaikanMask, Domain.Predikat.ButuhPerbaikan), Next(row.KurangMisconductMask, Domain.Predikat.KurangMisconduct),
            Next(row.SangatKurangMask, Domain.Predikat.SangatKurang));
        if (next == (row.SangatBaikMask, row.BaikMask, row.ButuhPerbaikanMask, row.KurangMisconductMask, row.SangatKurangMask))
        {
            return false;
        }
        (row.SangatBaikMask, row.BaikMask, row.ButuhPerbaikanMask, row.KurangMisconductMask, row.SangatKurangMask) = next;
        return true;
    }
}
