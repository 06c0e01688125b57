using System.Net.Http.Json;
using System.Text.Json;
using Kinerja.Core.Privacy;
using Kinerja.Dashboard.FollowUp;
using Kinerja.Dashboard.SkpMonitoring;
using Kinerja.Dashboard.Tests.FollowUp;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static Kinerja.Dashboard.Tests.SkpMonitoring.SkpMonitoringSeed;

namespace Kinerja.Dashboard.Tests.SkpMonitoring;

/// <summary>
/// The monitoring, board and public SKP figures from stored rows, hand-counted, in a WIT region (UTC+9) with the default due
/// days (realisation 5, assessment 10 days after the period): the period 2024-03 is due 5 April (realisation) and 10 April
/// (assessment) 2024. The rows are seeded once per database (xunit makes a class instance per test). Boundaries: filed at 23:30 local on the due day, at 00:30 local the day after, nothing filed on the due
/// day itself, an employee who left, a unit below the privacy floor.
/// </summary>
public sealed class SkpMonitoringFiguresTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private const string Region = "pm-wil";
    private const string Unit = "pm-wil-dinas";
    private const string Small = "pm-wil-kecil";
    private static readonly TimeSpan Wit = TimeSpan.FromHours(9);
    private IReadOnlyList<string> _n = [];

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2024, month, day, hour, minute, 0, Wit).ToUniversalTime();

    public async Task InitializeAsync()
    {
        // k (kepala) and s1..s6 in the unit, x who left; two people in the small unit
        _n = await TestData.SeedUnitWithStaffAsync(app.DataSource, Region, Unit, 7, 8100, "Asia/Jayapura");
        var small = await TestData.SeedUnitWithStaffAsync(app.DataSource, Region, Small, 1, 8120, "Asia/Jayapura");
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            if (await Dapper.SqlMapper.ExecuteScalarAsync<bool>(conn, "select exists (select 1 from unit_iku where unit_id = @Unit)", new { Unit }))
            {
                return;
            }
        }
        await IkuAsync(app.DataSource, Unit, 2024, "IKU-1", "IKU-2");
        await IkuAsync(app.DataSource, Small, 2024, "IKU-1");
        var (s1, s2, s3, s4, s5, s6, x) = (_n[1], _n[2], _n[3], _n[4], _n[5], _n[6], _n[7]);
        var p1 = await PlanAsync(app.DataSource, s1, Unit, 2024, "disetujui");
        var p2 = await PlanAsync(app.DataSource, s2, Unit, 2024, "disetujui");
        await PlanAsync(app.DataSource, s3, Unit, 2024, "disetujui");
        await PlanAsync(app.DataSource, s4, Unit, 2024, "diajukan");
        await PlanAsync(app.DataSource, s5, Unit, 2024, "disetujui", 1, current: false);
        await PlanAsync(app.DataSource, s5, Unit, 2024, "draft", 2);
        var p6 = await PlanAsync(app.DataSource, s6, Unit, 2024, "disetujui");
        var px = await PlanAsync(app.DataSource, x, Unit, 2024, "disetujui");
        foreach (var nip in small)
        {
            await PlanAsync(app.DataSource, nip, Small, 2024, "disetujui");
        }
        await RealisationAsync(app.DataSource, s1, p1, "2024-03", Local(4, 5, 23, 30));
        await RealisationAsync(app.DataSource, s2, p2, "2024-03", Local(4, 6, 0, 30));
        await RealisationAsync(app.DataSource, s6, p6, "2024-03", Local(4, 1, 9));
        await RealisationAsync(app.DataSource, x, px, "2024-03", Local(4, 1, 9));
        await RealisationAsync(app.DataSource, s3, p2, "2024-02", Local(3, 1, 9)); // another period: not counted for 2024-03
        await AssessmentAsync(app.DataSource, _n[0], s1, p1, "2024-03", Local(4, 2, 10));
        await AssessmentAsync(app.DataSource, _n[0], s2, p2, "2024-03", Local(4, 16, 1));
        await LeaveAsync(app.DataSource, x);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private SkpMonitoringService Service(DateTimeOffset now) => new(new SkpMonitoringReads(app.DataSource),
        app.Services.GetRequiredService<IkuAttainmentReads>(), app.Services.GetRequiredService<FollowUpCounts>(),
        app.Services.GetRequiredService<SmallGroups>(), Options.Create(new SkpDueOptions()), new FakeTimeProvider(now));

    private async Task<SkpMonitoringReport> MonitoringAsync(DateTimeOffset now)
    {
        var service = Service(now);
        return await service.MonitoringAsync((await service.ScopeAsync(Region, 2024, null, CancellationToken.None))!, null, CancellationToken.None);
    }

    [Fact]
    public async Task Monitoring_OnTheDayAfterTheRealisationDue_ListsNoPlanAndLateRealisations()
    {
        var report = await MonitoringAsync(Local(4, 6, 12));

        Assert.Equal(("2024-03", new DateOnly(2024, 4, 5), new DateOnly(2024, 4, 10), new DateOnly(2024, 4, 6)),
            (report.Period, report.RealisationDue, report.AssessmentDue, report.Today));
        var unit = report.Units.Single(u => u.UnitId == Unit);
        Assert.Equal(7, unit.Employees); // x left
        Assert.Equal(new[] { _n[0], _n[4] }, unit.NoPlan.Select(e => e.Nip).Order());
        Assert.Equal("diajukan", unit.NoPlan.Single(e => e.Nip == _n[4]).PlanStatus);
        Assert.Null(unit.NoPlan.Single(e => e.Nip == _n[0]).PlanStatus);
        // s2 filed at 00:30 the day after the due day; s3 and s5 (approved v1, draft v2) filed nothing
        Assert.Equal(new Dictionary<string, string>
        {
            [_n[2]] = SkpDueStatus.Late, [_n[3]] = SkpDueStatus.Overdue, [_n[5]] = SkpDueStatus.Overdue,
        }, unit.LateRealisations.ToDictionary(e => e.Nip, e => e.Realisation));
        Assert.Equal((2, 3, 0), (unit.WithoutPlan, unit.LateRealisationCount, unit.LateAssessmentCount));
        Assert.Equal("Kepala " + Unit, unit.LateRealisations[0].SuperiorName);
        Assert.DoesNotContain(report.Units.SelectMany(u => u.NoPlan.Concat(u.LateRealisations)), e => e.Nip == _n[7]);
    }

    [Fact]
    public async Task Monitoring_OnTheDueDayItself_NothingFiledIsNotLateYet()
    {
        var report = await MonitoringAsync(Local(4, 5, 12));

        var unit = report.Units.Single(u => u.UnitId == Unit);
        Assert.Empty(unit.LateRealisations);
        Assert.Equal(SkpDueStatus.Pending, (await new SkpMonitoringReads(app.DataSource).EmployeesAsync(Region, Unit, 2024,
            SkpDueDays.Of(Kinerja.Core.Domain.Period.Month(2024, 3), new SkpDueOptions()), Local(4, 5, 12), CancellationToken.None))
            .Single(e => e.Nip == _n[3]).Realisation);
    }

    [Fact]
    public async Task Monitoring_AfterTheAssessmentDue_ListsLateAndMissingAssessments()
    {
        var report = await MonitoringAsync(Local(4, 16, 12));

        var unit = report.Units.Single(u => u.UnitId == Unit);
        Assert.Equal(new Dictionary<string, string>
        {
            [_n[2]] = SkpDueStatus.Late, [_n[3]] = SkpDueStatus.Overdue, [_n[5]] = SkpDueStatus.Overdue, [_n[6]] = SkpDueStatus.Overdue,
        }, unit.LateAssessments.ToDictionary(e => e.Nip, e => e.Assessment));
        Assert.Equal(4, unit.LateAssessmentCount);
    }

    [Fact]
    public async Task Board_SharesIkuAndFollowUps_PerUnit()
    {
        var coached = await FollowUpSeed.ItemAsync(app.DataSource, _n[1], "COACHING", "atasan", "pm_bina", "2024-04");
        var sanction = await FollowUpSeed.ItemAsync(app.DataSource, _n[2], "SANCTION", "bkpsdm", "pm_sanksi", "2024-04");
        var dueToday = await FollowUpSeed.ItemAsync(app.DataSource, _n[3], "REWARD", "bkpsdm", "pm_hadiah", "2024-04");
        await FollowUpSeed.SetAsync(app.DataSource, coached, "selesai", new DateOnly(2024, 4, 10), Local(4, 3, 10));
        await FollowUpSeed.SetAsync(app.DataSource, sanction, "diproses", new DateOnly(2024, 4, 5));
        await FollowUpSeed.SetAsync(app.DataSource, dueToday, "baru", new DateOnly(2024, 4, 6));
        var service = Service(Local(4, 6, 12));

        var board = await service.BoardAsync((await service.ScopeAsync(Region, null, null, CancellationToken.None))!, CancellationToken.None);

        Assert.Equal((2024, "2024-03", "2024-04"), (board.Year, board.Period, board.FollowUpPeriod));
        var u = board.Units.Single(x => x.UnitId == Unit);
        // approved: s1 s2 s3 s5 s6 of 7; realised on time: s1 (23:30 on the due day) and s6; assessed on time: s1
        Assert.Equal((7, 5, 71.4, 5, 2, 40.0, 1, 20.0), (u.Employees, u.PlanApproved, u.PlanApprovedPct, u.PlanApprovedForPeriod,
            u.RealisationOnTime, u.RealisationOnTimePct, u.AssessmentOnTime, u.AssessmentOnTimePct));
        Assert.Equal(new IkuAttainment(2, 0, null), u.Iku);
        // the open item due today is not overdue; the one due yesterday is
        Assert.Equal((1, 1, 1, 2), (u.FollowUps.DoneOnTime, u.FollowUps.Overdue, u.FollowUps.CoachingDone, u.FollowUps.Open));
        var small = board.Units.Single(x => x.UnitId == Small);
        Assert.Equal((2, 2, 100.0, new IkuAttainment(1, 0, null)), (small.Employees, small.PlanApproved, small.PlanApprovedPct, small.Iku));
    }

    [Fact]
    public async Task Public_IkuPerUnit_NoNamesOrNips_SmallUnitWithheld()
    {
        var anonymous = app.CreateClient();

        var raw = await anonymous.GetStringAsync($"/api/v1/public/{Region}/iku?year=2024");
        var units = JsonDocument.Parse(raw).RootElement.GetProperty("units").EnumerateArray()
            .ToDictionary(u => u.GetProperty("unitId").GetString()!, u => u);

        Assert.Equal((false, 2, 0, JsonValueKind.Null), (units[Unit].GetProperty("suppressed").GetBoolean(),
            units[Unit].GetProperty("ikuCount").GetInt32(), units[Unit].GetProperty("reported").GetInt32(),
            units[Unit].GetProperty("attainmentPct").ValueKind));
        Assert.True(units[Small].GetProperty("suppressed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, units[Small].GetProperty("ikuCount").ValueKind);
        foreach (var nip in _n)
        {
            Assert.DoesNotContain(nip, raw);
        }
        Assert.DoesNotContain("Kepala", raw);
        Assert.DoesNotContain("Pegawai Uji", raw);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/public/tidak-ada/iku")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/v1/public/{Region}/iku?year=abad")).StatusCode);
    }

    [Fact]
    public async Task PublicPage_ShowsTheIkuPanel_AndNoNames()
    {
        var html = await app.CreateClient().GetStringAsync($"/publik/{Region}");

        Assert.Contains("id=\"panel-publik-skp\"", html);
        Assert.Contains("/js/publik-skp.js", html);
        Assert.DoesNotContain(_n[1], html);
    }
}
