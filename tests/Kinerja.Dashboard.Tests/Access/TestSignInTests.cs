using System.Net;
using Kinerja.Dashboard.Tests.Hosting;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// The test-only header sign-in lives in the test projects: the production host ships no such scheme, ignores the
/// header, and refuses to start when the configuration still asks for the old switch.
/// </summary>
public sealed class TestSignInTests(TestSignInTests.ProductionSignInApp app) : IClassFixture<TestSignInTests.ProductionSignInApp>
{
    [Fact]
    public void ProductionAssembly_ShipsNoTestSignIn()
    {
        var testTypes = typeof(Program).Assembly.GetTypes().Where(t => t.Name.Contains("TestUser", StringComparison.Ordinal))
            .Select(t => t.FullName).ToList();
        Assert.Empty(testTypes);
    }

    [Fact]
    public async Task ProductionHost_IgnoresTheTestHeader()
    {
        var admin = await app.UserAsync(Dashboard.Access.AccessRoles.Admin);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, admin);
        using var response = await client.GetAsync("/api/v1/audit");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ProductionHost_WithTheOldTestSwitch_RefusesToStart()
    {
        // the built server as a process in Development (where the old switch used to work), as a developer would start it
        var settings = DatabaseStartupFailureTests.Settings(app.ConnectionString, timeout: "10");
        settings["Kinerja:Access:TestAuthentication"] = "true";
        var exit = await ServerProcess.RunAsync(settings, TimeSpan.FromSeconds(60), "--environment=Development");

        StartupFailureAssert.OneClearLine(exit, StartupFailureAssert.Configuration,
            "Kinerja:Access:TestAuthentication is not a setting of the server");
    }

    /// <summary>The host as production runs it (no test sign-in added).</summary>
    public sealed class ProductionSignInApp : KinerjaAppFactory
    {
        protected override bool TestSignIn => false;
    }
}
