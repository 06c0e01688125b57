using System.Diagnostics;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Kinerja.Ingest.Bench;

/// <summary>Diagnostics: raw Npgsql binary COPY of the same rows, whole and in writer-sized transactions.</summary>
internal static class Probe
{
    public static async Task RunAsync(string cs, BenchRow[] rows, string csv)
    {
        var psql = await Methods.PsqlCopyAsync(cs, csv);
        Console.WriteLine($"probe psql copy: {rows.Length / psql:N0} rows/s");
        foreach (var (chunk, buffer) in new[] { (rows.Length, 8192), (5000, 8192), (5000, 65536) })
        {
            await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { WriteBufferSize = buffer }.ConnectionString);
            await conn.OpenAsync();
            var table = $"probe_{chunk}_{buffer}";
            await conn.ExecuteAsync($"create table {table} (like activity including all); alter table {table} add foreign key (nip) references employee (nip);");
            var clock = Stopwatch.StartNew();
            foreach (var part in rows.Chunk(chunk))
            {
                await using var tx = await conn.BeginTransactionAsync();
                await using (var copy = await conn.BeginBinaryImportAsync(
                    $"copy {table} (event_id, nip, occurred_at, local_day, minutes, volume, output, description, skp_indicator) from stdin (format binary)"))
                {
                    foreach (var r in part)
                    {
                        copy.StartRow();
                        copy.Write(r.EventId, NpgsqlDbType.Uuid);
                        copy.Write(r.Nip, NpgsqlDbType.Char);
                        copy.Write(r.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                        copy.Write(r.LocalDay, NpgsqlDbType.Date);
                        copy.Write(r.Minutes, NpgsqlDbType.Integer);
                        copy.Write(r.Volume, NpgsqlDbType.Numeric);
                        copy.Write(r.Output, NpgsqlDbType.Text);
                        copy.Write(r.Description, NpgsqlDbType.Text);
                        copy.Write(r.Skp, NpgsqlDbType.Text);
                    }
                    await copy.CompleteAsync();
                }
                await tx.CommitAsync();
            }
            Console.WriteLine($"probe npgsql binary copy, {chunk}-row transactions, write buffer {buffer}: {rows.Length / clock.Elapsed.TotalSeconds:N0} rows/s");
        }
    }
}
