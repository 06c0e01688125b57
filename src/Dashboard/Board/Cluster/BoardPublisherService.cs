using Npgsql;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// Holds or waits for the <see cref="BoardPublisherLease"/> (clustered instances only): checks every
/// <see cref="Interval"/>, so when the publisher dies another instance takes over within seconds and
/// re-reads every watched region (charts included) before pushing.
/// </summary>
public sealed class BoardPublisherService(BoardPublisherLease lease, BoardPublisher publisher, BoardRegistry boards,
    BoardSubscriptions subs, ILogger<BoardPublisherService> logger) : BackgroundService
{
    /// <summary>How often the lease is confirmed or tried.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            bool held;
            try
            {
                held = await lease.TryAcquireAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Board publisher lease check failed ({Reason}); this instance does not push", ex.Message);
                held = false;
            }
            if (held != publisher.IsActive)
            {
                if (held)
                {
                    logger.LogInformation("This instance is now the board publisher: it pushes to every instance's screens");
                }
                else
                {
                    logger.LogWarning("This instance lost the board publisher lease; it stops pushing");
                }
                publisher.Set(held);
                if (held)
                {
                    foreach (var region in subs.WatchedRegions())
                    {
                        boards.Get(region).MarkChartsDirty();
                    }
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
        publisher.Set(false);
        await lease.ReleaseAsync();
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
