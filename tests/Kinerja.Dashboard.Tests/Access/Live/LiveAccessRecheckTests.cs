using Kinerja.Core.Reference;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Board;
using Kinerja.Dashboard.Employees;
using Kinerja.Dashboard.Reference;
using Kinerja.Dashboard.Tests.Cli;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access.Live;

/// <summary>
/// Issue 16's access boundaries on connections already open: an account disabled or a session ended closes the
/// connection; a superior who is no longer above an employee after a reference import, or a leader whose region grant is
/// removed, stops receiving that group while keeping the others. Real HubConnections with the session cookie on the
/// server on Kestrel; group membership is observed with probes sent through the server's hub context
/// (<see cref="ProbedHub"/>). Each test uses its own people (one database for the class).
/// </summary>
public sealed class LiveAccessRecheckTests(EmployeeServerFactory app) : IClassFixture<EmployeeServerFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private EmployeeWorld _w = null!;
    private readonly List<IDisposable> _signIns = [];

    private IHubClients EmployeeHubContext => app.Services.GetRequiredService<IHubContext<EmployeeHub>>().Clients;

    private IHubClients BoardHubContext => app.Services.GetRequiredService<IHubContext<BoardHub>>().Clients;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ha", 8700);
    }

    public Task DisposeAsync()
    {
        _signIns.ForEach(s => s.Dispose());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AnAccountHrDisables_HasItsOpenConnectionClosed_AndCannotJoinAgain_WhileOthersStay()
    {
        var signIn = await SignInAsync("u");
        await using var own = await EmployeeAsync(signIn, "employee:" + _w.U);
        await using var bystander = await EmployeeAsync(await SignInAsync("k"), "employee:" + _w.K);
        Assert.True(await own.HearsAsync("employee:" + _w.U, "employee:" + _w.U));

        await app.Services.GetRequiredService<UserStore>().SetDisabledAsync(_w.Account("u"), true, "test:hr");

        await own.Closed.WaitAsync(Wait);
        Assert.Equal(HubConnectionState.Disconnected, own.Connection.State);
        // The cookie of the disabled account no longer signs in: a new connection is anonymous and refused the group.
        await using var again = await ProbedHub.ConnectAsync(app.BaseUri, EmployeeHub.Path, signIn, EmployeeHubContext);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.Connection.InvokeAsync("Subscribe", "employee:" + _w.U));
        Assert.Contains("Akses ditolak", refused.Message);
        // The change named only that account: another person's connection stays open and in its group.
        Assert.True(await bystander.HearsAsync("employee:" + _w.K, "employee:" + _w.K));
        Assert.Equal(HubConnectionState.Connected, bystander.Connection.State);
    }

    [Fact]
    public async Task ASessionEndedElsewhere_ByANewPassword_ClosesTheOpenConnection()
    {
        await using var own = await EmployeeAsync(await SignInAsync("o"), "employee:" + _w.O);

        await app.Services.GetRequiredService<UserStore>().SetPasswordAsync(_w.Account("o"),
            Passwords.Hash(EmployeeWorld.Password), "test:self");

        await own.Closed.WaitAsync(Wait);
    }

    [Fact]
    public async Task ASuperiorNoLongerAboveAMovedEmployee_StopsReceivingTheirGroup_AndKeepsTheirOwn()
    {
        var b = await SignInAsync("b");
        await using var superior = await EmployeeAsync(b, "employee:" + _w.B, "employee:" + _w.S2);
        Assert.True(await superior.HearsAsync("employee:" + _w.S2, "employee:" + _w.B));

        // The reference import moves S2 from B to K (directly under the head of the unit).
        var file = Path.Combine(Directory.CreateTempSubdirectory("kinerja-live-move-").FullName, "employees.csv");
        await File.WriteAllTextAsync(file,
            $"nip,name,unitId,position,status,supervisorNip\n{_w.S2},Staf Dua,{_w.UnitA},Pelaksana,PNS,{_w.K}\n");
        var importer = new ReferenceImporter(app.Services.GetRequiredService<ReferenceRepository>(),
            app.Services.GetRequiredService<EmployeeAccountStore>());
        Assert.Empty((await importer.ImportAsync(file, default)).Errors);

        await superior.LeftAsync("employee:" + _w.S2, control: "employee:" + _w.B);
        await Eventually.TrueAsync(() => superior.Revoked.Contains("employee:" + _w.S2), "the screen is told", Wait);
        Assert.DoesNotContain("employee:" + _w.B, superior.Revoked);
        Assert.True(await superior.HearsAsync("employee:" + _w.B, "employee:" + _w.B));
        Assert.Equal(HubConnectionState.Connected, superior.Connection.State);
        await Assert.ThrowsAsync<HubException>(() => superior.Connection.InvokeAsync("Subscribe", "employee:" + _w.S2));
    }

    [Fact]
    public async Task ALeaderWhoseRegionGrantIsRemoved_LeavesTheRegionGroup_AndKeepsThePublicOne()
    {
        var region = "region:" + _w.RegionA;
        var shown = "public:" + _w.RegionA;
        await using var board = await ProbedHub.ConnectAsync(app.BaseUri, BoardRegistration.HubPath,
            await SignInAsync("pimpinan"), BoardHubContext, region, shown);
        Assert.True(await board.HearsAsync(region, shown));
        var subs = app.Services.GetRequiredService<BoardSubscriptions>();
        Assert.Equal(1, subs.Count(BoardGroup.Region(_w.RegionA)));

        await app.Services.GetRequiredService<UserStore>().RevokeAsync(_w.Account("pimpinan"), [_w.RegionA], "test:admin");

        await board.LeftAsync(region, control: shown);
        await Eventually.TrueAsync(() => board.Revoked.SequenceEqual([region]), "the screen is told", Wait);
        Assert.Equal(HubConnectionState.Connected, board.Connection.State);
        // The board no longer counts the region as watched by this screen (it renders only what someone watches).
        Assert.Equal(0, subs.Count(BoardGroup.Region(_w.RegionA)));
        await Assert.ThrowsAsync<HubException>(() => board.Connection.InvokeAsync("Subscribe", region));
    }

    [Fact]
    public async Task AnAccountDisabledByAnotherProcess_TheCli_HasItsConnectionHereClosed()
    {
        await using var own = await EmployeeAsync(await SignInAsync("s1"), "employee:" + _w.S1);

        var run = await CliProcess.DllAsync(CliProcess.CreateWorkingFolder("kinerja-live-cli-"),
            ["users", "disable", _w.Account("s1"), $"--ConnectionStrings:Kinerja={app.ConnectionString}"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        await own.Closed.WaitAsync(Wait);
    }

    private async Task<FormSignIn> SignInAsync(string who)
    {
        var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account(who), EmployeeWorld.Password);
        _signIns.Add(signIn);
        return signIn;
    }

    private Task<ProbedHub> EmployeeAsync(FormSignIn signIn, params string[] groups) =>
        ProbedHub.ConnectAsync(app.BaseUri, EmployeeHub.Path, signIn, EmployeeHubContext, groups);
}
