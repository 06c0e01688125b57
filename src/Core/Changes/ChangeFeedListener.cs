using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kinerja.Core.Changes;

/// <summary>
/// Holds one connection that <c>LISTEN</c>s on every registered handler's channel, parses each notification once
/// (<see cref="ChangeMessages"/>) and dispatches the typed message. Reconnects with backoff when PostgreSQL goes
/// away and asks handlers to resync.
/// </summary>
public sealed class ChangeFeedListener(
    NpgsqlDataSource db,
    IEnumerable<IChangeHandler> handlers,
    ILogger<ChangeFeedListener> logger) : BackgroundService
{
    private readonly ILookup<string, IChangeHandler> _byChannel = handlers.ToLookup(h => h.Channel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_byChannel.Count == 0)
        {
            return;
        }
        var delay = TimeSpan.FromMilliseconds(200);
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                foreach (var channel in _byChannel.Select(g => g.Key))
                {
                    await using var listen = new NpgsqlCommand($"listen {channel}", conn);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                var pending = new List<NpgsqlNotificationEventArgs>();
                conn.Notification += (_, e) => pending.Add(e);
                if (!first)
                {
                    await ResyncAllAsync(stoppingToken);
                }
                first = false;
                delay = TimeSpan.FromMilliseconds(200);
                logger.LogDebug("Listening on {Channels}", string.Join(", ", _byChannel.Select(g => g.Key)));
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                    foreach (var n in pending)
                    {
                        await DispatchAsync(n.Channel, n.Payload, stoppingToken);
                    }
                    pending.Clear();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Change feed connection lost ({Reason}); reconnecting in {Delay}", ex.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private async Task DispatchAsync(string channel, string payload, CancellationToken ct)
    {
        if (ChangeMessages.TryParse(channel, payload) is not { } message)
        {
            logger.LogWarning("Ignoring a malformed {Channel} payload of {Length} characters", channel, payload.Length);
            return;
        }
        foreach (var handler in _byChannel[channel])
        {
            try
            {
                await handler.HandleAsync(message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Change handler {Handler} failed on {Channel}", handler.GetType().Name, channel);
            }
        }
    }

    private async Task ResyncAllAsync(CancellationToken ct)
    {
        foreach (var handler in _byChannel.SelectMany(g => g))
        {
            try
            {
                await handler.ResyncAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Change handler {Handler} failed to resync", handler.GetType().Name);
            }
        }
    }
}
