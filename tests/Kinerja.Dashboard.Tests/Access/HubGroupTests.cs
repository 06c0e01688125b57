using System.Net;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>A stand-in for the board hub: joins whatever group it is asked to (the filter decides).</summary>
public sealed class StandInBoardHub : Hub
{
    public Task Subscribe(string group) => Groups.AddToGroupAsync(Context.ConnectionId, group);

    public Task SubscribeMany(string[] groups) =>
        Task.WhenAll(groups.Select(g => Groups.AddToGroupAsync(Context.ConnectionId, g)));

    public string Ping() => "pong";
}

/// <summary>
/// Real HubConnections (long polling over the test server) against a hub at /hubs/board with
/// <see cref="BoardGroupHubFilter"/>: the negotiate is anonymous, each group is checked.
/// </summary>
public sealed class HubGroupTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "hub-a", "hub-a-dinas", 1);
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "hub-b", "hub-b-dinas", 1, nipOffset: 400);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(db.DataSource);
        builder.Services.AddProblemDetails();
        builder.AddKinerjaAccess();
        builder.Services.AddTestUserSignIn();
        builder.Services.AddSignalR(); // AddKinerjaAccess adds BoardGroupHubFilter to every hub
        _app = builder.Build();
        _app.UseKinerjaAccess();
        // As the host maps the board hub (Apis/BoardEndpoints.cs): anyone may connect, the filter checks each group.
        _app.MapHub<StandInBoardHub>("/hubs/board").AllowAnonymous();
        await _app.StartAsync();
        var users = _app.Services.GetRequiredService<UserStore>();
        if (await users.FindAsync("hub-sdm") is not null)
        {
            return; // xunit runs InitializeAsync per test; the database is per class
        }
        await users.AddAsync("hub-pimpinan-a", AccessRoles.Pimpinan, "", Passwords.Hash("rahasia-uji-123"), "test");
        await users.GrantAsync("hub-pimpinan-a", ["hub-a"], "test");
        await users.AddAsync("hub-sdm", AccessRoles.Sdm, "", Passwords.Hash("rahasia-uji-123"), "test");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HubConnection> ConnectAsync(string? user)
    {
        var server = _app.GetTestServer();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/board"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                if (user is not null)
                {
                    o.Headers[TestUserHandler.Header] = user;
                }
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task Anonymous_JoinsPublicGroups_ButNotRegionOrUnitGroups()
    {
        await using var hub = await ConnectAsync(null);
        await hub.InvokeAsync("Subscribe", "public:hub-a");
        var ex = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "region:hub-a"));
        Assert.Contains("Akses ditolak", ex.Message);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "unit:hub-a-dinas"));
        Assert.Equal("pong", await hub.InvokeAsync<string>("Ping"));
    }

    [Fact]
    public async Task Pimpinan_JoinsTheirRegion_NotAnother()
    {
        await using var hub = await ConnectAsync("hub-pimpinan-a");
        await hub.InvokeAsync("Subscribe", "region:hub-a");
        await hub.InvokeAsync("Subscribe", "unit:hub-a-dinas");
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "region:hub-b"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Subscribe", "unit:hub-b-dinas"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("SubscribeMany", new[] { "region:hub-a", "region:hub-b" }));
    }

    [Fact]
    public async Task Sdm_JoinsEveryRegion()
    {
        await using var hub = await ConnectAsync("hub-sdm");
        await hub.InvokeAsync("Subscribe", "region:hub-b");
        await hub.InvokeAsync("SubscribeMany", new[] { "region:hub-a", "unit:hub-b-dinas", "public:hub-a" });
    }

    [Fact]
    public async Task Negotiate_IsAnonymous()
    {
        var client = _app.GetTestClient();
        var negotiate = await client.PostAsync("/hubs/board/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }
}
