using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Calendar;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The live evaluator evaluates only what moved: an employee named by a change whose snapshot is unchanged
/// is skipped, a changed one is evaluated and its trigger is stored exactly once, and a new rule set makes
/// the unchanged employees count again. The clock is fixed (mid-March 2026), so the month always has the
/// working days the TKS rule needs, whatever today's date.
/// </summary>
public sealed class LiveEvaluatorTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 3, 18, 10, 0, 0, TimeSpan.FromHours(7)));
    private readonly RulesServiceHarness _rules = new(db.DataSource);
    private LiveIndicators _live = null!;
    private LiveRulesEvaluator _evaluator = null!;
    private EvaluatorLease _lease = null!;
    private IReadOnlyList<string> _nips = [];

    public async Task InitializeAsync()
    {
        _nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "kota-live-eval", "kota-live-eval-bkd", 3, nipOffset: 7300);
        await _rules.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        var calendars = new CalendarCache(db.DataSource, Clock, NullLogger<CalendarCache>.Instance);
        var queries = new IndicatorQueries(db.DataSource, calendars, Clock);
        _live = new LiveIndicators(queries, calendars, Clock, NullLogger<LiveIndicators>.Instance);
        _lease = new EvaluatorLease(db.DataSource);
        _evaluator = new LiveRulesEvaluator(_live, queries,
            new RuleEvaluationService(_rules.Active, _rules.Triggers, NullLogger<RuleEvaluationService>.Instance),
            _rules.Active, new LevelStore(db.DataSource), _lease, new RulesStartGate(), NullLogger<LiveRulesEvaluator>.Instance);
        await _evaluator.StartAsync(CancellationToken.None);
        await _live.LoadAllAsync();
        // the load names the whole region: every employee and the unit are evaluated once
        await Eventually.TrueAsync(() => _evaluator.Evaluated == _nips.Count + 1, "the first evaluation of the loaded region");
    }

    public async Task DisposeAsync()
    {
        await _evaluator.StopAsync(CancellationToken.None);
        _evaluator.Dispose();
        await _lease.DisposeAsync();
    }

    [Fact]
    public async Task Change_OnlyOneEmployeeMoved_EvaluatesItAloneAndStoresItsTriggerOnce()
    {
        var absentee = _nips[2];
        await TksAsync(absentee, "2026-03-16", "2026-03-17", "2026-03-18");
        var (evaluated, skipped) = (_evaluator.Evaluated, _evaluator.Skipped);

        await _live.ApplyAsync(new EventsChanged { Nips = [.. _nips] });

        // the absentee's snapshot moved (three TKS days); the others and the unit are as last evaluated
        await Eventually.TrueAsync(() => _evaluator.Evaluated > evaluated, "the changed employee's evaluation");
        await Eventually.TrueAsync(() => _evaluator.Skipped >= skipped + _nips.Count, "the unchanged subjects being skipped");
        Assert.Equal(evaluated + 1, _evaluator.Evaluated);
        Assert.Equal(1, await TeguranLisanAsync(absentee));

        // named again with nothing moved: nothing is evaluated, the trigger is still there once
        (evaluated, skipped) = (_evaluator.Evaluated, _evaluator.Skipped);
        await _live.ApplyAsync(new EventsChanged { Nips = [.. _nips] });
        await Eventually.TrueAsync(() => _evaluator.Skipped >= skipped + _nips.Count + 1, "the repeated change being skipped");
        Assert.Equal(evaluated, _evaluator.Evaluated);
        Assert.Equal(1, await TeguranLisanAsync(absentee));
    }

    [Fact]
    public async Task Change_AfterANewRuleSet_EvaluatesUnchangedEmployeesAgain()
    {
        await _rules.Service.PublishAsync(RulesServiceHarness.Edited("pembinaan", "< 50", "< 49"), "test", "soak flip",
            CancellationToken.None);
        var evaluated = _evaluator.Evaluated;

        await _live.ApplyAsync(new EventsChanged { Nips = [.. _nips] });

        await Eventually.TrueAsync(() => _evaluator.Evaluated >= evaluated + _nips.Count + 1,
            "every named employee and the unit evaluated under the new set");
    }

    [Fact]
    public async Task StoredLevels_ReachTheLiveModelOnTheFeed_WithoutARecompute()
    {
        // the evaluator wrote nothing into the live model (no change feed runs here): what it holds is the load's, which
        // for these employees equals what the rules stored
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Nip, string? Hasil, string? Perilaku, string? Predikat)>(
            "select trim(nip), rating_hasil_kerja, rating_perilaku, predikat from employee_period_level where period = '2026-03' and nip = any(@nips)",
            new { nips = _nips.ToArray() })).ToList();
        Assert.Equal(_nips.Order(), stored.Select(r => r.Nip).Order());
        Assert.All(stored, r => Assert.Equal(r.Hasil, _live.Employee(r.Nip)!.RatingHasilKerja));

        // a level on kinerja_levels reaches the model without a read
        var (nip, _, perilaku, predikat) = stored[0];
        await new LiveLevelsChangeHandler(_live).HandleAsync(new LevelsChanged
        {
            Levels = [new LevelChange(nip, "2026-03", "DI_ATAS_EKSPEKTASI", perilaku, predikat)],
        }, CancellationToken.None);

        Assert.Equal("DI_ATAS_EKSPEKTASI", _live.Employee(nip)!.RatingHasilKerja);
        Assert.Equal(0, _live.Stats.IncrementalUpdates);
    }

    private async Task TksAsync(string nip, params string[] days)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        foreach (var day in days)
        {
            await conn.ExecuteAsync("""
                insert into employee_day (nip, day, activity_count, minutes_pending, minutes_approved, minutes_rejected,
                                          attendance_status, late_minutes)
                values (@nip, @day::date, 0, 0, 0, 0, 'tanpa_keterangan', 0)
                """, new { nip, day });
        }
    }

    private async Task<int> TeguranLisanAsync(string nip)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            "select count(*) from \"trigger\" where nip = @nip and code = 'TEGURAN_LISAN'", new { nip });
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
