using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Tests.PlainEngine;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The compiled engine gives the same events and values as Microsoft RulesEngine's own
/// ExecuteAllRulesAsync on the default workflows, over many generated snapshots.
/// </summary>
public class PlainEngineConformanceTests
{
    internal static IndicatorSnapshot Random(Random rng, int i)
    {
        double? Avg() => rng.Next(6) == 0 ? null : Math.Round(1 + rng.NextDouble() * 4, 2);
        var target = rng.Next(5) == 0 ? 0 : 6750;
        var minutes = rng.Next(0, 8000);
        var tks = rng.Next(10) < 7 ? rng.Next(0, 3) : rng.Next(0, 35);
        return new IndicatorSnapshot
        {
            Nip = $"1985010120100110{i % 100:D2}",
            UnitId = $"unit-{i % 7}",
            RegionId = "pematangsiantar",
            Period = "2026-10",
            Status = EmployeeStatus.All[rng.Next(3)],
            ActivityMinutes = minutes,
            ActivityTargetMinutes = target,
            ActivityPct = target > 0 ? Math.Round(100.0 * minutes / target, 2) : 0,
            WorkingDays = 22,
            WorkingDaysElapsed = rng.Next(0, 23),
            TksDays = Math.Min(tks, 5),
            TksDaysYtd = tks,
            TksLongestRun = Math.Min(tks, rng.Next(0, 12)),
            HasilKerjaAvg = Avg(),
            BerAkhlakAvg = Avg(),
            PeriodsSangatBaik = rng.Next(0, 4),
            PeriodsKurangMisconduct = rng.Next(0, 7),
            TppCeiling = rng.Next(3) == 0 ? 0 : 1_000_000m * rng.Next(2, 9),
        };
    }

    [Fact]
    public async Task CompiledEngine_OnGeneratedSnapshots_MatchesRulesEngineExecuteAllRules()
    {
        var (sources, _) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        var set = DefaultRules.Set;
        var plain = new PlainRulesEngine(sources, set);
        var rng = new Random(20261125);
        var predicates = new HashSet<string?>();
        for (var i = 0; i < 1500; i++)
        {
            var s = Random(rng, i);
            var ours = set.Evaluate(s);
            var (events, values, errors) = await plain.EvaluateAsync(s);
            Assert.Empty(errors);
            Assert.Empty(ours.Errors);
            Assert.Equal(events.Order(), ours.Events.Order());
            Assert.Equal(values.Keys.Order(StringComparer.OrdinalIgnoreCase), ours.Values.Keys.Order(StringComparer.OrdinalIgnoreCase));
            foreach (var (k, v) in values)
            {
                Assert.Equal(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture),
                    Convert.ToString(ours.Values[k], System.Globalization.CultureInfo.InvariantCulture));
            }
            predicates.Add(ours.Predikat);
        }
        // the generator reaches every predicate, so the comparison covers the whole matrix
        Assert.Superset(Predikat.All.Cast<string?>().ToHashSet(), predicates);
    }
}
