using Kinerja.Core.Database;
using Npgsql;

namespace Kinerja.Rules.Live;

/// <summary>
/// Leadership among rules processes: the holder of this <see cref="AdvisoryLease"/> is the one process that
/// evaluates changes, so two rules processes never both act on the same change. Losing the connection loses the
/// lease and another process takes over.
/// </summary>
public sealed class EvaluatorLease(NpgsqlDataSource db) : AdvisoryLease(db, Key)
{
    // Not the publish lock's key ("KRULES", WorkflowStore): holding this lease must never block a publish.
    internal const long Key = 0x4b524c454153; // "KRLEAS"
}
