namespace Kinerja.Dashboard.Board;

/// <summary>
/// Numbers a region's group sends so a screen that just joined can tell which of them reach it: a send numbered after
/// the <see cref="Mark"/> taken once the screen's join completed goes to the group with the screen in it, so its
/// subscribe-time state need not repeat that send (and a send numbered before it may have missed the screen).
/// </summary>
public sealed class PushSequence
{
    private long _last;

    /// <summary>The number of the next group send (taken before the send, after deciding to make it).</summary>
    public long Next() => Interlocked.Increment(ref _last);

    /// <summary>The number of the latest send so far.</summary>
    public long Mark() => Interlocked.Read(ref _last);
}
