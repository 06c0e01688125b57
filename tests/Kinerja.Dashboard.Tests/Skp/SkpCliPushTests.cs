using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Dapper;
using Kinerja.Core.Changes;
using Kinerja.Dashboard.Cli;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Skp.SkpImportRequests;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// An SKP import made at the terminal (<c>import skp-plans</c>, <c>skp-realisations</c>, <c>iku-targets</c>,
/// <c>iku-realisations</c>, run in-process against the running test server's database) reaches the server's open screens
/// through the change feed (<c>kinerja_skp</c>): <c>SkpChanged</c> on the real employee hub to the employees and their direct
/// superiors, the boards' <c>Panels</c> hint (reason <c>skp</c>) to the unit; an import that changed nothing tells no one,
/// and malformed notifications on the channel are ignored without stopping the feed.
/// </summary>
public sealed class SkpCliPushTests(LoopServerFactory app) : SkpWorldTests(app, "scl", 8770), IDisposable
{
    private static readonly TimeSpan Arrives = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private readonly string _dir = Directory.CreateTempSubdirectory("kinerja-skp-cli-push-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<int> CliAsync(params string[] args) => CliCommands.RunAsync([.. args, $"--ConnectionStrings:Kinerja={App.ConnectionString}"]);

    [Fact]
    public async Task CliPlanImport_TellsTheEmployees_TheirSuperior_AndTheUnitsBoard()
    {
        var y = Year - 2;
        await using var k = await ConnectAsync("k", W.K);
        await using var b = await ConnectAsync("b", W.B);
        await using var s1 = await ConnectAsync("s1", W.S1);
        await using var u = await ConnectAsync("u", W.U);
        var (toK, toB, toS1, toU) = (CollectSkpChanged(k), CollectSkpChanged(b), CollectSkpChanged(s1), CollectSkpChanged(u));
        var (board, panels) = await BoardAsync("unit:" + W.UnitA);
        await using var boardScreen = board;

        // the head's and the kabid's plans: each screen is told about its own plan
        var top = Write("top.json", new JsonArray(ImportPlan(null, W.K, y, Rhk("K1", null, "IKU-1")), ImportPlan(null, W.B, y, ByCode("B1", "K1"))).ToJsonString());
        Assert.Equal(0, await CliAsync("import", "skp-plans", top));
        Assert.Equal([W.K], await OnlyAsync(toK));
        Assert.Equal([W.B], await OnlyAsync(toB));
        var panel = await panels.Reader.ReadAsync().AsTask().WaitAsync(Arrives);
        Assert.Equal(("unit:" + W.UnitA, "skp"), (panel.GetProperty("group").GetString(), panel.GetProperty("reason").GetString()));

        // a report's plan: the report's own screen and the superior's, both naming the report
        var staff = Write("staff.csv", Csv(false, "nip,year,rhkCode,rhkKind,rhkText,parentRhk,aspect,indicatorText,targetValue,targetUnit",
            $"{W.S1},{y},S1,utama,RHK S1,B1,kuantitas,Laporan,12,laporan"));
        Assert.Equal(0, await CliAsync("import", "skp-plans", staff));
        Assert.Equal([W.S1], await OnlyAsync(toS1));
        Assert.Equal([W.S1], await OnlyAsync(toB));
        await panels.Reader.ReadAsync().AsTask().WaitAsync(Arrives);
        Assert.False(toK.Reader.TryRead(out _), "the superior's superior got SkpChanged of a plan that is not on their screen");
        Assert.False(toU.Reader.TryRead(out _), "an employee of another unit got SkpChanged of an import that did not concern them");

        // the report's realisations, imported at the terminal too
        var realisations = Write("realisasi.csv", Csv(false, "nip,rhk,indicator,period,value", $"{W.S1},S1,1,{y}-03,5", $"{W.S1},S1,1,{y}-04,6"));
        Assert.Equal(0, await CliAsync("import", "skp-realisations", realisations));
        Assert.Equal([W.S1], await OnlyAsync(toS1));
        Assert.Equal([W.S1], await OnlyAsync(toB));
        await panels.Reader.ReadAsync().AsTask().WaitAsync(Arrives);
    }

    [Fact]
    public async Task CliIkuImports_SendTheBoardsPanelsHint_OncePerImport()
    {
        var y = Year - 1;
        var (board, panels) = await BoardAsync("unit:" + W.UnitA);
        await using var boardScreen = board;

        var targets = Write("iku.csv", Csv(false, "unitId,year,code,name,targetValue,targetUnit",
            $"{W.UnitA},{y},CLI-1,Capaian layanan,70,persen", $"{W.UnitA},{y},CLI-2,Capaian lain,80,persen"));
        Assert.Equal(0, await CliAsync("import", "iku-targets", targets));
        Assert.Equal(1, await CountAsync(panels));

        var realisations = Write("iku-realisasi.csv", Csv(false, "eventId,iku,period,value", $"scl-1,CLI-1,{y}-Q1,40", $"scl-2,CLI-2,{y}-Q1,50"));
        Assert.Equal(0, await CliAsync("import", "iku-realisations", W.UnitA, realisations));
        Assert.Equal(1, await CountAsync(panels));

        // re-runs change nothing (duplicates) and tell no one
        Assert.Equal(0, await CliAsync("import", "iku-targets", targets));
        Assert.Equal(0, await CliAsync("import", "iku-realisations", W.UnitA, realisations));
        await Task.Delay(Quiet);
        Assert.False(panels.Reader.TryRead(out _), "an IKU import that changed nothing sent the Panels hint");
    }

    [Fact]
    public async Task CliImportThatChangedNothing_TellsNoOne()
    {
        var y = Year - 3;
        await using var s2 = await ConnectAsync("s2", W.S2);
        await using var b = await ConnectAsync("b", W.B);
        var (toS2, toB) = (CollectSkpChanged(s2), CollectSkpChanged(b));
        var (board, panels) = await BoardAsync("unit:" + W.UnitA);
        await using var boardScreen = board;

        // every row rejected: S2 links to an RHK their superior has no plan for
        var rejected = Write("rejected.json", new JsonArray(ImportPlan(null, W.S2, y, ByCode("S2", "TIDAK-ADA"))).ToJsonString());
        Assert.Equal(1, await CliAsync("import", "skp-plans", rejected));
        Assert.Equal(0L, await CountPlansAsync(W.S2, y));

        // the feed delivers in order: a hint sent after the import arrives after anything the import had sent
        await SendAsync(new SkpTouch("000000000000000001", W.S2, W.RegionA, W.Prefix + "-a-lain"));
        Assert.Equal(["000000000000000001"], await OnlyAsync(toS2));
        Assert.False(toB.Reader.TryRead(out _), "an import that changed nothing pushed SkpChanged to the superior");
        Assert.False(panels.Reader.TryRead(out _), "an import that changed nothing sent the Panels hint");
    }

    [Fact]
    public async Task MalformedNotificationsOnTheChannel_AreIgnored_AndTheFeedKeepsWorking()
    {
        await using var s2 = await ConnectAsync("s2", W.S2);
        var toS2 = CollectSkpChanged(s2);
        await using (var conn = await App.DataSource.OpenConnectionAsync())
        {
            foreach (var payload in new[]
                     {
                         "not json", "[]", "null", """{"employees":"x"}""", """{"employees":[{"nip":5}]}""", """{"units":[{"region":["r"]}]}""",
                         // readable, but nothing usable in it: dropped item by item
                         $$"""{"employees":[null,{"about":"{{W.S1}}"}],"units":[null,{"unit":"{{W.UnitA}}"}]}""",
                     })
            {
                await conn.ExecuteAsync("select pg_notify(@channel, @payload)", new { channel = ChangeChannels.Skp, payload });
            }
        }

        await SendAsync(new SkpTouch(W.S2, null, W.RegionA, W.UnitA));

        Assert.Equal([W.S2], await OnlyAsync(toS2));
    }

    /// <summary>A board screen of the unit's leader (pimpinan) on <c>/hubs/board</c>, subscribed to <paramref name="group"/>, and its Panels hints with reason skp.</summary>
    private async Task<(HubConnection Connection, Channel<JsonElement> Panels)> BoardAsync(string group)
    {
        var signIn = await As.AsAsync("pimpinan");
        var connection = new HubConnectionBuilder().WithUrl(new Uri(App.BaseUri, "/hubs/board"), o => o.Cookies = signIn.Cookies).Build();
        var panels = Channel.CreateUnbounded<JsonElement>();
        connection.On<JsonElement>("Panels", p =>
        {
            if (p.GetProperty("reason").GetString() == "skp")
            {
                panels.Writer.TryWrite(p);
            }
        });
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", group);
        return (connection, panels);
    }

    private async Task SendAsync(params SkpTouch[] touched)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        await ChangeFeed.SendAsync(conn, null, ChangeNotice.Skp(touched), CancellationToken.None);
    }

    private Task<long> CountPlansAsync(string nip, int year) =>
        ScalarAsync<long>(App.DataSource, "select count(*) from skp_plan where nip = @nip::char(18) and year = @year", new { nip, year = (short)year });

    /// <summary>How many messages arrive: the first within <see cref="Arrives"/>, then whatever else comes in <see cref="Quiet"/>.</summary>
    private static async Task<int> CountAsync(Channel<JsonElement> channel) => (await OnlyAsync(channel, m => m.ToString())).Count;

    /// <summary>The NIPs of the hints that arrive: the first within <see cref="Arrives"/>, then whatever else comes in <see cref="Quiet"/>.</summary>
    private static Task<List<string>> OnlyAsync(Channel<JsonElement> channel) => OnlyAsync(channel, m => m.GetProperty("nip").GetString()!);

    private static async Task<List<string>> OnlyAsync(Channel<JsonElement> channel, Func<JsonElement, string> read)
    {
        var got = new List<string> { read(await channel.Reader.ReadAsync().AsTask().WaitAsync(Arrives)) };
        await Task.Delay(Quiet);
        while (channel.Reader.TryRead(out var more))
        {
            got.Add(read(more));
        }
        return got;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
