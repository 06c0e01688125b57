using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// Continuous-feedback notes (issue 16) over a real socket: a superior writes about direct reports only (author from
/// the session), reads what they wrote; the employee reads notes about themselves; hostile text is stored verbatim
/// and returned escaped; a stored note reaches the employee's hub group and not a peer's.
/// </summary>
public sealed class FeedbackApiTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private const string Hostile = "<script>alert('x')</script><img src=x onerror=alert(1)> \"'; drop table feedback_note; --";
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;
    private string _month = "";

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "fb", 7400);
        _as = new LoopSessions(app, _w);
        // TestData seeds WIB regions: the month of a note written now
        _month = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Superior_WritesAboutDirectReportsOnly_TheOthersAreRejectedPerItem()
    {
        var result = await PostAsync("b", Note(_w.S1, "Bagus, lanjutkan."), Note(_w.K, "atas"), Note(_w.U, "unit lain"),
            Note(_w.O, "wilayah lain"), Note(_w.B, "diri sendiri"));
        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "rejected"], Statuses(result));
        Assert.Contains("is not your direct report", Error(result, 1, "nip"));
        // a peer, and the chain above (K is S1's superior's superior), are not direct superiors
        Assert.Equal(["rejected"], Statuses(await PostAsync("s1", Note(_w.S2, "rekan"))));
        Assert.Equal(["rejected"], Statuses(await PostAsync("k", Note(_w.S1, "dua tingkat"))));
        // the author comes from the session
        var forged = Note(_w.S1, "palsu");
        forged["authorNip"] = _w.K;
        var r = await PostAsync("b", forged);
        Assert.Contains("authorNip comes from your session", Error(r, 0, "authorNip"));
        var own = Note(_w.S2, "penulis sendiri");
        own["authorNip"] = _w.B;
        Assert.Equal(["accepted"], Statuses(await PostAsync("b", own)));
        Assert.Equal(0, await CountAsync("select count(*) from feedback_note where nip <> all(@n::char(18)[])", new[] { _w.S1, _w.S2 }));
    }

    [Fact]
    public async Task Notes_AreReadByTheEmployeeAndTheirAuthor_AndNobodyElse()
    {
        var note = Note(_w.S1, "Catatan untuk S1");
        await PostAsync("b", note);
        var mine = await GetAsync("s1", $"api/v1/me/feedback?period={_month}&nip={_w.S2}");
        Assert.Contains(mine.EnumerateArray(), n => n.GetProperty("eventId").GetString() == (string)note["eventId"]!
            && n.GetProperty("authorNip").GetString() == _w.B && n.GetProperty("nip").GetString() == _w.S1);
        Assert.DoesNotContain((await GetAsync("s2", $"api/v1/me/feedback?period={_month}")).EnumerateArray(),
            n => n.GetProperty("nip").GetString() == _w.S1);
        Assert.Contains((await GetAsync("b", $"api/v1/team/feedback?nip={_w.S1}&period={_month}")).EnumerateArray(),
            n => n.GetProperty("note").GetString() == "Catatan untuk S1");

        foreach (var (who, nip) in new[] { ("s2", _w.S1), ("s1", _w.S1), ("k", _w.S1), ("u", _w.S1), ("o", _w.S1), ("b", _w.O), ("b", _w.K) })
        {
            using var response = await (await _as.ClientAsync(who)).GetAsync($"api/v1/team/feedback?nip={nip}&period={_month}");
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who} reading notes about {nip}: {(int)response.StatusCode}");
        }
        using var anonymous = new HttpClient { BaseAddress = app.BaseUri };
        foreach (var url in new[] { $"api/v1/me/feedback?period={_month}", $"api/v1/team/feedback?nip={_w.S1}&period={_month}" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await (await _as.ClientAsync("sdm")).GetAsync(url)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/v1/team/feedback", new[] { Note(_w.S1, "x") })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await (await _as.ClientAsync("pimpinan")).PostAsJsonAsync("api/v1/team/feedback", new[] { Note(_w.S1, "x") })).StatusCode);
    }

    [Fact]
    public async Task HostileText_IsStoredVerbatim_AndReturnedEscaped()
    {
        var note = Note(_w.S2, Hostile);
        Assert.Equal(["accepted"], Statuses(await PostAsync("b", note)));
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("select note from feedback_note where event_id = $1", conn))
        {
            cmd.Parameters.AddWithValue(Guid.Parse((string)note["eventId"]!));
            Assert.Equal(Hostile, await cmd.ExecuteScalarAsync());
        }
        var raw = await (await _as.ClientAsync("s2")).GetStringAsync($"api/v1/me/feedback?period={_month}");
        Assert.DoesNotContain("<script>", raw);
        Assert.DoesNotContain("<img", raw);
        Assert.Contains("\\u003Cscript\\u003E", raw);
        Assert.Contains(JsonDocument.Parse(raw).RootElement.EnumerateArray(), n => n.GetProperty("note").GetString() == Hostile);
    }

    [Fact]
    public async Task Retry_IsADuplicate_EmptyAndOversizedNotesAreRejected()
    {
        var note = Note(_w.S1, "Sekali saja");
        Assert.Equal(["accepted"], Statuses(await PostAsync("b", note)));
        Assert.Equal(["duplicate"], Statuses(await PostAsync("b", note)));
        var r = await PostAsync("b", Note(_w.S1, "   "), Note(_w.S1, new string('a', 2001)), Note(_w.S1, new string('a', 2000)));
        Assert.Equal(["rejected", "rejected", "accepted"], Statuses(r));
        Assert.Contains("note is required", Error(r, 0, "note"));
        Assert.Contains("at most 2000 characters; got 2001", Error(r, 1, "note"));
    }

    [Fact]
    public async Task StoredNote_ReachesTheEmployeesGroup_AndNotAPeers()
    {
        await using var s1 = await ConnectAsync("s1", _w.S1);
        await using var s2 = await ConnectAsync("s2", _w.S2);
        var toS1 = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        var toS2 = new List<JsonElement>();
        var s2Own = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        s1.On<JsonElement>("FeedbackAdded", n => toS1.TrySetResult(n));
        s2.On<JsonElement>("FeedbackAdded", n =>
        {
            lock (toS2)
            {
                toS2.Add(n);
            }
            if (n.GetProperty("nip").GetString() == _w.S2)
            {
                s2Own.TrySetResult();
            }
        });

        var note = Note(_w.S1, Hostile);
        Assert.Equal(["accepted"], Statuses(await PostAsync("b", note)));
        var received = await toS1.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal((string)note["eventId"]!, received.GetProperty("eventId").GetString());
        Assert.Equal(Hostile, received.GetProperty("note").GetString());
        Assert.Equal(_w.B, received.GetProperty("authorNip").GetString());
        Assert.Equal("Kepala Bidang Uji", received.GetProperty("authorName").GetString());

        // a later note to S2 arrives at S2; the one about S1 never did
        await PostAsync("b", Note(_w.S2, "untuk S2"));
        await s2Own.Task.WaitAsync(TimeSpan.FromSeconds(15));
        lock (toS2)
        {
            Assert.All(toS2, n => Assert.Equal(_w.S2, n.GetProperty("nip").GetString()));
        }
        // a retry stores nothing and pushes nothing
        await PostAsync("b", note);
        await PostAsync("b", Note(_w.S2, "kedua untuk S2"));
        await Task.Delay(300);
        Assert.True(toS1.Task.IsCompletedSuccessfully);
    }

    private async Task<HubConnection> ConnectAsync(string who, string nip)
    {
        var signIn = await _as.AsAsync(who);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies)
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "employee:" + nip);
        return connection;
    }

    private static JsonObject Note(string nip, string text) => new()
    {
        ["eventId"] = Guid.NewGuid().ToString(), ["nip"] = nip, ["note"] = text,
    };

    private async Task<JsonElement> PostAsync(string who, params JsonObject[] items)
    {
        using var response = await (await _as.ClientAsync(who)).PostAsJsonAsync("api/v1/team/feedback",
            new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> GetAsync(string who, string url) =>
        await (await _as.ClientAsync(who)).GetFromJsonAsync<JsonElement>(url);

    private static string[] Statuses(JsonElement result) =>
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()!).ToArray();

    private static string Error(JsonElement result, int index, string field) =>
        string.Join(" | ", result.GetProperty("items")[index].GetProperty("errors").EnumerateArray()
            .Where(e => e.GetProperty("field").GetString() == field).Select(e => e.GetProperty("message").GetString()));

    private async Task<long> CountAsync(string sql, object n)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql.Replace("@n", "$1"), conn);
        cmd.Parameters.AddWithValue(n);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L);
    }
}
