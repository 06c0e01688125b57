using Kinerja.Core.Startup;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Database;

/// <summary>
/// Waits at start-up until PostgreSQL accepts a connection (<see cref="StartupRetry"/>): a database that
/// starts later than this process (containers) is waited for; a wrong password or a missing database
/// ends the start at once with one line naming host, port, database, user and the reason.
/// </summary>
public static class DatabaseWaiter
{
    public static Task WaitAsync(string connectionString, TimeSpan timeout, ILogger logger, CancellationToken ct = default)
    {
        var target = DatabaseTarget.Of(connectionString);
        return StartupRetry.RunAsync($"cannot connect to {target}", async (budget, token) =>
        {
            var probe = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Pooling = false,
                Timeout = (int)Math.Clamp(Math.Ceiling(budget.TotalSeconds), 1, 15),
            };
            await using var conn = new NpgsqlConnection(probe.ConnectionString);
            await conn.OpenAsync(token);
            await using var ping = new NpgsqlCommand("select 1", conn);
            await ping.ExecuteScalarAsync(token);
        }, ex => PostgresFailures.Classify(ex, target), timeout, logger, ct);
    }
}
