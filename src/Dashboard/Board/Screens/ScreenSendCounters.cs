namespace Kinerja.Dashboard.Board.Screens;

/// <summary>
/// What the screens' <c>Indicators</c> and <c>Chart</c> writes did since start (<see cref="ScreenOutbox"/>): written at once, written
/// after waiting for a full connection, held while a previous write waited, and held messages replaced by a newer one
/// before being written (stale figures a slow screen never had to parse). Read by <c>GET /api/v1/board/stats</c>.
/// </summary>
public sealed class ScreenSendCounters
{
    private long _immediate, _waited, _held, _superseded, _waiting, _maxWaiting;

    public void Written(bool waited) => Interlocked.Increment(ref waited ? ref _waited : ref _immediate);

    public void Held(bool replacing)
    {
        Interlocked.Increment(ref _held);
        if (replacing)
        {
            Interlocked.Increment(ref _superseded);
        }
    }

    /// <summary>A write starts (+1) or stops (-1) waiting for its connection's output.</summary>
    public void Waiting(int delta)
    {
        var now = Interlocked.Add(ref _waiting, delta);
        long max;
        while (now > (max = Interlocked.Read(ref _maxWaiting)) && Interlocked.CompareExchange(ref _maxWaiting, now, max) != max)
        {
        }
    }

    public ScreenSendStats Snapshot() => new(Interlocked.Read(ref _immediate), Interlocked.Read(ref _waited),
        Interlocked.Read(ref _held), Interlocked.Read(ref _superseded), Interlocked.Read(ref _waiting),
        Interlocked.Read(ref _maxWaiting));
}

/// <summary>Per-screen <c>Indicators</c> writes since start (see <see cref="ScreenSendCounters"/>).</summary>
/// <param name="Immediate">Written at once (the connection had room).</param>
/// <param name="Waited">Written after waiting for the connection's output to drain.</param>
/// <param name="Held">Held because the screen's previous message was still waiting.</param>
/// <param name="Superseded">Held messages replaced by a newer one, never written.</param>
/// <param name="WaitingNow">Writes waiting for their connection now.</param>
/// <param name="WaitingMax">Most writes waiting at once since start.</param>
public sealed record ScreenSendStats(long Immediate, long Waited, long Held, long Superseded, long WaitingNow, long WaitingMax);
