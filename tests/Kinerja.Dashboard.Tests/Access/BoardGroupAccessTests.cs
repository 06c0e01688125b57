using System.Security.Claims;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Kinerja.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>Hub group checks (for the board hub's Subscribe) and the resource-based region check.</summary>
public sealed class BoardGroupAccessTests(KinerjaAppFactory app) : IClassFixture<KinerjaAppFactory>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await TestData.SeedUnitWithStaffAsync(app.DataSource, "grp-a", "grp-a-dinas", 1);
        await TestData.SeedUnitWithStaffAsync(app.DataSource, "grp-b", "grp-b-dinas", 1, nipOffset: 300);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ClaimsPrincipal> AsAsync(string role, params string[] regions)
    {
        var name = await app.UserAsync(role, regions);
        var user = await app.Services.GetRequiredService<UserStore>().FindAsync(name);
        return UserPrincipal.Create(user!, "test");
    }

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    private static ClaimsPrincipal Source => new(new ClaimsIdentity(
        [new Claim(AccessClaims.SourceId, "1"), new Claim(AccessClaims.Scope, "region:grp-a")], "key"));

    [Theory]
    [InlineData("public:grp-a", true)]
    [InlineData("public:grp-b", true)]
    [InlineData("region:grp-a", true)]
    [InlineData("unit:grp-a-dinas", true)]
    [InlineData("region:grp-b", false)]
    [InlineData("unit:grp-b-dinas", false)]
    [InlineData("unit:nowhere", false)]
    [InlineData("admin:all", false)]
    [InlineData("region:GRP-A", false)]
    [InlineData("", false)]
    public async Task Pimpinan_OfRegionA(string group, bool allowed)
    {
        var access = app.Services.GetRequiredService<BoardGroupAccess>();
        Assert.Equal(allowed, await access.CanJoinAsync(await AsAsync(AccessRoles.Pimpinan, "grp-a"), group));
    }

    [Theory]
    [InlineData("public:grp-a", true)]
    [InlineData("region:grp-a", false)]
    [InlineData("unit:grp-a-dinas", false)]
    public async Task AnonymousAndSources_OnlyPublicGroups(string group, bool allowed)
    {
        var access = app.Services.GetRequiredService<BoardGroupAccess>();
        Assert.Equal(allowed, await access.CanJoinAsync(Anonymous, group));
        Assert.Equal(allowed, await access.CanJoinAsync(Source, group));
        Assert.Equal(allowed, await access.CanJoinAsync(null, group));
    }

    [Theory]
    [InlineData(AccessRoles.Sdm)]
    [InlineData(AccessRoles.Admin)]
    public async Task SdmAndAdmin_JoinEveryRegion(string role)
    {
        var access = app.Services.GetRequiredService<BoardGroupAccess>();
        var user = await AsAsync(role);
        Assert.True(await access.CanJoinAsync(user, "region:grp-b"));
        Assert.True(await access.CanJoinAsync(user, "unit:grp-a-dinas"));
    }

    [Fact]
    public async Task ResourceBasedCheck_WithTheReadRegionPolicy()
    {
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        var user = await AsAsync(AccessRoles.Pimpinan, "grp-a");
        Assert.True((await authorization.AuthorizeAsync(user, new RegionResource("grp-a"), Policies.ReadRegion)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(user, new RegionResource("grp-b"), Policies.ReadRegion)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(Anonymous, new RegionResource("grp-a"), Policies.ReadRegion)).Succeeded);
    }

    [Fact]
    public async Task StalePrincipal_AfterAPasswordReset_IsRefused()
    {
        var name = await app.UserAsync(AccessRoles.Sdm, "grp-a");
        var user = UserPrincipal.Create((await app.Services.GetRequiredService<UserStore>().FindAsync(name))!, "test");
        var access = app.Services.GetRequiredService<BoardGroupAccess>();
        Assert.True(await access.CanJoinAsync(user, "region:grp-b"));
        await app.Services.GetRequiredService<UserStore>().SetPasswordAsync(name, Passwords.Hash("baru-sekali-123"), "test");
        await EndpointPolicyTests.WaitUntilAsync(async () => !await access.CanJoinAsync(user, "region:grp-b"));
    }
}
