using System.Text.Json;
using System.Threading.Channels;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Employees;
using Microsoft.AspNetCore.SignalR.Client;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.Skp;

/// <summary>
/// The set-up SKP test classes share: an employee world of their own (NIP prefix and offset per class, so classes never
/// meet), signed-in sessions and the unit's IKU for every year a plan may have; real hub connections of the employees.
/// </summary>
public abstract class SkpWorldTests(LoopServerFactory app, string prefix, int nipOffset) : IClassFixture<LoopServerFactory>, IAsyncLifetime
{
    protected LoopServerFactory App => app;

    protected EmployeeWorld W { get; private set; } = null!;

    protected LoopSessions As { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        _ = app.BaseUri;
        W = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, prefix, nipOffset);
        As = new LoopSessions(app, W);
        await SeedIkuAsync(app.DataSource, W);
    }

    public Task DisposeAsync()
    {
        As.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A HubConnection to <c>/hubs/employee</c> signed in as <paramref name="who"/>, subscribed to <c>employee:{nip}</c>.</summary>
    protected async Task<HubConnection> ConnectAsync(string who, string nip)
    {
        var signIn = await As.AsAsync(who);
        var connection = new HubConnectionBuilder().WithUrl(new Uri(app.BaseUri, "/hubs/employee"), o => o.Cookies = signIn.Cookies).Build();
        await connection.StartAsync();
        await connection.InvokeAsync("Subscribe", "employee:" + nip);
        return connection;
    }

    /// <summary>Every <c>SkpChanged</c> the connection receives from now on.</summary>
    protected static Channel<JsonElement> CollectSkpChanged(HubConnection hub)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        hub.On<JsonElement>("SkpChanged", m => channel.Writer.TryWrite(m));
        return channel;
    }
}
