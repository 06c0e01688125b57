using System.Net;
using System.Text.Json;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Tests.Access;
using Kinerja.Dashboard.Tests.Board;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Dashboard.Tests.Skp;
using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Kinerja.Dashboard.Tests.Skp.SkpRequests;

namespace Kinerja.Dashboard.Tests.SkpMonitoring;

/// <summary>
/// The board <c>Panels</c> hint after an SKP change costs nothing while no board is watched: the person's unit is not read
/// (the server's reads are counted, <see cref="CountedDataSource"/>); with a board screen watching, the hint arrives on
/// a real HubConnection.
/// </summary>
public sealed class BoardPanelsWatchedTests(BoardPanelsWatchedTests.Factory app)
    : IClassFixture<BoardPanelsWatchedTests.Factory>, IAsyncLifetime
{
    private const string PlaceRead = "select u.region_id, e.unit_id from employee e";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;

    private static int PlanYear => Year - 1;

    /// <summary>The server with its database reads going through a <see cref="CountedDataSource"/>.</summary>
    public sealed class Factory : KinerjaAppFactory
    {
        private CountedDataSource? _counted;

        public CountedDataSource Counted => _counted ??= new CountedDataSource(ConnectionString);

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<NpgsqlDataSource>(_ => Counted.DataSource));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && _counted is not null)
            {
                _counted.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }

    public async Task InitializeAsync()
    {
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "pnw", 8700);
        await SeedIkuAsync(app.DataSource, _w);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient As(string who) => UnitIkuTargetRequests.As(app, _w.Account(who));

    private int PlaceReadsOf(string nip) => app.Counted.Count(PlaceRead, nip);

    [Fact]
    public async Task NoBoardWatched_AnSkpSave_DoesNotReadThePersonsUnitForTheHint()
    {
        var subs = app.Services.GetRequiredService<BoardSubscriptions>();
        await Eventually.TrueAsync(() => subs.WatchedRegions().Count == 0, "the other tests' screens to be gone");

        var saved = await SaveAsync(As("o"), Plan(0, Rhk("O1", null, "IKU-1")), PlanYear);

        Assert.True(saved.Status == HttpStatusCode.OK, saved.Body.ToString());
        Assert.Equal(0, PlaceReadsOf(_w.O));
    }

    [Fact]
    public async Task ABoardWatched_AnSkpSave_SendsThePanelsHintToIt()
    {
        await using var hub = await HubClient.ConnectAsync(app, _w.Account("pimpinan"));
        await hub.SubscribeAsync("region:" + _w.RegionA);
        var before = DateTimeOffset.UtcNow;

        var saved = await SaveAsync(As("u"), Plan(0, Rhk("U1", null, "IKU-1")), PlanYear);

        Assert.True(saved.Status == HttpStatusCode.OK, saved.Body.ToString());
        var (hint, _) = await hub.WaitForAsync("Panels", p => p.GetProperty("reason").GetString() == "skp"
            && p.GetProperty("at").GetDateTimeOffset() >= before, Wait);
        Assert.Equal("region:" + _w.RegionA, hint.GetProperty("group").GetString());
        Assert.Equal(1, PlaceReadsOf(_w.U));
    }
}
