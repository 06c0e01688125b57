using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Loads <see cref="LiveIndicators"/> at start and checks every <see cref="Tick"/> whether a
/// region's local day rolled over (local midnight), recomputing that region when it did.
/// </summary>
public sealed class LiveIndicatorsService(LiveIndicators live, TimeProvider time, ILogger<LiveIndicatorsService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loaded = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!loaded)
                {
                    await live.LoadAllAsync(stoppingToken);
                    loaded = true;
                }
                else
                {
                    await live.RollOverAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Live indicators pass failed; retrying in {Delay}", Tick);
            }
            try
            {
                await Task.Delay(Tick, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
