using System.Text.RegularExpressions;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Cli;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>The users and sources verbs against a real database, with the audit rows they write.</summary>
public sealed partial class CliTests(TestDatabase db) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await TestData.SeedUnitWithStaffAsync(db.DataSource, "cli-a", "cli-a-dinas", 1);
        await TestData.SeedRegionAsync(db.DataSource, "cli-b");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliCommands.RunAsync([.. args, $"--ConnectionStrings:Kinerja={db.ConnectionString}"], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Users_AddGrantRevokeList_ChangeTheDatabaseAndAreAudited()
    {
        var add = await RunAsync("users", "add", "cli-budi", "--role", "pimpinan", "--name", "Budi", "--region", "cli-a");
        Assert.Equal(0, add.Code);
        var password = PasswordLine().Match(add.Output).Groups[1].Value;
        Assert.True(password.Length >= 16, add.Output + add.Error);
        var store = new UserStore(db.DataSource);
        var user = await store.FindAsync("cli-budi");
        Assert.Equal(AccessRoles.Pimpinan, user!.Role);
        Assert.Equal(["cli-a"], user.Regions);
        Assert.True(Passwords.Verify(user.PasswordHash, password));
        Assert.DoesNotContain(password, user.PasswordHash);

        Assert.Equal(0, (await RunAsync("users", "grant", "cli-budi", "--region", "cli-b")).Code);
        Assert.Equal(["cli-a", "cli-b"], (await store.FindAsync("cli-budi"))!.Regions);
        Assert.Equal(0, (await RunAsync("users", "revoke", "cli-budi", "--region", "cli-a")).Code);
        Assert.Equal(["cli-b"], (await store.FindAsync("cli-budi"))!.Regions);
        var list = await RunAsync("users", "list");
        Assert.Contains("cli-budi", list.Output);
        Assert.Contains("cli-b", list.Output);

        var reset = await RunAsync("users", "password", "cli-budi");
        var newPassword = PasswordLine().Match(reset.Output).Groups[1].Value;
        Assert.True(Passwords.Verify((await store.FindAsync("cli-budi"))!.PasswordHash, newPassword));
        Assert.Equal(0, (await RunAsync("users", "disable", "cli-budi")).Code);
        Assert.True((await store.FindAsync("cli-budi"))!.Disabled);

        var actions = await AuditActionsForAsync("user:cli-budi");
        Assert.Equal([AuditActions.UserAdd, AuditActions.UserGrant, AuditActions.UserGrant, AuditActions.UserRevoke,
            AuditActions.UserPassword, AuditActions.UserDisable], actions);
    }

    [Theory]
    [InlineData("users", "add", "Bad Name", "--role", "sdm")]
    [InlineData("users", "add", "cli-x", "--role", "raja")]
    [InlineData("users", "grant", "cli-nobody", "--region", "cli-a")]
    public async Task Users_InvalidRequests_ExitNonZeroWithAReason(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.NotEqual(0, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task Users_GrantOfAnUnknownRegion_IsRefused()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "cli-sari", "--role", "pimpinan")).Code);
        var result = await RunAsync("users", "grant", "cli-sari", "--region", "nowhere");
        Assert.Equal(1, result.Code);
        Assert.Contains("Unknown region", result.Error);
    }

    [Fact]
    public async Task Sources_AddPrintsAWorkingKeyOnce_RevokeStopsIt_BothAudited()
    {
        var add = await RunAsync("sources", "add", "--name", "cli-simpeg", "--scope", "region:cli-a", "--scope", "unit:cli-a-dinas");
        Assert.Equal(0, add.Code);
        var key = KeyLine().Match(add.Output).Groups[1].Value;
        var store = new SourceStore(db.DataSource);
        var source = await store.FindByKeyAsync(key);
        Assert.Equal(["region:cli-a", "unit:cli-a-dinas"], source!.Scope);
        var list = await RunAsync("sources", "list");
        Assert.Contains("cli-simpeg", list.Output);
        Assert.DoesNotContain(key, list.Output);
        Assert.Contains(source.KeyPrefix, list.Output);

        Assert.Equal(0, (await RunAsync("sources", "revoke", "--name", "cli-simpeg")).Code);
        Assert.Null(await store.FindByKeyAsync(key));
        Assert.Equal(1, (await RunAsync("sources", "revoke", "--name", "cli-simpeg")).Code);
        Assert.Equal([AuditActions.SourceAdd, AuditActions.SourceRevoke], await AuditActionsForAsync("source:cli-simpeg"));
    }

    [Theory]
    [InlineData("region:nowhere")]
    [InlineData("kota:cli-a")]
    [InlineData("region:CLI-A")]
    public async Task Sources_WithABadScope_AreRefused(string scope)
    {
        var result = await RunAsync("sources", "add", "--name", "cli-bad-" + Math.Abs(scope.GetHashCode() % 1000), "--scope", scope);
        Assert.Equal(1, result.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    private async Task<List<string>> AuditActionsForAsync(string target)
    {
        var rows = await new AuditReader(db.DataSource).ReadAsync(new AuditFilter(), default);
        return rows.Where(r => r.Target == target).OrderBy(r => r.Id).Select(r => r.Action).ToList();
    }

    [GeneratedRegex(@"Password \(shown once\): (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"API key \(shown once\): (\S+)")]
    private static partial Regex KeyLine();
}
