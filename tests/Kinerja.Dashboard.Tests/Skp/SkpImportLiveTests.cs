using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// Imports of plans and realisations (issue 17) reach the screens like the interactive writes: <c>SkpChanged</c> on
/// <c>/hubs/employee</c> to every employee whose SKP changed and to their direct superior, once per screen per import
/// however many of a superior's reports changed, and not to anyone else. Real HubConnections signed in as each employee.
/// </summary>
public sealed class SkpImportLiveTests(LoopServerFactory app) : SkpWorldTests(app, "sil", 8720)
{
    private static readonly TimeSpan Arrives = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task AnImport_SendsOneSkpChangedPerScreen_ToTheEmployeesAndTheirSuperiors_AndNoOneElse()
    {
        var y = Year - 2;
        await using var b = await ConnectAsync("b", W.B);
        await using var s1 = await ConnectAsync("s1", W.S1);
        await using var s2 = await ConnectAsync("s2", W.S2);
        await using var u = await ConnectAsync("u", W.U);
        var (toB, toS1, toS2, toU) = (CollectSkpChanged(b), CollectSkpChanged(s1), CollectSkpChanged(s2), CollectSkpChanged(u));
        var sdm = await As.ClientAsync("sdm");

        // B's screen shows B's own plan and the plans of S1 and S2: three changes, one hint
        var plans = await PostAsync(sdm, "api/v1/skp/import/plans", new JsonArray(
            ImportPlan(null, W.S1, y, ByCode("S1", "B1")), ImportPlan(null, W.S2, y, ByCode("S2", "B1")), ImportPlan(null, W.B, y, ByCode("B1", "K1")),
            ImportPlan(null, W.K, y, Rhk("K1", null, "IKU-1"))).ToJsonString(), "application/json");
        Assert.True(plans.Status == HttpStatusCode.OK && plans.Body.GetProperty("accepted").GetInt32() == 4, plans.Body.ToString());
        Assert.Equal([W.B], await OnlyAsync(toB));
        Assert.Equal([W.S1], await OnlyAsync(toS1));
        Assert.Equal([W.S2], await OnlyAsync(toS2));
        Assert.False(toU.Reader.TryRead(out _), "an employee of another unit got SkpChanged of an import that did not concern them");

        // a re-run changes nothing and tells no one
        var again = await PostAsync(sdm, "api/v1/skp/import/plans", new JsonArray(
            ImportPlan(null, W.S1, y, ByCode("S1", "B1")), ImportPlan(null, W.S2, y, ByCode("S2", "B1"))).ToJsonString(), "application/json");
        Assert.Equal(2, again.Body.GetProperty("duplicate").GetInt32());
        await Task.Delay(Quiet);
        Assert.False(toB.Reader.TryRead(out _), "a re-run that imported nothing pushed SkpChanged");

        // realisations of both reports: one hint to each of them and one to B, naming the first report
        var csv = Csv(false, "nip,rhk,indicator,period,value", $"{W.S1},S1,1,{y}-03,5", $"{W.S2},S2,1,{y}-03,4", $"{W.S1},S1,1,{y}-04,6",
            $"{W.S2},S9,1,{y}-04,1");
        var realisations = await PostAsync(sdm, "api/v1/skp/import/realisations", csv, "text/csv");
        Assert.True(realisations.Status == HttpStatusCode.OK && realisations.Body.GetProperty("accepted").GetInt32() == 3, realisations.Body.ToString());
        Assert.Equal([W.S1], await OnlyAsync(toB));
        Assert.Equal([W.S1], await OnlyAsync(toS1));
        Assert.Equal([W.S2], await OnlyAsync(toS2));
        Assert.False(toU.Reader.TryRead(out _), "an employee of another unit got SkpChanged");
    }

    /// <summary>The NIPs of the hints that arrive: the first within <see cref="Arrives"/>, then whatever else comes in <see cref="Quiet"/>.</summary>
    private static async Task<List<string>> OnlyAsync(Channel<JsonElement> channel)
    {
        var got = new List<string> { (await channel.Reader.ReadAsync().AsTask().WaitAsync(Arrives)).GetProperty("nip").GetString()! };
        await Task.Delay(Quiet);
        while (channel.Reader.TryRead(out var more))
        {
            got.Add(more.GetProperty("nip").GetString()!);
        }
        return got;
    }
}
