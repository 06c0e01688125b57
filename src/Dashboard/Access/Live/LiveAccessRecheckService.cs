using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access.Live;

/// <summary>
/// Runs the re-checks <see cref="LiveAccessRechecks"/> queues as soon as they are asked for, and re-checks every open
/// connection each <see cref="AccessOptions.LiveRecheckInterval"/> (the safety net for a lost notification, and for
/// the cache lifetime when a change was made without one).
/// </summary>
public sealed class LiveAccessRecheckService(LiveAccessRechecks rechecks, IOptions<AccessOptions> options,
    ILogger<LiveAccessRecheckService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.LiveRecheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            tick.CancelAfter(interval);
            var requested = await rechecks.WaitAsync(tick.Token);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await (requested ? rechecks.RunRequestedAsync(stoppingToken) : rechecks.RunAllAsync(stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Re-checking the access of live hub connections failed; trying again at the next change or tick");
            }
        }
    }
}
