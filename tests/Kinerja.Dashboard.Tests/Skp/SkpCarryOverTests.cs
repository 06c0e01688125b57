using System.Net;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Carry-over (issue 17): when a change after approval is approved as the next version, the realisations and
/// assessments of RHK that still exist (same code) move onto the new version's ids, so nobody enters them again; those
/// of a removed RHK stay with the old version as history.
/// </summary>
public sealed class SkpCarryOverTests(LoopServerFactory app) : ApprovedPlanTests(app, "sco", 7940)
{
    [Fact]
    public async Task ApprovingANewVersion_CarriesOverWhatStillExists_AndKeepsTheRestInHistory()
    {
        var s1 = await As.ClientAsync("s1");
        var b = await As.ClientAsync("b");
        var period = $"{PastYear}-02";
        var filed = await RealiseAsync(s1, Realisation("co-n", Plan.Numeric, period, 6), Realisation("co-q", Plan.Qualitative, period, text: "Baik"),
            Realisation("co-t", Plan.TambahanNumeric, period, 2));
        Assert.Equal(["accepted", "accepted", "accepted"], Enumerable.Range(0, 3).Select(i => StatusOf(filed.Body, i)));
        var assessed = await AssessAsync(b, Assessment("co-a1", W.S1, Plan.RhkUtama, period, "di_atas"),
            Assessment("co-a2", W.S1, Plan.RhkTambahan, period, "sesuai"));
        Assert.Equal(["accepted", "accepted"], Enumerable.Range(0, 2).Select(i => StatusOf(assessed.Body, i)));

        // a change after approval: S1 kept (same indicators), S2 removed, S3 new
        var v2 = await SaveAsync(s1, Plan(1, Rhk("S1", Plan.SuperiorRhk, null, "utama", Numeric(), Quality()), Rhk("S3", Plan.SuperiorRhk)), PastYear);
        Assert.True(v2.Status == HttpStatusCode.OK, v2.Body.ToString());
        Assert.Equal(2, v2.Body.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(s1, PastYear)).Status);
        var approved = await DecideAsync(b, W.S1, true, null, PastYear);
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body.ToString());
        var newRhk = RhkId(approved.Body, "S1");
        var newNumeric = approved.Body.GetProperty("rhk")[0].GetProperty("indicators")[0].GetProperty("id").GetInt64();

        var carried = await RowsAsync(App.DataSource, """
            select x.indicator_id = @newNumeric, coalesce(x.value::text, x.text) from skp_realisation x join skp_plan p on p.id = x.plan_id
            where p.nip = @nip and p.year = @year and p.is_current and x.is_current order by x.id
            """, new { nip = W.S1, year = (short)PastYear, newNumeric });
        Assert.Equal([(true, "6"), (false, "Baik")], carried);
        Assert.Equal("di_atas", await ScalarAsync<string>(App.DataSource, """
            select string_agg(a.level, ',') from skp_assessment a join skp_plan p on p.id = a.plan_id
            where p.nip = @nip and p.year = @year and p.is_current and a.rhk_id = @newRhk
            """, new { nip = W.S1, year = (short)PastYear, newRhk }));
        Assert.Equal(1L, await ScalarAsync<long>(App.DataSource, """
            select count(*) from skp_assessment a join skp_plan p on p.id = a.plan_id where p.nip = @nip and p.year = @year and p.is_current
            """, new { nip = W.S1, year = (short)PastYear }));
        // the old version keeps all three realisations and both assessments as history
        Assert.Equal(5L, await ScalarAsync<long>(App.DataSource, """
            select (select count(*) from skp_realisation where plan_id = p.id) + (select count(*) from skp_assessment where plan_id = p.id)
            from skp_plan p where p.nip = @nip and p.year = @year and p.version = 1
            """, new { nip = W.S1, year = (short)PastYear }));
        // and the screen's progress shows the carried realisation on the new indicator
        var mine = await GetAsync(s1, PastYear);
        Assert.Contains(mine.Body.GetProperty("progress").GetProperty("realisations").EnumerateArray(),
            r => r.GetProperty("indicatorId").GetInt64() == newNumeric && r.GetProperty("period").GetString() == period);
    }
}
