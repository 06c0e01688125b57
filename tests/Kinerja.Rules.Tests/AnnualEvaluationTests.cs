using Dapper;
using Kinerja.Core.Calendar;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Live;
using Kinerja.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The annual evaluation (issue 19): the year 2025 evaluated through the same workflows on the year's pooled figures,
/// stored as levels with period <c>2025</c> (its triggers are evaluated but not stored: the months raise them once), by
/// the rule versions in force in December 2025. The clock is
/// fixed (March 2026), so 2025 is a closed year whatever today's date. Expectations are computed by hand from DOMAIN.md.
/// </summary>
public sealed class AnnualEvaluationTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 3, 18, 10, 0, 0, TimeSpan.FromHours(7)));

    [Fact]
    public async Task Year2025_PooledScoresAndYearTks_PredicateStoredWithPeriodYYYY_NoSecondTrigger_DecemberVersionsApply()
    {
        var nips = await TestData.SeedUnitWithStaffAsync(db.DataSource, "kota-tahunan", "kota-tahunan-bkd", 2, nipOffset: 7500);
        var (a, b) = (nips[0], nips[1]);
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        {
            // A: Hasil Kerja from the superior 4.5 (x2) in March and 4.0 in September → (9 + 4) / 3 = 4.33 ≥ 4.0: Di Atas.
            //    BerAKHLAK 4.0 (x2) in June, 3.0 in October → (8 + 3) / 3 = 3.67: Sesuai (June alone would be Di Atas).
            //    Predicate matrix (DOMAIN.md): Perilaku Sesuai × Hasil Kerja Di Atas = Baik.
            // B: Hasil Kerja 2.0 in May < 3.0: Di Bawah; BerAKHLAK 4.5 (x2) in May: Di Atas → Butuh Perbaikan.
            await conn.ExecuteAsync("""
                insert into rating_rollup (subject_kind, subject_id, period, rater_role, aspect, score_sum, score_count) values
                ('employee', @a, '2025-03', 'atasan', 'hasil_kerja', 9, 2),
                ('employee', @a, '2025-09', 'atasan', 'hasil_kerja', 4, 1),
                ('employee', @a, '2025-06', 'atasan', 'akuntabel', 8, 2),
                ('employee', @a, '2025-10', 'rekan', 'harmonis', 3, 1),
                ('employee', @b, '2025-05', 'atasan', 'hasil_kerja', 2, 1),
                ('employee', @b, '2025-05', 'atasan', 'kompeten', 9, 2)
                """, new { a, b });
            // A: three TKS days spread over the year (one per month): PP 94/2021 "3 days in a year" = teguran lisan
            foreach (var day in new[] { "2025-02-03", "2025-07-08", "2025-11-11" })
            {
                await conn.ExecuteAsync("""
                    insert into employee_day (nip, day, activity_count, minutes_pending, minutes_approved, minutes_rejected,
                                              attendance_status, late_minutes)
                    values (@a, @day::date, 0, 0, 0, 0, 'tanpa_keterangan', 0)
                    """, new { a, day });
            }
        }
        var rules = new RulesServiceHarness(db.DataSource);
        await rules.Service.BootstrapAsync(RepoPaths.Rules, "test", CancellationToken.None);
        // a version from January 2026 that would warn at two days instead of three: the year 2025 is not evaluated by it
        await rules.Service.PublishAsync(RulesServiceHarness.Edited("disiplin", "snapshot.TksDaysYtd == 3", "snapshot.TksDaysYtd == 2"),
            "hr", "2026", CancellationToken.None, "2026-01");
        var calendars = new CalendarCache(db.DataSource, Clock, NullLogger<CalendarCache>.Instance);
        var queries = new IndicatorQueries(db.DataSource, calendars, Clock);
        var evaluation = new RuleEvaluationService(rules.Active, rules.Triggers, NullLogger<RuleEvaluationService>.Instance);

        var outcomes = await AnnualEvaluation.RunAsync(queries, evaluation, new LevelStore(db.DataSource), 2025, CancellationToken.None);

        Assert.Contains(outcomes, o => o.Subject == a && o.Period == "2025");
        await using var read = await db.DataSource.OpenConnectionAsync();
        var levels = (await read.QueryAsync<(string Nip, string Hasil, string Perilaku, string Predikat)>("""
            select trim(nip), rating_hasil_kerja, rating_perilaku, predikat from employee_period_level
            where period = '2025' and nip = any(@nips) order by nip
            """, new { nips = new[] { a, b } })).ToArray();
        Assert.Equal([
            (a, "DI_ATAS_EKSPEKTASI", "SESUAI_EKSPEKTASI", "BAIK"),
            (b, "DI_BAWAH_EKSPEKTASI", "DI_ATAS_EKSPEKTASI", "BUTUH_PERBAIKAN"),
        ], levels);
        // the year's teguran lisan is decided by December's version (three days, not the 2026 version's two) ...
        var warning = Assert.Single(outcomes.Single(o => o.Subject == a).Triggers, t => t.Code == "TEGURAN_LISAN");
        Assert.Equal(("2025", 1), (warning.Period, warning.Version));
        // ... but not stored again for the year: the monthly evaluation (TksDaysYtd) raises it once
        Assert.Equal(0, await read.ExecuteScalarAsync<int>("select count(*) from \"trigger\" where nip = @a", new { a }));
    }

    [Fact]
    public void ClosesYear_OnlyDecember()
    {
        Assert.True(AnnualEvaluation.ClosesYear(Period.Month(2025, 12)));
        Assert.False(AnnualEvaluation.ClosesYear(Period.Month(2025, 11)));
        Assert.False(AnnualEvaluation.ClosesYear(Period.Year(2025)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
