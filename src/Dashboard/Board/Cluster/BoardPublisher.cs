namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// Whether this instance sends group messages. One instance (no <c>Kinerja:Redis</c>): always. With the
/// Redis backplane a group message from any instance reaches the screens of every instance, so exactly
/// one instance — the holder of the <see cref="BoardPublisherLease"/> — runs the coalescing loops,
/// renders the charts and pushes; the others only serve connections (subscribe-time snapshots, chart URLs).
/// </summary>
public sealed class BoardPublisher
{
    private volatile bool _active;

    private BoardPublisher(bool clustered, bool active)
    {
        Clustered = clustered;
        _active = active;
    }

    /// <summary>A single instance: always the publisher.</summary>
    public static BoardPublisher Standalone() => new(clustered: false, active: true);

    /// <summary>One of several instances: the publisher only while holding the lease.</summary>
    public static BoardPublisher ForCluster() => new(clustered: true, active: false);

    /// <summary>True when several instances share a Redis backplane.</summary>
    public bool Clustered { get; }

    /// <summary>True while this instance sends group messages.</summary>
    public bool IsActive => _active;

    internal void Set(bool active) => _active = active;
}
