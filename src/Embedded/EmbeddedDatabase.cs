using Kinerja.Core.Database;
using Kinerja.Core.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinerja.Embedded;

public static class EmbeddedDatabase
{
    /// <summary>
    /// Registers the one <c>NpgsqlDataSource</c> (<see cref="KinerjaDatabase.AddKinerjaDatabase"/>). With no
    /// <c>ConnectionStrings:Kinerja</c>, starts the embedded cluster first (and stops it when the host stops); with
    /// one, never starts a cluster.
    /// </summary>
    public static async Task<DatabaseInfo> AddKinerjaDatabaseAsync(this IHostApplicationBuilder builder,
        CancellationToken ct = default)
    {
        StartupOptions.From(builder.Configuration); // a bad timeout is reported before anything starts
        var connectionString = builder.Configuration.GetConnectionString(KinerjaDatabase.ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return builder.AddKinerjaDatabase(embedded: false);
        }
        var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>()
                      ?? new EmbeddedPostgresOptions();
        // The host's Logging settings (levels, stderr threshold) apply before the host exists, too.
        using var bootLogs = LoggerFactory.Create(l => l
            .AddConfiguration(builder.Configuration.GetSection("Logging"))
            .AddSimpleConsole(o => o.SingleLine = true));
        var cluster = new EmbeddedPostgres(options, bootLogs.CreateLogger<EmbeddedPostgres>());
        await cluster.StartAsync(ct);
        builder.Configuration[$"ConnectionStrings:{KinerjaDatabase.ConnectionStringName}"] = cluster.ConnectionString;
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        return builder.AddKinerjaDatabase(embedded: true);
    }
}

/// <summary>Stops the embedded cluster when the host stops (after everything else).</summary>
internal sealed class EmbeddedPostgresLifetime(EmbeddedPostgres cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync(CancellationToken.None);
}
