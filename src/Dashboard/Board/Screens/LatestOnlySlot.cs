using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Board.Screens;

/// <summary>
/// One screen's <c>Indicators</c> messages of one group, latest only: a message is written to the connection at once
/// when the screen's previous one has been written; while that write is still waiting (the connection's output is
/// full: a slow screen or a saturated network), a new message is held, and a newer one replaces the held one. So a
/// slow screen receives the latest figures as soon as it can take them instead of a queue of stale ones behind its
/// backlog, and a fast screen receives every message as before. Each message carries the whole figures of the group
/// (<see cref="IndicatorsPayload"/> with its version and "as of"), so nothing a screen shows depends on one it skipped.
/// </summary>
public sealed class LatestOnlySlot(HubConnectionContext connection, ScreenSendCounters counters)
{
    private readonly Lock _lock = new();
    private bool _writing, _closed;
    private SerializedHubMessage? _held;

    /// <summary>Writes <paramref name="message"/> now, or holds it (replacing a held one) while the previous write waits.</summary>
    public void Post(SerializedHubMessage message)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            if (_writing)
            {
                counters.Held(replacing: _held is not null);
                _held = message;
                return;
            }
            _writing = true;
        }
        _ = WriteAsync(message);
    }

    /// <summary>The screen left the group (or disconnected): a held message is dropped, nothing more is written.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _held = null;
        }
    }

    private async Task WriteAsync(SerializedHubMessage message)
    {
        while (true)
        {
            try
            {
                var write = connection.WriteAsync(message);
                if (write.IsCompletedSuccessfully)
                {
                    counters.Written(waited: false);
                }
                else
                {
                    counters.Waiting(+1);
                    try
                    {
                        await write;
                    }
                    finally
                    {
                        counters.Waiting(-1);
                    }
                    counters.Written(waited: true);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException
                                           or InvalidOperationException)
            {
                // The connection is closing: SignalR ends it; nothing held is worth writing any more.
                Close();
            }
            lock (_lock)
            {
                if (_closed || _held is null)
                {
                    _writing = false;
                    _held = null;
                    return;
                }
                (message, _held) = (_held, null);
            }
        }
    }
}
