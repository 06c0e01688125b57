using Kinerja.Core.Changes;
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
    /// Registers the one <see cref="NpgsqlDataSource"/> on <c>ConnectionStrings:Kinerja</c>, which must be set (the
    /// host's <c>AddKinerjaDatabaseAsync</c> in Kinerja.Embedded sets it after starting the embedded cluster when it
    /// is not), and the change-feed listener. <paramref name="embedded"/> records where the database came from.
    /// </summary>
    public static DatabaseInfo AddKinerjaDatabase(this IHostApplicationBuilder builder, bool embedded = false)
    {
        StartupOptions.From(builder.Configuration); // a bad timeout is reported before anything starts
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set; start the embedded cluster first (Kinerja.Embedded).");
        }
        DatabaseTarget.Of(connectionString); // a malformed string fails here, naming the key
        var info = new DatabaseInfo(embedded, connectionString);
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
