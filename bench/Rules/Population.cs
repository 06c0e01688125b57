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

    /// <summary>
    /// The same snapshots with SKP plan fields filled (issue 17): 85% with an approved plan of 2-6 RHK (1-4 utama), of
    /// those 80% fully assessed this period at a realistic spread of levels, the rest partly; the others no plan.
    /// </summary>
    public static IndicatorSnapshot[] WithPlans(IndicatorSnapshot[] snapshots, int seed)
    {
        var rng = new Random(seed);
        return snapshots.Select(s =>
        {
            if (rng.Next(100) >= 85)
            {
                return s;
            }
            var utama = rng.Next(1, 5);
            var rhk = utama + rng.Next(1, 3);
            var utamaAssessed = rng.Next(100) < 80 ? utama : rng.Next(0, utama);
            var utamaDiBawah = utamaAssessed > 0 && rng.Next(100) < 10 ? 1 : 0;
            var utamaDiAtas = utamaAssessed - utamaDiBawah > 0 && rng.Next(100) < 30 ? 1 : 0;
            return s with
            {
                SkpPlanApproved = true,
                SkpRhkCount = rhk,
                SkpRhkAssessed = utamaAssessed,
                SkpRhkDiAtas = utamaDiAtas,
                SkpRhkDiBawah = utamaDiBawah,
                SkpRhkSesuai = utamaAssessed - utamaDiAtas - utamaDiBawah,
                SkpRhkUtama = utama,
                SkpRhkUtamaAssessed = utamaAssessed,
                SkpRhkUtamaDiAtas = utamaDiAtas,
                SkpRhkUtamaDiBawah = utamaDiBawah,
                SkpQuantAchievement = Math.Round(40 + rng.NextDouble() * 80, 2),
            };
        }).ToArray();
    }
}
