using Dapper;
using Kinerja.Dashboard.Demo;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Demo;

public sealed class DemoAppFactory : KinerjaAppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Kinerja:Demo:Seed"] = "true",
        ["Kinerja:Demo:Simulate"] = "true",
        ["Kinerja:Demo:BackfillDays"] = "3",
        ["Kinerja:Demo:AllHours"] = "true",
        ["Kinerja:Demo:EventsPerSecond"] = "50",
    };
}

/// <summary>Demo mode: the five seed regions, and a simulator whose every event the real pipeline accepts.</summary>
public sealed class DemoModeTests(DemoAppFactory app) : IClassFixture<DemoAppFactory>
{
    [Fact]
    public async Task Seed_CreatesExactlyTheFiveDemoRegionsWithValidPeople()
    {
        _ = app.Services;
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var regions = (await conn.QueryAsync<(string Id, string Tz)>("select id, tz from region order by id")).ToList();
        Assert.Equal(
            [("asemrowo", "Asia/Jakarta"), ("belawan", "Asia/Jakarta"), ("manokwari", "Asia/Jayapura"),
             ("pauh", "Asia/Jakarta"), ("pematangsiantar", "Asia/Jakarta")], regions);
        var unitsPerRegion = await conn.QueryAsync<int>("select count(*)::int from unit group by region_id");
        Assert.All(unitsPerRegion, n => Assert.InRange(n, 5, 8));
        var employees = (await conn.QueryAsync<string>("select nip from employee")).ToList();
        Assert.InRange(employees.Count, 5 * 150, 5 * 500);
        Assert.All(employees, nip => Assert.Null(Kinerja.Core.Domain.Nip.Validate(nip)));
        // Everyone but the heads of units has a supervisor in the same unit.
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("""
            select count(*) from employee e join employee s on s.nip = e.supervisor_nip where s.unit_id <> e.unit_id
            """));
        Assert.Equal(await conn.ExecuteScalarAsync<int>("select count(*) from unit"),
            await conn.ExecuteScalarAsync<int>("select count(*) from employee where supervisor_nip is null"));
    }

    [Fact]
    public async Task Simulator_StreamsThroughThePipeline_NothingRejected()
    {
        var sim = app.Services.GetRequiredService<DemoSimulator>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!(sim.BackfillDone && sim.Accepted > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.True(sim.BackfillDone, "backfill did not finish in time");
        var afterBackfill = sim.Accepted;
        while (sim.Accepted == afterBackfill && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250); // live events keep coming after the backfill
        }
        Assert.True(sim.Accepted > afterBackfill, "no live events after the backfill");
        Assert.Equal(0, sim.Rejected);

        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from attendance") > 0);
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from rating where unit_id is not null") > 0);
    }

    [Fact]
    public async Task Simulator_AnswersSurveys_WithMoreThanOneGrade_ServicesOfficersAndComplaints()
    {
        var sim = app.Services.GetRequiredService<DemoSimulator>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!sim.BackfillDone && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.True(sim.BackfillDone, "backfill did not finish in time");

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var tallies = (await conn.QueryAsync<(string Unit, long N, long S1, long S2, long S3, long S4, long S5, long S6, long S7, long S8, long S9)>("""
            select unit_id, sum(respondents)::bigint, sum(u1_sum)::bigint, sum(u2_sum)::bigint, sum(u3_sum)::bigint, sum(u4_sum)::bigint,
                   sum(u5_sum)::bigint, sum(u6_sum)::bigint, sum(u7_sum)::bigint, sum(u8_sum)::bigint, sum(u9_sum)::bigint
            from survey_rollup group by unit_id
            """)).ToList();
        var grades = tallies.Select(t => Kinerja.Core.Survey.SurveyIkm.Compute(Kinerja.Core.Survey.SurveyTally.Of((int)t.N,
            t.S1, t.S2, t.S3, t.S4, t.S5, t.S6, t.S7, t.S8, t.S9))!.Grade).ToList();

        Assert.True(tallies.Count >= 20, $"surveys for {tallies.Count} units only");
        Assert.True(grades.Distinct().Count() >= 3, "grades: " + string.Join(",", grades.Order()));
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from survey_response where service_id <> ''") > 0);
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from survey_response where officer_nip is not null") > 0);
        Assert.True(await conn.ExecuteScalarAsync<long>("select count(*) from survey_response where comment is not null") > 0);
    }

    [Fact]
    public async Task Simulator_SendsAttendanceDetail_LateBandsEarlyLeaveMissedApelAndLeaveTypes()
    {
        var sim = app.Services.GetRequiredService<DemoSimulator>();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!sim.BackfillDone && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }
        Assert.True(sim.BackfillDone, "backfill did not finish in time");
        Assert.Equal(0, sim.Rejected);

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var (all, late60, early, missed, unrecorded, leaveTyped, cutiTypes) = await conn.QuerySingleAsync<(long, long, long, long, long, long, long)>("""
            select count(*), count(*) filter (where late_minutes > 60), count(*) filter (where early_leave_minutes > 0),
                   count(*) filter (where apel is false), count(*) filter (where apel is null and status in ('hadir', 'terlambat')),
                   count(*) filter (where leave_type is not null), count(distinct leave_type) filter (where status = 'cuti')
            from attendance
            """);
        Assert.True(all > 1000, $"only {all} attendance records");
        Assert.True(late60 > 0 && early > 0 && missed > 0 && unrecorded > 0 && leaveTyped > 0,
            $"late>60 {late60}, early {early}, apel missed {missed}, apel unrecorded {unrecorded}, leave typed {leaveTyped}");
        Assert.InRange(early, all / 100, all / 10); // about 4% of the working days at work
        Assert.True(cutiTypes >= 2, $"{cutiTypes} cuti kinds");
    }
}
