using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using static Kinerja.Dashboard.Tests.Employees.LoopClient;

namespace Kinerja.Dashboard.Tests.Employees;

/// <summary>
/// The loop's pushes over real HubConnections (WebSockets with the session cookie) on <c>/hubs/employee</c>: a
/// superior's review reaches the employee's group and not a peer's; a logged activity reaches the superior's group as
/// a queue change; after the live recompute the employee's group hears <c>IndicatorsChanged</c>, and the figures it
/// then reads include the approval.
/// </summary>
public sealed class EmployeeLiveTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _clients = [];

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "lv", 7400);
    }

    public Task DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private async Task<FormSignIn> SignInAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _clients.Add(signIn);
        return signIn;
    }

    [Fact]
    public async Task AnApproval_ReachesTheEmployeesGroup_AndNotAPeers()
    {
        var s1 = await SignInAsync("s1");
        var item = Activity(_w.S1);
        Assert.Equal("accepted", StatusAt((await PostAsync(s1.Client, "api/v1/me/activities", new JsonArray(item))).Body, 0));
        await using var own = await ConnectAsync(s1, "employee:" + _w.S1);
        await using var peer = await ConnectAsync(await SignInAsync("s2"), "employee:" + _w.S2);
        var ownChanges = Collect(own, "ActivitiesChanged");
        var peerChanges = Collect(peer, "ActivitiesChanged");

        var (_, result) = await PostAsync((await SignInAsync("b")).Client, "api/v1/team/reviews",
            new JsonArray(Review(IdOf(item), approved: true, "Bagus")));
        Assert.Equal("accepted", StatusAt(result, 0));

        var change = await ownChanges.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(_w.S1, change.GetProperty("nip").GetString());
        // The peer's group hears nothing of it (its own changes would name S2; there are none).
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(Drain(peerChanges), m => m.GetProperty("nip").GetString() == _w.S1);
    }

    [Fact]
    public async Task AnApproval_AfterTheRecompute_SendsIndicatorsChanged_AndTheEmployeeReadsTheApprovedMinutes()
    {
        var s1 = await SignInAsync("s1");
        var item = Activity(_w.S1, minutes: 37, "Rekap indikator");
        Assert.Equal("accepted", StatusAt((await PostAsync(s1.Client, "api/v1/me/activities", new JsonArray(item))).Body, 0));
        var pending = await UntilAsync(s1.Client, me => me.GetProperty("activityMinutesPending").GetInt32() >= 37);
        await using var own = await ConnectAsync(s1, "employee:" + _w.S1);
        var hints = Collect(own, "IndicatorsChanged");

        var (_, result) = await PostAsync((await SignInAsync("b")).Client, "api/v1/team/reviews",
            new JsonArray(Review(IdOf(item), approved: true, null)));
        Assert.Equal("accepted", StatusAt(result, 0));

        // Sent once the live model holds the approval (ActivitiesChanged comes at the commit, before it).
        JsonElement hint;
        do
        {
            hint = await hints.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        }
        while (hint.GetProperty("nip").GetString() != _w.S1);
        var me = (await s1.Client.GetFromJsonAsync<JsonElement>("api/v1/me")).GetProperty("snapshot");
        Assert.Equal(pending.GetProperty("activityMinutes").GetInt32() + 37, me.GetProperty("activityMinutes").GetInt32());
    }

    /// <summary>The caller's snapshot once <paramref name="done"/> holds (the live model applies a commit shortly after it).</summary>
    private static async Task<JsonElement> UntilAsync(HttpClient client, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (true)
        {
            var me = (await client.GetFromJsonAsync<JsonElement>("api/v1/me")).GetProperty("snapshot");
            if (done(me))
            {
                return me;
            }
            Assert.True(DateTime.UtcNow < deadline, "the live model did not apply the logged activity");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task ALoggedActivity_ReachesTheDirectSuperiorsGroup_AsAQueueChange()
    {
        await using var superior = await ConnectAsync(await SignInAsync("b"), "employee:" + _w.B);
        await using var head = await ConnectAsync(await SignInAsync("k"), "employee:" + _w.K);
        var queue = Collect(superior, "ReviewQueueChanged");
        var headQueue = Collect(head, "ReviewQueueChanged");

        var (_, result) = await PostAsync((await SignInAsync("s2")).Client, "api/v1/me/activities", new JsonArray(Activity(_w.S2)));
        Assert.Equal("accepted", StatusAt(result, 0));

        var change = await queue.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(_w.S2, change.GetProperty("nip").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1));
        // The head of the unit is B's superior, not S2's: their own group hears only of B's changes.
        Assert.DoesNotContain(Drain(headQueue), m => m.GetProperty("nip").GetString() == _w.S2);
    }

    [Fact]
    public async Task AScreensGroup_CountsAsWatched_UntilItsLastScreenUnsubscribesOrDisconnects()
    {
        var watchers = app.Services.GetRequiredService<Kinerja.Dashboard.Employees.EmployeeWatchers>();
        var group = "employee:" + _w.S1;
        var s1 = await SignInAsync("s1");
        await UntilWatchedAsync(watchers, _w.S1, false); // earlier tests' screens are gone
        var first = await ConnectAsync(s1, group);
        await using var second = await ConnectAsync(s1, group);
        Assert.True(watchers.Watches(_w.S1));
        Assert.False(watchers.Watches(_w.S2));

        await second.InvokeAsync("Unsubscribe", group);
        Assert.True(watchers.Watches(_w.S1)); // the first screen still watches

        await first.DisposeAsync();
        await UntilWatchedAsync(watchers, _w.S1, false);

        // A group watched again is served again: the superior's screen also sees the employee's change.
        await using var again = await ConnectAsync(s1, group);
        var changes = Collect(again, "ActivitiesChanged");
        var (_, result) = await PostAsync(s1.Client, "api/v1/me/activities", new JsonArray(Activity(_w.S1)));
        Assert.Equal("accepted", StatusAt(result, 0));
        var change = await changes.Reader.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(_w.S1, change.GetProperty("nip").GetString());
    }

    private static async Task UntilWatchedAsync(Kinerja.Dashboard.Employees.EmployeeWatchers watchers, string nip, bool watched)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (watchers.Watches(nip) != watched)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{nip} is still {(watched ? "unwatched" : "watched")}");
            await Task.Delay(50);
        }
    }

    private static List<JsonElement> Drain(System.Threading.Channels.Channel<JsonElement> channel)
    {
        var all = new List<JsonElement>();
        while (channel.Reader.TryRead(out var m))
        {
            all.Add(m);
        }
        return all;
    }

    private static System.Threading.Channels.Channel<JsonElement> Collect(HubConnection hub, string method)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>(method, m => channel.Writer.TryWrite(m));
        return channel;
    }

    private async Task<HubConnection> ConnectAsync(FormSignIn signIn, string group)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies)
            .Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", group);
        return connection;
    }
}
