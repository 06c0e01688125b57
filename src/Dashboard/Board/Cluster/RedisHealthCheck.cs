using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>Ready needs Redis when the backplane is on: without it screens on other instances miss pushes.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis, BoardPublisher publisher) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["boardPublisher"] = publisher.IsActive };
        try
        {
            var mux = await redis.GetAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
            var rtt = await mux.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(5), ct);
            data["pingMs"] = Math.Round(rtt.TotalMilliseconds, 1);
            return HealthCheckResult.Healthy(
                publisher.IsActive ? "Redis reachable; this instance is the board publisher." : "Redis reachable.", data);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis unreachable: " + ex.Message, data: data);
        }
    }
}
