using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kinerja.Ingest.Partitions;

/// <summary>Runs <see cref="PartitionMaintenance"/> at start and then every <see cref="PartitionOptions.Interval"/>.</summary>
internal sealed class PartitionMaintenanceService(PartitionMaintenance maintenance, IOptions<PartitionOptions> options,
    TimeProvider time, ILogger<PartitionMaintenanceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await maintenance.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // a busy table (lock timeout) or PostgreSQL away: the next run tries again; the writer
                // creates a month it needs on demand meanwhile
                logger.LogWarning(ex, "Stream partition maintenance failed; retrying in {Interval}", options.Value.Interval);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
