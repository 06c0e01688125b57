using Kinerja.Core.Indicators;

namespace Kinerja.Rules.Bench;

/// <summary>A deterministic synthetic population of snapshots with realistic spreads.</summary>
internal static class Population
{
    public static IndicatorSnapshot[] Make(int count, int seed, string period = "2026-10", int employeesOffset = 0)
    {
        var rng = new Random(seed);
        var result = new IndicatorSnapshot[count];
        for (var i = 0; i < count; i++)
        {
            double? Avg() => rng.Next(10) == 0 ? null : Math.Round(1.5 + rng.NextDouble() * 3.5, 2);
            var target = rng.Next(20) == 0 ? 0 : 6750;
            var minutes = rng.Next(1500, 7600);
            var tks = rng.Next(100) < 80 ? rng.Next(0, 3) : rng.Next(0, 32);
            var n = i + employeesOffset;
            result[i] = new IndicatorSnapshot
            {
                Nip = $"19850101201001{1 + n % 2}{n:D3}",
                UnitId = $"unit-{n % 40}",
                RegionId = "pematangsiantar",
                Period = period,
                Status = rng.Next(10) == 0 ? "CPNS" : "PNS",
                ActivityMinutes = minutes,
                ActivityTargetMinutes = target,
                ActivityPct = target > 0 ? Math.Round(100.0 * minutes / target, 2) : 0,
                WorkingDays = 22,
                WorkingDaysElapsed = 22,
                TksDays = Math.Min(tks, 4),
                TksDaysYtd = tks,
                TksLongestRun = Math.Min(tks, rng.Next(0, 12)),
                HasilKerjaAvg = Avg(),
                BerAkhlakAvg = Avg(),
                PeriodsSangatBaik = rng.Next(0, 4),
                PeriodsKurangMisconduct = rng.Next(0, 7),
                TppCeiling = 1_000_000m * rng.Next(2, 9),
            };
        }
        return result;
    }
}
