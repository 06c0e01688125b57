using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.FollowUp;

/// <summary>
/// <c>POST /api/v1/followups/{id}/transitions</c>: every legal move, every illegal one (409), the body checks (400), the
/// history and the audit row.
/// </summary>
public sealed class FollowUpTransitionTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync() => _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ft", 7600);

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, _w.Account(who));
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> MoveAsync(HttpClient client, long id, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/followups/{id}/transitions", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Coaching_NewToInProgressToDone_WithNoteAndEvidence_RecordsHistoryAndAudit()
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "atasan", "bina_satu", "2025-01");
        var b = As("b");

        var (s1, started) = await MoveAsync(b, id, new { to = "diproses", note = "Jadwal pembinaan Senin" });
        var (s2, noNote) = await MoveAsync(b, id, new { to = "selesai", note = " " });
        var (s3, done) = await MoveAsync(b, id, new { to = "selesai", note = "Pembinaan selesai", evidenceUrl = "https://arsip.example.go.id/bina/1" });

        Assert.Equal((HttpStatusCode.OK, "diproses"), (s1, started.GetProperty("state").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, s2);
        Assert.Contains("needs a note", noNote.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, s3);
        Assert.Equal(("selesai", "https://arsip.example.go.id/bina/1"), (done.GetProperty("state").GetString(), done.GetProperty("evidenceUrl").GetString()));
        Assert.NotEqual(JsonValueKind.Null, done.GetProperty("doneAt").ValueKind);
        var history = done.GetProperty("history").EnumerateArray().Select(h => (
            h.GetProperty("from").GetString(), h.GetProperty("to").GetString(), h.GetProperty("note").GetString())).ToList();
        Assert.Equal(new (string?, string?, string?)[]
        {
            (null, "baru", ""), ("baru", "diproses", "Jadwal pembinaan Senin"), ("diproses", "selesai", "Pembinaan selesai"),
        }, history);
        Assert.Contains(_w.B, done.GetProperty("history")[2].GetProperty("actor").GetString());
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "select count(*) from audit where action = 'followup.transition' and target = @t", new { t = "followup:" + id }));
    }

    [Fact]
    public async Task Reward_NewToDoneWithoutNote_AndCancelWithReason_AreLegal()
    {
        var reward = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "REWARD", "atasan", "piagam_dua", "2025-02");
        var cancel = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "SANCTION", "atasan", "teguran_dua", "2025-02");
        var cancelLater = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "COACHING", "atasan", "bina_dua", "2025-02");
        var b = As("b");

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, reward, new { to = "selesai" })).Status);
        var (noReason, problem) = await MoveAsync(b, cancel, new { to = "dibatalkan" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason);
        Assert.Contains("reason", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, cancel, new { to = "dibatalkan", note = "Data TKS keliru" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, cancelLater, new { to = "diproses" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, cancelLater, new { to = "dibatalkan", note = "Pegawai pindah" })).Status);
    }

    [Fact]
    public async Task IllegalMoves_Are409_AndUnrequestableStates400()
    {
        var done = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "REWARD", "atasan", "piagam_tiga", "2025-03");
        var cancelled = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "REWARD", "atasan", "insentif_tiga", "2025-03");
        var working = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "REWARD", "atasan", "latih_tiga", "2025-03");
        var b = As("b");
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, done, new { to = "selesai" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, cancelled, new { to = "dibatalkan", note = "Salah sasaran" })).Status);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(b, working, new { to = "diproses" })).Status);

        foreach (var (id, to) in new[] { (done, "diproses"), (done, "selesai"), (done, "dibatalkan"), (cancelled, "selesai"),
                     (cancelled, "diproses"), (working, "diproses") })
        {
            var (status, problem) = await MoveAsync(b, id, new { to, note = "catatan" });
            Assert.True(status == HttpStatusCode.Conflict, $"{id} → {to}: {(int)status}");
            Assert.Contains("cannot move", problem.GetProperty("detail").GetString());
        }
        foreach (var to in new[] { "baru", "perlu_ditinjau", "SELESAI", "" })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(b, working, new { to })).Status);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await MoveAsync(b, 987654321, new { to = "diproses" })).Status);
    }

    [Theory]
    [InlineData("javascript:alert(1)", 1)]
    [InlineData("ftp://arsip.example.go.id/x", 2)]
    [InlineData("/relatif/bukti.pdf", 3)]
    [InlineData("https://", 4)]
    public async Task EvidenceUrl_NotAnAbsoluteHttpLink_Is400(string url, int n)
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "REWARD", "atasan", "bukti_" + n, "2025-04");
        var (status, problem) = await MoveAsync(As("b"), id, new { to = "selesai", evidenceUrl = url });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("evidenceUrl", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TooLongNoteOrEvidence_Is400_AndNonJson415()
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S2, "REWARD", "atasan", "panjang", "2025-05");
        var b = As("b");
        Assert.Equal(HttpStatusCode.BadRequest, (await MoveAsync(b, id, new { to = "diproses", note = new string('a', 2001) })).Status);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await MoveAsync(b, id, new { to = "diproses", evidenceUrl = "https://a.example/" + new string('b', 2000) })).Status);
        using var form = await b.PostAsync($"/api/v1/followups/{id}/transitions", new StringContent("to=diproses"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using var broken = await b.PostAsync($"/api/v1/followups/{id}/transitions",
            new StringContent("{ \"to\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
    }

    [Fact]
    public async Task ItemForReview_OnlyHrMovesIt()
    {
        var id = await FollowUpSeed.ItemAsync(app.DataSource, _w.S1, "COACHING", "atasan", "tinjau", "2025-06");
        await FollowUpSeed.SetAsync(app.DataSource, id, "perlu_ditinjau");
        var sdm = app.CreateClient();
        sdm.DefaultRequestHeaders.Add(TestUserHandler.Header, await app.UserAsync(AccessRoles.Sdm, _w.RegionA));

        var (byAssignee, problem) = await MoveAsync(As("b"), id, new { to = "diproses" });
        Assert.Equal(HttpStatusCode.Forbidden, byAssignee);
        Assert.Contains("review", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(sdm, id, new { to = "dibatalkan", note = "Aturan berubah; tidak berlaku" })).Status);
    }
}
