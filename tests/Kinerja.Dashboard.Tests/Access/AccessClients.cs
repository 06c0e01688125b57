using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Kinerja.Dashboard.Access;
using Kinerja.Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Dashboard.Tests.Access;

/// <summary>
/// Authenticated clients for tests: real users in the test database, signed in through the test-only header scheme
/// (same claims as a cookie sign-in), and real ingest sources with API keys.
/// </summary>
public static class AccessClients
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();

    /// <summary>A client signed in as a user of <paramref name="role"/> granted <paramref name="regions"/> (created once per factory).</summary>
    public static async Task<HttpClient> ClientAsAsync(this KinerjaAppFactory app, string role, params string[] regions)
    {
        var name = await UserAsync(app, role, regions);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestUserHandler.Header, name);
        return client;
    }

    /// <summary>Creates (once) a user for the role and regions; returns the user name.</summary>
    public static async Task<string> UserAsync(this KinerjaAppFactory app, string role, params string[] regions)
    {
        var name = $"t-{role}-{string.Join("-", regions.Order())}".TrimEnd('-');
        name = name.Length > 60 ? name[..60] : name;
        var gate = Locks.GetOrAdd(app.ConnectionString + name, _ => new SemaphoreSlim(1));
        await gate.WaitAsync();
        try
        {
            var users = app.Services.GetRequiredService<UserStore>();
            if (await users.FindAsync(name) is null)
            {
                await users.AddAsync(name, role, "Uji " + role, Passwords.Hash("rahasia-uji-123"), "test");
                if (regions.Length > 0)
                {
                    await users.GrantAsync(name, regions, "test");
                }
            }
            return name;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Creates a source with the given scope; returns its key.</summary>
    public static async Task<string> SourceKeyAsync(this KinerjaAppFactory app, string name, params string[] scope) =>
        (await app.Services.GetRequiredService<SourceStore>().AddAsync(name, scope, "test")).Key;

    /// <summary>A client with a new source key scoped to every region in the database now (for tests that ingest).</summary>
    public static async Task<HttpClient> IngestClientAsync(this KinerjaAppFactory app)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("select 'region:' || id from region", conn);
        var scope = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                scope.Add(reader.GetString(0));
            }
        }
        return app.ClientWithKey(await app.SourceKeyAsync("t-ingest-" + Guid.NewGuid().ToString("N")[..10], [.. scope]));
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token.</summary>
    public static HttpClient ClientWithKey(this KinerjaAppFactory app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
