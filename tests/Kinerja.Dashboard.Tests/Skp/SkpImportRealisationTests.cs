using System.Net;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpProgressRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// <c>POST /api/v1/skp/import/realisations</c> (issue 17): rows name the RHK by code and the indicator by position, and
/// then get the checks of <c>POST /api/v1/me/skp/realisations</c> (a period outside the plan's year, a value of the
/// wrong kind); without an eventId a re-run is a duplicate by content.
/// </summary>
public sealed class SkpImportRealisationTests(LoopServerFactory app) : ApprovedPlanTests(app, "sir", 7920)
{
    private const string Url = "api/v1/skp/import/realisations";
    private const string Header = "eventId,nip,year,rhk,indicator,period,value,text,note,evidenceUrl";

    [Fact]
    public async Task CsvRows_AreResolvedByCode_CheckedLikeTheScreens_AndAReRunIsDuplicate()
    {
        var y = PastYear;
        var csv = Csv(true, Header,
            $",{W.S1},,S1,1,{y}-03,5,,,https://bukti.example/1",         // 2 accepted (numeric N)
            $",{W.S1},,S1,2,{y}-03,,Diterima tanpa revisi,,",             // 3 accepted (qualitative Q)
            $"imp-3,{W.S1},{y},S1,1,{y + 1}-01,3,,,",                     // 4 period outside the plan's year
            $"imp-4,{W.S1},,S1,1,{y}-04,,banyak,,",                       // 5 text for a numeric target
            $"imp-5,{W.S1},,S9,1,{y}-04,1,,,",                            // 6 unknown RHK code
            $"imp-6,{W.S1},,S1,7,{y}-04,1,,,",                            // 7 no such indicator
            $"imp-7,{W.S1},,S1,1,{y}-04,1,,,javascript:alert(1)");        // 8 evidence link not http(s)
        var sdm = await As.ClientAsync("sdm");
        var answer = await PostAsync(sdm, Url, csv, "text/csv");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.Equal(["accepted", "accepted", "rejected", "rejected", "rejected", "rejected", "rejected"],
            Enumerable.Range(2, 7).Select(r => StatusAt(answer.Body, r)));
        Assert.Contains($"period: period {y + 1}-01 is outside the plan's year {y}", ErrorsAt(answer.Body, 4));
        Assert.Contains("value: Indicator", ErrorsAt(answer.Body, 5));
        Assert.Contains("has a numeric target", ErrorsAt(answer.Body, 5));
        Assert.Contains("rhk: The current plan of " + W.S1 + $" for {y} has no RHK with the code 'S9'", ErrorsAt(answer.Body, 6));
        Assert.Contains("indicator: RHK 'S1' of " + W.S1 + " has 2 indicator(s); got indicator 7", ErrorsAt(answer.Body, 7));
        Assert.Contains("evidenceUrl:", ErrorsAt(answer.Body, 8));
        var rows = await RowsAsync(App.DataSource, "select is_current, coalesce(value::text, text) from skp_realisation where nip = @nip and event_id <> 'imp-json-1' order by id",
            new { nip = W.S1 });
        Assert.Equal([(true, "5"), (true, "Diterima tanpa revisi")], rows);

        var again = await PostAsync(sdm, Url, csv, "text/csv");
        Assert.Equal(["duplicate", "duplicate"], Enumerable.Range(2, 2).Select(r => StatusAt(again.Body, r)));
        Assert.Equal(2, (await RowsAsync(App.DataSource, "select is_current, text from skp_realisation where nip = @nip and event_id <> 'imp-json-1'", new { nip = W.S1 })).Count);
    }

    [Fact]
    public async Task JsonRows_WithAnEventId_AreIdempotentOnIt()
    {
        var item = new JsonObject
        {
            ["eventId"] = "imp-json-1", ["nip"] = W.S1, ["rhk"] = "S2", ["indicator"] = 1, ["period"] = $"{PastYear}-Q2", ["value"] = 2,
        };
        var sdm = await As.ClientAsync("sdm");
        var first = await PostAsync(sdm, Url, new JsonArray(item.DeepClone(), new JsonObject { ["nip"] = "123" }).ToJsonString(), "application/json");
        Assert.Equal(("accepted", "rejected"), (StatusAt(first.Body, 1), StatusAt(first.Body, 2)));
        Assert.Contains("nip: nip is required: the employee's 18-digit NIP", ErrorsAt(first.Body, 2));
        var retry = await PostAsync(sdm, Url, new JsonArray(item.DeepClone()).ToJsonString(), "application/json");
        Assert.Equal("duplicate", StatusAt(retry.Body, 1));
    }
}
