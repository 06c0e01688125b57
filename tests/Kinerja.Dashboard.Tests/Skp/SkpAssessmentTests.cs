using System.Net;
using Kinerja.Core.Domain;
using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// <c>POST /api/v1/team/skp/assessments</c> (issue 17): only the direct superior, only RHK of the report's current
/// approved plan; per-item results, idempotent on eventId, a reassessment supersedes (history kept); SkpChanged reaches
/// the employee; the snapshot's plan fields follow.
/// </summary>
public sealed class SkpAssessmentTests(LoopServerFactory app) : ApprovedPlanTests(app, "sas", 7840)
{
    [Fact]
    public async Task Assessment_ByTheDirectSuperior_IsIdempotent_SupersedesWithHistory_PushesAndMovesTheSnapshot()
    {
        var period = $"{PastYear}-05";
        var signIn = await As.AsAsync("s1");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(App.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies).Build();
        var pushed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<System.Text.Json.JsonElement>("SkpChanged", _ => pushed.TrySetResult(true));
        await hub.StartAsync();
        await hub.InvokeAsync("Subscribe", "employee:" + W.S1);

        var b = await As.ClientAsync("b");
        var first = await AssessAsync(b, Assessment("a-1", W.S1, Plan.RhkUtama, period, "sesuai", "Baik, pertahankan."),
            Assessment("a-t", W.S1, Plan.RhkTambahan, period, "di_bawah"));
        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(("accepted", "accepted"), (StatusOf(first.Body), StatusOf(first.Body, 1)));
        Assert.True(await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("duplicate", StatusOf((await AssessAsync(b, Assessment("a-1", W.S1, Plan.RhkUtama, period, "sesuai"))).Body));
        Assert.Equal("accepted", StatusOf((await AssessAsync(b, Assessment("a-2", W.S1, Plan.RhkUtama, period, "di_atas"))).Body));

        var rows = await RowsAsync(App.DataSource, "select is_current, level from skp_assessment where rhk_id = @id and period = @period order by id",
            new { id = Plan.RhkUtama, period });
        Assert.Equal([(false, "sesuai"), (true, "di_atas")], rows);
        var snapshot = await App.Services.GetRequiredService<IIndicatorQueries>().EmployeeAsync(W.S1, Period.Month(PastYear, 5));
        Assert.True(snapshot!.SkpPlanApproved);
        Assert.Equal((2, 2, 1, 0, 1), (snapshot.SkpRhkCount, snapshot.SkpRhkAssessed, snapshot.SkpRhkDiAtas, snapshot.SkpRhkSesuai, snapshot.SkpRhkDiBawah));
        Assert.Equal((1, 1, 1, 0), (snapshot.SkpRhkUtama, snapshot.SkpRhkUtamaAssessed, snapshot.SkpRhkUtamaDiAtas, snapshot.SkpRhkUtamaDiBawah));
    }

    [Fact]
    public async Task Assessment_ByAnyoneButTheDirectSuperior_IsRejected_AndAnonymousOrWithoutNipRefused()
    {
        System.Text.Json.Nodes.JsonObject Item() => Assessment("a-who", W.S1, Plan.RhkUtama, $"{PastYear}-06", "sesuai");
        foreach (var who in new[] { "s1", "s2", "k", "u", "o" })
        {
            var answer = await AssessAsync(await As.ClientAsync(who), Item());
            Assert.Equal("rejected", StatusOf(answer.Body));
            Assert.Contains("is not your direct report", ErrorsOf(answer.Body));
        }
        using var anonymous = new HttpClient { BaseAddress = App.BaseUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await AssessAsync(anonymous, Item())).Status);
        foreach (var who in new[] { "sdm", "admin", "pimpinan" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await AssessAsync(await As.ClientAsync(who), Item())).Status);
        }
        Assert.Empty(await RowsAsync(App.DataSource, "select is_current, level from skp_assessment where period = @p", new { p = $"{PastYear}-06" }));
    }

    [Fact]
    public async Task Assessment_OfAnRhkOutsideTheReportsApprovedPlan_OrABadPeriodOrLevel_IsRejected()
    {
        var b = await As.ClientAsync("b");
        // S2's plan is a draft: not approved
        var draft = await SaveAsync(await As.ClientAsync("s2"), Plan(0, Rhk("D1", Plan.SuperiorRhk)), PastYear);
        var answer = await AssessAsync(b,
            Assessment("a-bad-1", W.S2, RhkId(draft.Body, "D1"), $"{PastYear}-02", "sesuai"),
            Assessment("a-bad-2", W.S2, Plan.RhkUtama, $"{PastYear}-02", "sesuai"),
            Assessment("a-bad-3", W.S1, Plan.RhkUtama, $"{PastYear + 1}-02", "sesuai"),
            Assessment("a-bad-4", W.S1, Plan.RhkUtama, $"{PastYear}-02", "baik"),
            Assessment("a-bad-5", W.S1, Plan.SuperiorRhk, $"{PastYear}-02", "sesuai"));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal("rejected", StatusOf(answer.Body, i)));
        Assert.Contains("plan is not approved (status draft)", ErrorsOf(answer.Body, 0));
        Assert.Contains($"is not in {W.S2}'s SKP", ErrorsOf(answer.Body, 1));
        Assert.Contains("is outside the plan's year", ErrorsOf(answer.Body, 2));
        Assert.Contains("level: level is required: one of di_atas, sesuai, di_bawah", ErrorsOf(answer.Body, 3));
        Assert.Contains($"is not in {W.S1}'s SKP", ErrorsOf(answer.Body, 4));
    }
}
