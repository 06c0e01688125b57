using Kinerja.Core.Indicators;
using Kinerja.Rules.Backtest;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Hosting;

namespace Kinerja.Rules.Tests;

/// <summary>Backtests over in-memory history.</summary>
public class BacktestTests
{
    private static IndicatorSnapshot Snap(int i, string period, int tks, double hk = 4.5, double pk = 4.5) => new()
    {
        Nip = $"1985010120100110{i:D2}", UnitId = i % 2 == 0 ? "dinkes" : "dishub", Period = period,
        TksDaysYtd = tks, TksLongestRun = 1, HasilKerjaAvg = hk, BerAkhlakAvg = pk,
    };

    private static Kinerja.Rules.Engine.CompiledRuleSet Candidate(string workflow, string from, string to) =>
        RuleSetCompiler.CompileOrThrow(RulesService.Merge(RulesServiceHarness.DefaultSources(), RulesServiceHarness.Edited(workflow, from, to)));

    [Fact]
    public async Task Backtest_BandMoved_GainedLostByCodeUnitAndEmployee()
    {
        var history = new[]
        {
            Snap(1, "2026-01", 2), Snap(2, "2026-01", 3), Snap(3, "2026-01", 0),
            Snap(1, "2026-02", 2), Snap(2, "2026-02", 3), Snap(3, "2026-02", 0),
            Snap(1, "2026-03", 2), // outside the range
        };
        var candidate = Candidate("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd >= 2 && snapshot.TksDaysYtd <= 3");
        var report = await Backtester.RunAsync(new InMemorySnapshotSource(history), DefaultRules.Set, candidate,
            PeriodRange.Expand("2026-01", "2026-02"), 10, recomputeHistory: true, CancellationToken.None);
        Assert.Equal((6, 3), (report.Snapshots, report.Subjects));
        Assert.Equal((2, 0, 0), (report.Gained, report.Lost, report.Changed));
        var code = Assert.Single(report.ByCode);
        Assert.Equal(("TEGURAN_LISAN", 2), (code.Code, code.Gained));
        Assert.Equal([("dishub", 2)], report.ByUnit.Select(u => (u.UnitId, u.Gained)));
        var who = Assert.Single(report.Affected);
        Assert.Equal("198501012010011001", who.Subject);
        Assert.Equal(["2026-01 disiplin/TEGURAN_LISAN", "2026-02 disiplin/TEGURAN_LISAN"], who.Gained);
    }

    [Fact]
    public async Task Backtest_StricterRating_PredikatChangesFlowIntoNextPeriodRewards()
    {
        // Sangat Baik three months running under the active rules; a stricter threshold (4.6) demotes month 1,
        // so with re-derived history month 2 is no longer "two periods running" for the candidate
        var history = new[] { Snap(1, "2026-01", 0, 4.5, 4.7), Snap(1, "2026-02", 0, 4.7, 4.7) with { PeriodsSangatBaik = 1, PreviousPredikat = "SANGAT_BAIK" } };
        var candidate = Candidate("rating", "\"Expression\": \"4.0\"", "\"Expression\": \"4.6\"");
        var report = await Backtester.RunAsync(new InMemorySnapshotSource(history), DefaultRules.Set, candidate,
            ["2026-01", "2026-02"], 10, recomputeHistory: true, CancellationToken.None);
        Assert.Contains(report.PredikatChanges, p => (p.From, p.To, p.Count) == ("SANGAT_BAIK", "BAIK", 1));
        var unit = Assert.Single(report.PredikatChangesByUnit);
        Assert.Equal((history[0].UnitId, "SANGAT_BAIK", "BAIK", 1), (unit.UnitId, unit.From, unit.To, unit.Count));
        var who = Assert.Single(report.Affected);
        Assert.Contains("2026-02 penghargaan/INSENTIF_KINERJA", who.Lost);
        Assert.Contains("2026-01 penghargaan/PIAGAM_PENGHARGAAN", who.Lost);
    }

    [Fact]
    public void PeriodRange_Months_Inclusive()
    {
        Assert.Equal(["2025-11", "2025-12", "2026-01"], PeriodRange.Expand("2025-11", "2026-01"));
        Assert.Throws<ArgumentException>(() => PeriodRange.Expand("2026-01", "2026-Q1"));
    }
}
