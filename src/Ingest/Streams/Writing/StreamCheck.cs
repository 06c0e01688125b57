using Kinerja.Ingest.Pipeline;
using Npgsql;

namespace Kinerja.Ingest.Streams.Writing;

/// <summary>
/// One stream's writer checks of one batch (<see cref="WriterChecks"/>): first its lookups join the one round trip
/// of every stream's lookups, then it chooses the items to insert (<see cref="StreamPart{TPrepared}.ToInsert"/>),
/// marking the others duplicate or rejected.
/// </summary>
internal abstract class StreamCheck
{
    /// <summary>Adds the queries this check needs to the batch's lookup round trip.</summary>
    public virtual void AddLookups(LookupRound round)
    {
    }

    /// <summary>Chooses the items to insert (may run a query of its own on <paramref name="conn"/>).</summary>
    public abstract Task ChooseAsync(NpgsqlConnection conn, CancellationToken ct);
}

/// <summary>A rollup command of the rollup round trip and the reading of its one result set.</summary>
internal abstract class RollupCommand
{
    public abstract NpgsqlBatchCommand Command { get; }

    /// <summary>Reads the command's result set; throws to fail an optimistic try (the writer redoes it carefully).</summary>
    public abstract Task ReadAsync(NpgsqlDataReader reader, CancellationToken ct);
}
