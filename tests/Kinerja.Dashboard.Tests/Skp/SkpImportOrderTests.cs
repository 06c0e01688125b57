using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Kinerja.Dashboard.Tests.Employees;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// <c>POST /api/v1/skp/import/plans</c> (issue 17) does not depend on the order of the plans in the file: the cascade is
/// resolved within the request (a report's plan before its superior's is written after it), the answer keeps the
/// caller's row order, plans linking in a circle get a specific per-row error, and a superior's RHK missing from both
/// the file and the database is named. Each test uses its own plan years.
/// </summary>
public sealed class SkpImportOrderTests(LoopServerFactory app) : SkpWorldTests(app, "sio", 8710)
{
    private const string Url = "api/v1/skp/import/plans";

    [Fact]
    public async Task TheSameFileShuffled_StoresTheSameCascade_AnswersInRowOrder_AndAReRunIsDuplicate()
    {
        var (inOrder, shuffled) = (Year - 2, Year - 3);
        string[] Lines(int y) =>
        [
            $"k-{y},{W.K},{y},K1,utama,Kepala,,IKU-1,kuantitas,Dokumen,12,dokumen,",
            $"b-{y},{W.B},{y},B1,utama,Bidang satu,K1,,kuantitas,Laporan,4,laporan,",
            $"b-{y},{W.B},{y},B2,tambahan,Bidang dua,K1,,kualitas,Mutu,,,Tanpa revisi",
            $"s1-{y},{W.S1},{y},S1,utama,Staf satu,B1,,kuantitas,Surat,10,surat,",
            $"s2-{y},{W.S2},{y},S2,utama,Staf dua,B2,,kuantitas,Surat,8,surat,",
            $"s2-{y},{W.S2},{y},S3,tambahan,Staf dua lagi,B1,,waktu,Hari,5,hari,",
        ];
        var sdm = await As.ClientAsync("sdm");
        var first = await PostAsync(sdm, Url, Csv(false, [PlanHeader, .. Lines(inOrder)]), "text/csv");
        Assert.True(first.Status == HttpStatusCode.OK, first.Body.ToString());
        Assert.Equal(6, first.Body.GetProperty("accepted").GetInt32());

        // the reports first, the superiors last, one plan's rows apart: lines 2..7 of the file
        var l = Lines(shuffled);
        var file = Csv(false, PlanHeader, l[5], l[3], l[2], l[4], l[1], l[0]);
        var answer = await PostAsync(sdm, Url, file, "text/csv");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.Equal(Enumerable.Range(2, 6), answer.Body.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.All(Enumerable.Range(2, 6), r => Assert.True(StatusAt(answer.Body, r) == "accepted", $"line {r}: {ErrorsAt(answer.Body, r)}"));
        Assert.Equal(["ext:s2-" + shuffled, "ext:s1-" + shuffled, "ext:b-" + shuffled], Enumerable.Range(2, 3).Select(r => Row(answer.Body, r).GetProperty("key").GetString()));

        var expected = await CascadeAsync(inOrder);
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected, await CascadeAsync(shuffled));

        var again = await PostAsync(sdm, Url, file, "text/csv");
        Assert.Equal(Enumerable.Repeat("duplicate", 6), Enumerable.Range(2, 6).Select(r => StatusAt(again.Body, r)));
        Assert.Equal(4L, await ScalarAsync<long>(App.DataSource, "select count(*) from skp_plan where year = @y", new { y = shuffled }));
    }

    [Fact]
    public async Task PlansLinkingInACircle_AreRejectedWithTheChain_AndTheRestOfTheFileIsImported()
    {
        var y = Year - 4;
        var sdm = await As.ClientAsync("sdm");
        // the reference data says K reports to B, and B to K: K's plan links to B's RHK and B's to K's
        await ScalarAsync<int>(App.DataSource, "update employee set supervisor_nip = @b where nip = @k returning 1", new { b = W.B, k = W.K });
        try
        {
            var answer = await PostAsync(sdm, Url, new JsonArray(
                Plan("s1", W.S1, y, ByCode("S1", "B1")),
                Plan("b", W.B, y, ByCode("B1", "K1")),
                Plan("k", W.K, y, ByCode("K1", "B1"), ByCode("K2", "B1")),
                Plan("u", W.U, y, Rhk("U1", null, "IKU-1"))).ToJsonString(), "application/json");
            Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
            Assert.Equal(["rejected", "rejected", "rejected", "accepted"], Enumerable.Range(1, 4).Select(r => StatusAt(answer.Body, r)));
            foreach (var row in new[] { 2, 3 })
            {
                Assert.Contains("parentRhk: The plans of this import link in a cycle in the cascade", ErrorsAt(answer.Body, row));
                Assert.Contains(W.B, ErrorsAt(answer.Body, row));
                Assert.Contains(W.K, ErrorsAt(answer.Body, row));
            }
            Assert.Equal(2, Row(answer.Body, 3).GetProperty("errors").GetArrayLength());
            Assert.Contains("rhk[1].parentRhk", ErrorsAt(answer.Body, 3));
            // S1's superior's plan was in the circle: the link is named as missing, not guessed
            Assert.Contains($"rhk[0].parentRhk: The direct superior {W.B} has no RHK with the code 'B1'", ErrorsAt(answer.Body, 1));
        }
        finally
        {
            await ScalarAsync<int>(App.DataSource, "update employee set supervisor_nip = null where nip = @k returning 1", new { k = W.K });
        }
        Assert.Equal([W.U], await NipsWithPlanAsync(y));
    }

    [Fact]
    public async Task ASuperiorRhkMissingFromTheFileAndTheDatabase_RejectsOnlyThatPlan()
    {
        var (y, alone) = (Year - 5, Year - 1);
        var sdm = await As.ClientAsync("sdm");
        var answer = await PostAsync(sdm, Url, new JsonArray(
            Plan("s1", W.S1, y, ByCode("S1", "B9")),
            Plan("s2", W.S2, y, ByCode("S2", "B1")),
            Plan("b", W.B, y, ByCode("B1", "K1")),
            Plan("k", W.K, y, Rhk("K1", null, "IKU-1"))).ToJsonString(), "application/json");
        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body.ToString());
        Assert.Equal(["rejected", "accepted", "accepted", "accepted"], Enumerable.Range(1, 4).Select(r => StatusAt(answer.Body, r)));
        Assert.Contains($"rhk[0].parentRhk: The direct superior {W.B} has no RHK with the code 'B9' in their current plan of {y}, here or among the plans " +
                        "of this import that were accepted", ErrorsAt(answer.Body, 1));
        Assert.Equal(new[] { W.K, W.B, W.S2 }.Order(), await NipsWithPlanAsync(y));

        // the superior has no plan of that year at all, in the file or stored
        var orphan = await PostAsync(sdm, Url, new JsonArray(Plan("s1", W.S1, alone, ByCode("S1", "B1"))).ToJsonString(), "application/json");
        Assert.Equal("rejected", StatusAt(orphan.Body, 1));
        Assert.Contains($"has no RHK with the code 'B1' in their current plan of {alone}", ErrorsAt(orphan.Body, 1));
        Assert.Empty(await NipsWithPlanAsync(alone));
    }

    private static JsonObject Plan(string ext, string nip, int year, params JsonObject[] rhk) => ImportPlan(ext + "-" + year, nip, year, rhk);

    /// <summary>The stored plans of a year as "nip code kind text ← parent code | indicators", sorted.</summary>
    private async Task<List<string>> CascadeAsync(int year)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return [.. await conn.QueryAsync<string>("""
            select p.nip || ' ' || p.status || ' v' || p.version || ' ' || r.code || ' ' || r.kind || ' ' || r.text || ' <- '
                   || coalesce(pr.code, 'iku') || ' | '
                   || (select string_agg(i.aspect || ':' || i.text || ':' || coalesce(i.target_value::text, i.target_text), ',' order by i.position)
                       from skp_indicator i where i.rhk_id = r.id)
            from skp_plan p join skp_rhk r on r.plan_id = p.id left join skp_rhk pr on pr.id = r.parent_rhk_id
            where p.year = @year and p.is_current
            order by 1
            """, new { year = (short)year })];
    }

    private async Task<List<string>> NipsWithPlanAsync(int year)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return [.. await conn.QueryAsync<string>("select nip::text from skp_plan where year = @year order by 1", new { year = (short)year })];
    }
}
