using System.Text.Json;
using Kinerja.Core.Changes;
using Npgsql;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// The board's own <c>LISTEN kinerja_events</c> connection. The shared change-feed listener runs its
/// handlers one notification at a time, so a slow consumer there (a full indicator recompute)
/// would delay the screens; here a notification only marks the named regions dirty, and the
/// region loops coalesce and read the committed figures themselves.
/// </summary>
public sealed class BoardChangeListener(NpgsqlDataSource db, BoardRegistry boards, BoardSubscriptions subs,
    ILogger<BoardChangeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await db.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"listen {ChangeChannels.Events}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                // Anything may have changed while we were away.
                foreach (var region in subs.WatchedRegions())
                {
                    boards.Get(region).MarkDirty();
                }
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                logger.LogWarning("Board change listener lost its connection ({Reason}); retrying in {Delay}", ex.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
            }
        }
    }

    private void OnNotification(string payload)
    {
        try
        {
            using var doc = JsonDocument.Parse(payload);
            if (!doc.RootElement.TryGetProperty("regions", out var regions) || regions.ValueKind != JsonValueKind.Array)
            {
                return;
            }
            foreach (var r in regions.EnumerateArray())
            {
                if (r.GetString() is { } id && (boards.TryGet(id, out var board) || subs.WatchedRegions().Contains(id)))
                {
                    (board ?? boards.Get(id)).MarkDirty();
                }
            }
        }
        catch (JsonException)
        {
            logger.LogWarning("Ignoring a malformed {Channel} payload of {Length} characters", ChangeChannels.Events, payload.Length);
        }
    }
}
