using Kinerja.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Kinerja.Dashboard.Tests.Infrastructure;

/// <summary>
/// The real server (Program) on a database of its own in the test cluster; demo seeding and simulation off
/// unless a test class turns them on. Use as <c>IClassFixture&lt;KinerjaAppFactory&gt;</c>. Authenticated clients:
/// <c>await app.ClientAsAsync("admin")</c>, <c>await app.ClientAsAsync("pimpinan", "region-a")</c> (Access/AccessClients.cs).
/// </summary>
public class KinerjaAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Whether the test-only header sign-in is added (off: the host exactly as production runs it).</summary>
    protected virtual bool TestSignIn => true;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestCluster.CreateDatabaseAsync(GetType().Name);
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Kinerja", ConnectionString);
        builder.UseSetting("Kinerja:Demo:Seed", "false");
        builder.UseSetting("Kinerja:Demo:Simulate", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // Test-only header sign-in (X-Kinerja-Test-User: username), added here only; see Access/AccessClients.cs.
        if (TestSignIn)
        {
            builder.ConfigureTestServices(services => services.AddTestUserSignIn());
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await DataSource.DisposeAsync();
        await TestCluster.DropDatabaseAsync(ConnectionString);
    }
}
