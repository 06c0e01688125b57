using Kinerja.Dashboard.Employees;
using Kinerja.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Access.Live;

/// <summary>The server of <see cref="LiveAccessTimerTests"/>: every open connection re-checked each second, users not cached.</summary>
public sealed class QuickRecheckServerFactory : EmployeeServerFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Kinerja:Access:LiveRecheckInterval"] = "00:00:01",
        ["Kinerja:Access:CacheLifetime"] = "00:00:00",
    };
}

/// <summary>
/// The safety net of <c>Kinerja:Access:LiveRecheckInterval</c>: an account disabled with no notification at all (a lost
/// NOTIFY, a change made by hand in the database) still has its open connection closed at the next tick.
/// </summary>
public sealed class LiveAccessTimerTests(QuickRecheckServerFactory app) : IClassFixture<QuickRecheckServerFactory>, IAsyncLifetime
{
    private EmployeeWorld _w = null!;

    public async Task InitializeAsync()
    {
        _ = app.BaseUri;
        _w = await EmployeeWorld.SeedAsync(app.DataSource, app.Services, "ht", 8800);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task AnAccountDisabledWithoutANotification_HasItsConnectionClosedAtTheNextTick()
    {
        using var signIn = await FormSignIn.SignInAsync(app.BaseUri, _w.Account("s2"), EmployeeWorld.Password);
        await using var own = await ProbedHub.ConnectAsync(app.BaseUri, EmployeeHub.Path, signIn,
            app.Services.GetRequiredService<IHubContext<EmployeeHub>>().Clients, "employee:" + _w.S2);
        Assert.True(await own.HearsAsync("employee:" + _w.S2, "employee:" + _w.S2));

        await using (var conn = await app.DataSource.OpenConnectionAsync())
        await using (var disable = new NpgsqlCommand(
            "update app_user set disabled_at = now(), security_stamp = gen_random_uuid() where username = $1", conn))
        {
            disable.Parameters.AddWithValue(_w.Account("s2"));
            Assert.Equal(1, await disable.ExecuteNonQueryAsync());
        }

        await own.Closed.WaitAsync(TimeSpan.FromSeconds(15));
    }
}
