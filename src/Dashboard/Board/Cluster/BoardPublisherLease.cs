using Kinerja.Core.Database;
using Npgsql;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// The "board publisher" lease among dashboard instances (an <see cref="AdvisoryLease"/>): a dead instance
/// releases it at once and another takes over at its next attempt.
/// </summary>
public sealed class BoardPublisherLease(NpgsqlDataSource db) : AdvisoryLease(db, Key)
{
    // Distinct from the rules lease ("KRLEAS") and the publish lock ("KRULES").
    internal const long Key = 0x4b42505542; // "KBPUB"
}
