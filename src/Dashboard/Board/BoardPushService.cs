using Kinerja.Core.Indicators.Live;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Feeds the boards: every <see cref="IndicatorsChanged"/> of <see cref="LiveIndicators"/> marks its
/// region dirty (the region's loop coalesces and pushes) and again just after the feed went quiet
/// (when the figures become complete as of "now"), and every watched region is refreshed at least
/// every <see cref="BoardOptions.RefreshSeconds"/> so screens can tell live from stale data.
/// </summary>
public sealed class BoardPushService(
    LiveIndicators live,
    BoardRegistry boards,
    BoardSubscriptions subs,
    IOptions<BoardOptions> options,
    TimeProvider time,
    ILogger<BoardPushService> logger) : BackgroundService
{
    private static readonly TimeSpan SettleMargin = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), RefreshAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        var changes = live.Subscribe(ct);
        try
        {
            await foreach (var change in changes.ReadAllAsync(ct))
            {
                if (subs.WatchedRegions().Contains(change.RegionId) || boards.TryGet(change.RegionId, out _))
                {
                    var board = boards.Get(change.RegionId);
                    board.MarkDirty();
                    // Once the feed has been quiet for a moment the figures are complete as of "now": one more
                    // flush then tells the screens (pushed although the version is the same, since "as of"
                    // advanced), instead of waiting for the next refresh tick.
                    _ = Task.Delay(LiveIndicators.QuietBeforeNow + SettleMargin, time, ct)
                        .ContinueWith(_ => board.MarkSettled(), CancellationToken.None, TaskContinuationOptions.NotOnCanceled,
                            TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board change listener stopped");
        }
    }

    private async Task RefreshAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RefreshSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                foreach (var region in subs.WatchedRegions())
                {
                    boards.Get(region).MarkRefresh();
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }
}
