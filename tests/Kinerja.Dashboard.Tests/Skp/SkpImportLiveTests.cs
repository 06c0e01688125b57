using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kinerja.Dashboard.Tests.Access;
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
public sealed class SkpImportLiveTests(LoopServerFactory app) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Arrives = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private EmployeeWorld _w = null!;
    private LoopSessions _as = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "sil", 8720);
        _as = new LoopSessions(app, _w);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync()
    {
        _as.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnImport_SendsOneSkpChangedPerScreen_ToTheEmployeesAndTheirSuperiors_AndNoOneElse()
    {
        var y = Year - 2;
        await using var b = await ConnectAsync("b", _w.B);
        await using var s1 = await ConnectAsync("s1", _w.S1);
        await using var s2 = await ConnectAsync("s2", _w.S2);
        await using var u = await ConnectAsync("u", _w.U);
        var (toB, toS1, toS2, toU) = (Collect(b), Collect(s1), Collect(s2), Collect(u));
        var sdm = await _as.ClientAsync("sdm");

        // B's screen shows B's own plan and the plans of S1 and S2: three changes, one hint
        var plans = await PostAsync(sdm, "api/v1/skp/import/plans", new JsonArray(
            Plan(_w.S1, y, ByCode("S1", "B1")), Plan(_w.S2, y, ByCode("S2", "B1")), Plan(_w.B, y, ByCode("B1", "K1")),
            Plan(_w.K, y, Rhk("K1", null, "IKU-1"))).ToJsonString(), "application/json");
        Assert.True(plans.Status == HttpStatusCode.OK && plans.Body.GetProperty("accepted").GetInt32() == 4, plans.Body.ToString());
        Assert.Equal([_w.B], await OnlyAsync(toB));
        Assert.Equal([_w.S1], await OnlyAsync(toS1));
        Assert.Equal([_w.S2], await OnlyAsync(toS2));
        Assert.False(toU.Reader.TryRead(out _), "an employee of another unit got SkpChanged of an import that did not concern them");

        // a re-run changes nothing and tells no one
        var again = await PostAsync(sdm, "api/v1/skp/import/plans", new JsonArray(
            Plan(_w.S1, y, ByCode("S1", "B1")), Plan(_w.S2, y, ByCode("S2", "B1"))).ToJsonString(), "application/json");
        Assert.Equal(2, again.Body.GetProperty("duplicate").GetInt32());
        await Task.Delay(Quiet);
        Assert.False(toB.Reader.TryRead(out _), "a re-run that imported nothing pushed SkpChanged");

        // realisations of both reports: one hint to each of them and one to B, naming the first report
        var csv = Csv(false, "nip,rhk,indicator,period,value", $"{_w.S1},S1,1,{y}-03,5", $"{_w.S2},S2,1,{y}-03,4", $"{_w.S1},S1,1,{y}-04,6",
            $"{_w.S2},S9,1,{y}-04,1");
        var realisations = await PostAsync(sdm, "api/v1/skp/import/realisations", csv, "text/csv");
        Assert.True(realisations.Status == HttpStatusCode.OK && realisations.Body.GetProperty("accepted").GetInt32() == 3, realisations.Body.ToString());
        Assert.Equal([_w.S1], await OnlyAsync(toB));
        Assert.Equal([_w.S1], await OnlyAsync(toS1));
        Assert.Equal([_w.S2], await OnlyAsync(toS2));
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

    private static JsonObject Plan(string nip, int year, params JsonObject[] rhk) => new()
    {
        ["nip"] = nip, ["year"] = year, ["rhk"] = new JsonArray(rhk.Select(r => (JsonNode)r).ToArray()),
    };

    private static JsonObject ByCode(string code, string parent) => new()
    {
        ["code"] = code, ["kind"] = "utama", ["text"] = "RHK " + code, ["parentRhk"] = parent, ["indicators"] = new JsonArray(Numeric()),
    };

    private static Channel<JsonElement> Collect(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("SkpChanged", m => channel.Writer.TryWrite(m));
        return channel;
    }

    private async Task<HubConnection> ConnectAsync(string who, string nip)
    {
        var signIn = await _as.AsAsync(who);
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies).Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "employee:" + nip);
        return connection;
    }
}
