using Npgsql;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The one round trip of the writer checks' lookups: each stream's check adds its queries (each returns one result
/// set) with the code that reads them; <see cref="RunAsync"/> sends them together and reads the results in order.
/// </summary>
internal sealed class LookupRound
{
    private readonly List<(NpgsqlBatchCommand Command, Func<NpgsqlDataReader, CancellationToken, Task> Read)> _lookups = [];

    public void Add(NpgsqlBatchCommand command, Func<NpgsqlDataReader, CancellationToken, Task> read) =>
        _lookups.Add((command, read));

    public async Task RunAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        if (_lookups.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(conn);
        foreach (var (command, _) in _lookups)
        {
            batch.BatchCommands.Add(command);
        }
        await using var reader = await batch.ExecuteReaderAsync(ct);
        for (var i = 0; i < _lookups.Count; i++)
        {
            if (i > 0)
            {
                await reader.NextResultAsync(ct);
            }
            await _lookups[i].Read(reader, ct);
        }
    }
}
