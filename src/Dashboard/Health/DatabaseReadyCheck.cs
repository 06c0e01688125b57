using Kinerja.Core.Database;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Kinerja.Dashboard.Health;

/// <summary>Ready = PostgreSQL answers and every migration this build carries is applied.</summary>
internal sealed class DatabaseReadyCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var pending = await MigrationRunner.PendingAsync(db, ct);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending: {string.Join(", ", pending)}");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + ex.Message);
        }
    }
}
