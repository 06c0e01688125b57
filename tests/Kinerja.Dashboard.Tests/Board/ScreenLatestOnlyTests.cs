using Kinerja.Dashboard.Board;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// A screen that cannot keep up gets the latest <c>Indicators</c> of its group when it drains, not the backlog, and
/// them before a held <c>Chart</c>, of which it gets only the latest version (<c>Board/Screens/BoardHubLifetimeManager</c>);
/// a screen that keeps up gets them in order; a screen that leaves a group gets nothing held for it. Real hub connections on the long-polling transport; the slow screen's polls are held
/// back by a <see cref="PollGate"/>, so the server's output to it fills as for a slow screen. Each test uses its own group
/// (not a board group: the board's own pushes would mix in).
/// </summary>
public sealed class ScreenLatestOnlyTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string Pad = new('x', 4096);

    private IHubContext<BoardHub> Hub => app.Services.GetRequiredService<IHubContext<BoardHub>>();

    private BoardTimings Timings => app.Services.GetRequiredService<BoardTimings>();

    [Fact]
    public async Task SlowScreen_AfterBacklog_GetsLatestIndicatorsWithoutTheStaleOnes_FastScreenGetsThemInOrder()
    {
        const string group = "uji-terbaru";
        const int sent = 300;
        var gate = new PollGate();
        await using var fast = await HubClient.ConnectAsync(app);
        await using var slow = await HubClient.ConnectAsync(app, network: gate);
        await Hub.Groups.AddToGroupAsync(fast.Connection.ConnectionId!, group);
        await Hub.Groups.AddToGroupAsync(slow.Connection.ConnectionId!, group);
        var before = Timings.Screens.Snapshot();

        await StallAsync(slow, gate);
        for (var seq = 1; seq <= sent; seq++)
        {
            await Hub.Clients.Group(group).SendAsync("Indicators", new { seq, pad = Pad });
        }
        gate.Open();

        await slow.WaitForAsync("Indicators", p => Seq(p) == sent, Timeout);
        await fast.WaitForAsync("Indicators", p => Seq(p) == sent, Timeout);
        var slowSeqs = Seqs(slow);
        Assert.Equal(slowSeqs.Order(), slowSeqs);
        Assert.Equal(slowSeqs.Distinct().Count(), slowSeqs.Count);
        // 300 × 4 KiB against a connection output of 64 KiB: the stale middle is skipped, not queued.
        Assert.True(slowSeqs.Count < sent / 2, $"the slow screen received {slowSeqs.Count} of {sent} messages");
        var fastSeqs = Seqs(fast);
        Assert.Equal(fastSeqs.Order(), fastSeqs);
        Assert.Equal(fastSeqs.Distinct().Count(), fastSeqs.Count);
        var after = Timings.Screens.Snapshot();
        Assert.True(after.Superseded > before.Superseded, "no held message was replaced by a newer one");
        Assert.True(after.Waited > before.Waited, "no write waited for the slow screen's connection");
    }

    [Fact]
    public async Task SlowScreen_RemovedFromGroup_DoesNotGetWhatWasHeldForIt()
    {
        const string group = "uji-keluar";
        const string other = "uji-keluar-lain";
        const int held = 1000;
        var gate = new PollGate();
        await using var slow = await HubClient.ConnectAsync(app, network: gate);
        await Hub.Groups.AddToGroupAsync(slow.Connection.ConnectionId!, group);
        await Hub.Groups.AddToGroupAsync(slow.Connection.ConnectionId!, other);
        var before = Timings.Screens.Snapshot();

        await StallAsync(slow, gate);
        for (var seq = 1; seq <= 100; seq++)
        {
            await Hub.Clients.Group(group).SendAsync("Indicators", new { seq, pad = Pad });
        }
        await Hub.Clients.Group(group).SendAsync("Indicators", new { seq = held, pad = Pad });
        Assert.True(Timings.Screens.Snapshot().Held > before.Held, "the slow screen's connection never filled up");
        // Access withdrawn (as LiveAccessRechecks does) while the latest message is held.
        await Hub.Groups.RemoveFromGroupAsync(slow.Connection.ConnectionId!, group);
        await Hub.Clients.Group(group).SendAsync("Indicators", new { seq = held + 1, pad = Pad });
        // Queued behind the write that waits for the stalled connection (a plain group send waits for it: not awaited
        // before the gate opens); a held message the screen did not lose would be written right after that write, so
        // it would be queued before the second Panels, sent once the first has arrived.
        var panels = Hub.Clients.Group(other).SendAsync("Panels", new { done = 1 });
        gate.Open();
        await panels.WaitAsync(Timeout);
        await slow.WaitForAsync("Panels", p => Done(p) == 1, Timeout);
        await Hub.Clients.Group(other).SendAsync("Panels", new { done = 2 });
        await slow.WaitForAsync("Panels", p => Done(p) == 2, Timeout);

        var seqs = Seqs(slow);
        Assert.NotEmpty(seqs);
        Assert.DoesNotContain(held, seqs);
        Assert.DoesNotContain(held + 1, seqs);
    }

    [Fact]
    public async Task SlowScreen_AfterBacklog_GetsLatestIndicatorsBeforeHeldChart_AndOnlyTheChartsLatestVersion()
    {
        const string group = "uji-grafik";
        const int latest = 500;
        var gate = new PollGate();
        await using var slow = await HubClient.ConnectAsync(app, network: gate);
        await Hub.Groups.AddToGroupAsync(slow.Connection.ConnectionId!, group);
        var typed = app.Services.GetRequiredService<IHubContext<BoardHub, IBoardClient>>();
        var before = Timings.Screens.Snapshot();

        await StallAsync(slow, gate);
        for (var seq = 1; seq <= 100; seq++)
        {
            await Hub.Clients.Group(group).SendAsync("Indicators", new { seq, pad = Pad });
        }
        Assert.True(Timings.Screens.Snapshot().Held > before.Held, "the slow screen's connection never filled up");
        await typed.Clients.Group(group).Chart(Chart(group, version: 1));
        await typed.Clients.Group(group).Chart(Chart(group, version: 2));
        await Hub.Clients.Group(group).SendAsync("Indicators", new { seq = latest, pad = Pad });
        gate.Open();

        await slow.WaitForAsync("Chart", p => p.GetProperty("version").GetInt64() == 2, Timeout);
        var received = slow.Messages.Select(m => (m.Method, Key: m.Method == "Chart" ? m.Payload.GetProperty("version").GetInt64()
            : Seq(m.Payload))).ToList();
        Assert.DoesNotContain(("Chart", 1L), received);
        var figures = received.IndexOf(("Indicators", (long)latest));
        Assert.True(figures >= 0, "the latest Indicators never arrived");
        Assert.True(figures < received.IndexOf(("Chart", 2L)), "the held Chart went before the latest Indicators");
    }

    /// <summary>
    /// Stalls the slow screen: closes its gate, ends the poll already waiting at the server (a message to this connection
    /// alone), and waits until its next poll is held at the gate. From then on the server has no poll of this screen to
    /// write to, so its output fills up; without this, the poll that was under way when the gate closed could take part
    /// of the backlog at any moment and the screen would not be backed up when the test needs it to be.
    /// </summary>
    private async Task StallAsync(HubClient slow, PollGate gate)
    {
        gate.Close();
        await Hub.Clients.Client(slow.Connection.ConnectionId!).SendAsync("Trigger", new { stall = true });
        await gate.PollHeld.WaitAsync(Timeout);
    }

    private static int Done(System.Text.Json.JsonElement payload) =>
        payload.TryGetProperty("done", out var done) ? done.GetInt32() : -1;

    private static ChartPayload Chart(string group, long version) => new(group, "uji-minutes", version, "Menit harian",
        "<svg xmlns=\"http://www.w3.org/2000/svg\">" + Pad + "</svg>", $"/charts/uji-minutes.png?v={version}",
        $"/charts/uji-minutes.svg?v={version}");

    private static int Seq(System.Text.Json.JsonElement payload) =>
        payload.TryGetProperty("seq", out var seq) ? seq.GetInt32() : -1;

    private static List<int> Seqs(HubClient client) =>
        client.Messages.Where(m => m.Method == "Indicators").Select(m => Seq(m.Payload)).Where(s => s > 0).ToList();
}
