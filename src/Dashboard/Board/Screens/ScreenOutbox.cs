using Microsoft.AspNetCore.SignalR;

namespace Kinerja.Dashboard.Board.Screens;

/// <summary>
/// One screen's board messages that only their latest version matters for: each group's <c>Indicators</c> (the whole
/// figures of the group, with version and "as of") and each chart of a group (<c>Chart</c>, the whole SVG of that
/// version). A message is written to the connection at once when nothing of this outbox is being written; while a
/// write waits (the connection's output is full: a slow screen or a saturated network) new messages are held, one per
/// key, a newer one replacing the held one, and when the write completes the held <c>Indicators</c> go before the held
/// <c>Chart</c>s (oldest key first). So a slow screen gets the latest figures as soon as it can take them, not a queue of
/// stale ones behind a chart backlog, and never a chart version that a newer one replaced; a fast screen gets every
/// message as before.
/// </summary>
public sealed class ScreenOutbox(HubConnectionContext connection, ScreenSendCounters counters)
{
    private readonly Lock _lock = new();
    private readonly List<(string Key, SerializedHubMessage Message)> _indicators = [];
    private readonly List<(string Key, SerializedHubMessage Message)> _charts = [];
    private bool _writing, _closed;

    /// <summary>The key of a group's <c>Indicators</c>.</summary>
    public static string IndicatorsKey(string group) => group;

    /// <summary>The key of one chart of a group.</summary>
    public static string ChartKey(string group, string chartId) => group + "\n" + chartId;

    /// <summary>Writes <paramref name="message"/> now, or holds it (replacing the held one of <paramref name="key"/>).</summary>
    /// <param name="chart">True for a <c>Chart</c> (held ones go after every held <c>Indicators</c>).</param>
    public void Post(string key, SerializedHubMessage message, bool chart)
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            if (_writing)
            {
                var held = chart ? _charts : _indicators;
                var at = held.FindIndex(h => h.Key == key);
                counters.Held(replacing: at >= 0);
                if (at >= 0)
                {
                    held[at] = (key, message);
                }
                else
                {
                    held.Add((key, message));
                }
                return;
            }
            _writing = true;
        }
        _ = WriteAsync(message);
    }

    /// <summary>The screen left <paramref name="group"/>: what is held for it is dropped.</summary>
    public void Leave(string group)
    {
        var prefix = ChartKey(group, "");
        lock (_lock)
        {
            _indicators.RemoveAll(h => h.Key == group);
            _charts.RemoveAll(h => h.Key.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    /// <summary>The screen disconnected: everything held is dropped, nothing more is written.</summary>
    public void Close()
    {
        lock (_lock)
        {
            _closed = true;
            _indicators.Clear();
            _charts.Clear();
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
            catch (Exception)
            {
                // SignalR logs a failed write and aborts the connection itself; whatever the failure, nothing held is
                // worth writing any more, and the outbox must not stay "writing" (it would never write again).
                Close();
            }
            lock (_lock)
            {
                var held = _indicators.Count > 0 ? _indicators : _charts;
                if (_closed || held.Count == 0)
                {
                    _writing = false;
                    return;
                }
                message = held[0].Message;
                held.RemoveAt(0);
            }
        }
    }
}
