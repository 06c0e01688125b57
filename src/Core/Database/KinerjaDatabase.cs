using Kinerja.Core.Changes;
using Kinerja.Core.Database.Embedded;
using Kinerja.Core.Startup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>Where the database came from: an embedded cluster we started, or a configured server.</summary>
public sealed record DatabaseInfo(bool Embedded, string ConnectionString)
{
    /// <summary>The connection string without the password, for logs and screens.</summary>
    public string Display => new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString;
}

public static class KinerjaDatabase
{
    public const string ConnectionStringName = "Kinerja";

    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/>. With no <c>ConnectionStrings:Kinerja</c>, starts
    /// the embedded cluster first (and stops it when the host stops); with one, never starts a cluster.
    /// </summary>
    public static async Task<DatabaseInfo> AddKinerjaDatabaseAsync(this IHostApplicationBuilder builder,
        CancellationToken ct = default)
    {
        StartupOptions.From(builder.Configuration); // a bad timeout is reported before anything starts
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        var embedded = string.IsNullOrWhiteSpace(connectionString);
        if (!embedded)
        {
            DatabaseTarget.Of(connectionString!); // a malformed string fails here, naming the key
        }
        if (embedded)
        {
            var options = builder.Configuration.GetSection(EmbeddedPostgresOptions.Section).Get<EmbeddedPostgresOptions>()
                          ?? new EmbeddedPostgresOptions();
            // The host's Logging settings (levels, stderr threshold) apply before the host exists, too.
            using var bootLogs = LoggerFactory.Create(l => l
                .AddConfiguration(builder.Configuration.GetSection("Logging"))
                .AddSimpleConsole(o => o.SingleLine = true));
            var cluster = new EmbeddedPostgres(options, bootLogs.CreateLogger<EmbeddedPostgres>());
            await cluster.StartAsync(ct);
            connectionString = cluster.ConnectionString;
            builder.Configuration[$"ConnectionStrings:{ConnectionStringName}"] = connectionString;
            builder.Services.AddSingleton(cluster);
            builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        }
        var info = new DatabaseInfo(embedded, connectionString!);
        builder.Services.AddSingleton(info);
        builder.Services.AddSingleton(sp => new NpgsqlDataSourceBuilder(info.ConnectionString)
            .UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>())
            .Build());
        builder.Services.AddHostedService<ChangeFeedListener>();
        return info;
    }

    /// <summary>
    /// Waits for the server (<c>Kinerja:Startup:Timeout</c>, see <see cref="DatabaseWaiter"/>), then applies
    /// pending migrations under an advisory lock (<c>Kinerja:Startup:MigrationLockTimeout</c>). Failures to
    /// reach or use the server are <see cref="StartupFailedException"/>s with one line for the operator.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateKinerjaDatabaseAsync(this IServiceProvider services,
        CancellationToken ct = default)
    {
        var startup = StartupOptions.From(services.GetRequiredService<IConfiguration>());
        var connectionString = services.GetRequiredService<DatabaseInfo>().ConnectionString;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        await DatabaseWaiter.WaitAsync(connectionString, startup.Timeout, loggers.CreateLogger(typeof(DatabaseWaiter)), ct);
        return await MigrationRunner.MigrateAsync(connectionString, loggers.CreateLogger(typeof(MigrationRunner)),
            startup.MigrationLockTimeout, ct);
    }
}

/// <summary>Stops the embedded cluster when the host stops (after everything else).</summary>
internal sealed class EmbeddedPostgresLifetime(EmbeddedPostgres cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync(CancellationToken.None);
}
