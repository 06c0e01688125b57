using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Core.Indicators.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kinerja.Core.Tests.Indicators;

/// <summary>
/// The live model's cheap read of a change (<see cref="LiveSignatureSql.ForNips"/>, prepared by
/// <see cref="LiveSignatureCommand"/>): it returns what the full read's signature statement and the employee statement
/// return for the same employees (signatures and the rules' levels, inactive employees left out), and it is planned
/// once per connection: PostgreSQL reuses one generic plan instead of planning every change.
/// </summary>
public class LiveSignatureReadTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Day = "2026-03-18";
    private const int PoolSize = 3;

    [Fact]
    public async Task TheCheapRead_ReturnsTheFullReadsSignaturesAndLevels()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "sigread1", "sigread1-u", 5, 7500);
        var time = SettableTime.AtWib(2026, 3, 18);
        // every part of the signature and both level lookups with a value for some employees and none for others
        await Rollups.DayAsync(db.DataSource, nips[1], Day, approved: 30, pending: 15, attendance: "hadir");
        await Rollups.TksAsync(db.DataSource, nips[2], "2026-01-12", "2026-02-03", "2026-03-17");
        await Rollups.RatingAsync(db.DataSource, "employee", nips[3], "2026-03", "atasan", "akuntabel", 18, 5);
        await Rollups.LevelAsync(db.DataSource, nips[3], "2026-03", Predikat.Baik, "SESUAI_EKSPEKTASI", "DI_ATAS_EKSPEKTASI");
        await Rollups.LevelAsync(db.DataSource, nips[3], "2026-02", Predikat.SangatBaik);
        await Rollups.LevelAsync(db.DataSource, nips[3], "2025-12", Predikat.ButuhPerbaikan);
        await Rollups.LevelAsync(db.DataSource, nips[4], "2026-01", Predikat.SangatKurang);
        // a level outside the history window (13 months back) and one of another employee's period must not count
        await Rollups.LevelAsync(db.DataSource, nips[4], "2025-02", Predikat.Baik);
        await Rollups.ExecAsync(db.DataSource, "update employee set active = false where nip = @nip", new { nip = nips[5] });
        var queries = Rollups.Queries(db.DataSource, time);
        var calendar = (await queries.CalendarsForTests.GetAsync("sigread1"))!;
        var plan = PeriodPlan.Create(Period.Month(2026, 3), [calendar], time);

        var cheap = await queries.LiveSignaturesAsync(plan, nips.ToArray(), [], CancellationToken.None);
        var full = await queries.LiveFactsAsync(plan, new EmployeeFilter { Nips = nips.ToArray() }, allUnits: false, CancellationToken.None);

        Assert.Equal(nips.Take(5).Order(), cheap.Employees.Select(e => e.Nip).Order());
        Assert.Equal(nips.Take(5).Order(), full.Rows.Select(r => r.Nip).Order());
        foreach (var row in cheap.Employees)
        {
            Assert.Equal(full.Signatures[row.Nip], row.Signature);
            var levels = new EmployeeFactsRow();
            row.CopyLevelsTo(levels);
            var expected = full.Rows.Single(r => r.Nip == row.Nip);
            Assert.Equal(
                (expected.RatingHasilKerja, expected.RatingPerilaku, expected.Predikat, expected.SangatBaikMask, expected.BaikMask,
                    expected.ButuhPerbaikanMask, expected.KurangMisconductMask, expected.SangatKurangMask),
                (levels.RatingHasilKerja, levels.RatingPerilaku, levels.Predikat, levels.SangatBaikMask, levels.BaikMask,
                    levels.ButuhPerbaikanMask, levels.KurangMisconductMask, levels.SangatKurangMask));
            Assert.Equal(full.Today.GetValueOrDefault(row.Nip), row.Today);
        }
        var three = cheap.Employees.Single(e => e.Nip == nips[3]);
        Assert.Equal((Predikat.Baik, 1, 1 << 2, 18L, 5L), (three.LevelPredikat, three.SangatBaikMask, three.ButuhPerbaikanMask,
            three.RatingSum, three.RatingCount));
        Assert.Equal((0, 1 << 1), (cheap.Employees.Single(e => e.Nip == nips[4]).BaikMask,
            cheap.Employees.Single(e => e.Nip == nips[4]).SangatKurangMask));
        Assert.Equal(3, cheap.Employees.Single(e => e.Nip == nips[2]).TksDays);
    }

    [Fact]
    public async Task TheCheapRead_IsPreparedOnItsConnection_AndSettlesOnOneGenericPlan()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "sigread2", "sigread2-u", 3, 7600);
        var time = SettableTime.AtWib(2026, 3, 18);
        // a small pool (a full load takes two connections): every session of it can be looked at afterwards
        await using var pool = NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(db.ConnectionString) { MaxPoolSize = PoolSize }.ConnectionString);
        var queries = Rollups.Queries(pool, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();

        // more changes than PostgreSQL's five custom plans of a prepared statement, whichever sessions the pool hands out
        const int changes = PoolSize * 6;
        for (var i = 0; i < changes; i++)
        {
            var nip = nips[1 + i % 3];
            await Rollups.DayAsync(db.DataSource, nip, Day, pending: 10 + i);
            await live.ApplyAsync(new EventsChanged { Nips = [nip] });
            Assert.Equal(10 + i, live.Employee(nip)!.ActivityMinutesPending);
        }

        var sessions = new List<NpgsqlConnection>();
        var statements = new List<(long Generic, long Custom)>();
        try
        {
            for (var i = 0; i < PoolSize; i++)
            {
                sessions.Add(await pool.OpenConnectionAsync());
            }
            foreach (var session in sessions)
            {
                statements.AddRange(await session.QueryAsync<(long Generic, long Custom)>("""
                    select generic_plans, custom_plans from pg_prepared_statements
                    where statement like '%as AttendanceDetail%' and not from_sql
                    """));
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                await session.DisposeAsync();
            }
        }
        // every change's read ran the prepared statement with its generic plan: none planned for the change's values (on
        // its own PostgreSQL would keep planning a read of one employee afresh, its estimate being cheaper than the generic)
        var (generic, custom) = (statements.Sum(s => s.Generic), statements.Sum(s => s.Custom));
        Assert.NotEmpty(statements);
        Assert.Equal((changes, 0L), (generic, custom));
        var reloaded = await Reloaded(pool, time);
        foreach (var nip in nips)
        {
            Assert.Equal(reloaded.Employee(nip), live.Employee(nip));
        }
    }

    private static async Task<LiveIndicators> Reloaded(NpgsqlDataSource source, SettableTime time)
    {
        var queries = Rollups.Queries(source, time);
        var live = new LiveIndicators(queries, queries.CalendarsForTests, time, NullLogger<LiveIndicators>.Instance);
        await live.LoadAllAsync();
        return live;
    }
}
