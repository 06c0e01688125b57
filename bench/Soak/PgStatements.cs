using System.Globalization;
using Npgsql;

namespace Kinerja.Bench.Soak;

/// <summary>
/// <c>--pg-statements N</c>: where PostgreSQL spends its time. The server's cluster is started with
/// <c>pg_stat_statements</c> preloaded; the counters are reset when the load starts, read at half time and at
/// the end, and the top <c>N</c> statements by execution time are printed per half (calls/s, mean ms, rows
/// per call, share of all statement time): a statement whose mean grows from the first half to the second
/// is one whose cost grows with the data.
/// </summary>
public sealed class PgStatements(string connectionString, int top)
{
    private sealed record Row(long QueryId, string Query, long Calls, double TotalMs, long Rows);

    private IReadOnlyDictionary<long, Row> _half = new Dictionary<long, Row>();
    private IReadOnlyDictionary<long, Row> _end = new Dictionary<long, Row>();
    private TimeSpan _halfAt, _endAt;

    /// <summary>
    /// The server arguments that preload the extension; with <paramref name="explainMs"/> above 0 also
    /// <c>auto_explain</c>, logging the analysed plan of every statement slower than that into the cluster's log.
    /// </summary>
    public static string[] ServerArgs(int explainMs) => explainMs <= 0
        ? ["--Kinerja:Postgres:Settings:shared_preload_libraries=pg_stat_statements",
            "--Kinerja:Postgres:Settings:pg_stat_statements.track=all"]
        : ["--Kinerja:Postgres:Settings:shared_preload_libraries=pg_stat_statements,auto_explain",
            "--Kinerja:Postgres:Settings:pg_stat_statements.track=all",
            $"--Kinerja:Postgres:Settings:auto_explain.log_min_duration={explainMs}",
            "--Kinerja:Postgres:Settings:auto_explain.log_analyze=on",
            "--Kinerja:Postgres:Settings:auto_explain.log_buffers=on"];

    public async Task ResetAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("create extension if not exists pg_stat_statements; select pg_stat_statements_reset()", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Takes the half-time reading.</summary>
    public async Task HalfAsync(TimeSpan at, CancellationToken ct)
    {
        _half = await ReadAsync(ct);
        _halfAt = at;
    }

    /// <summary>Takes the reading at the end of the load (before the end checks query).</summary>
    public async Task EndAsync(TimeSpan at, CancellationToken ct)
    {
        _end = await ReadAsync(ct);
        _endAt = at;
    }

    /// <summary>Prints the top statements of each half.</summary>
    public void Print()
    {
        var end = _endAt;
        var second = _end.Values.Select(r => _half.TryGetValue(r.QueryId, out var h)
            ? r with { Calls = r.Calls - h.Calls, TotalMs = r.TotalMs - h.TotalMs, Rows = r.Rows - h.Rows } : r).ToList();
        Console.WriteLine();
        Console.WriteLine("PostgreSQL statements (pg_stat_statements), by execution time:");
        Print($"first half (0-{_halfAt.TotalMinutes:0.#} min)", _half.Values.ToList(), _halfAt);
        Print($"second half ({_halfAt.TotalMinutes:0.#}-{end.TotalMinutes:0.#} min)", second, end - _halfAt);
    }

    private void Print(string title, List<Row> rows, TimeSpan span)
    {
        var total = rows.Sum(r => r.TotalMs);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {total / 1000 / span.TotalSeconds:0.00} s of statement time per second"));
        Console.WriteLine("| share | calls/s | mean ms | rows/call | statement |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var r in rows.Where(r => r.Calls > 0).OrderByDescending(r => r.TotalMs).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {100 * r.TotalMs / Math.Max(total, 1e-9):0.0} % | {r.Calls / span.TotalSeconds:0.0} | {r.TotalMs / r.Calls:0.00} | {(double)r.Rows / r.Calls:0.0} | `{Shorten(r.Query)}` |"));
        }
    }

    private static string Shorten(string query)
    {
        var flat = string.Join(' ', query.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)).Replace('|', '/');
        // the employee statements share their head (the population CTE): show what follows it
        var tail = flat.IndexOf("dummy as (select", StringComparison.Ordinal);
        if (tail < 0)
        {
            tail = flat.IndexOf(" per as (", StringComparison.Ordinal);
        }
        var text = tail > 0 ? "with emp … " + flat[tail..] : flat;
        return text.Length > 160 ? text[..160] + " …" : text;
    }

    private async Task<IReadOnlyDictionary<long, Row>> ReadAsync(CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            select queryid, min(query), sum(calls)::bigint, sum(total_exec_time)::float8, sum(rows)::bigint
            from pg_stat_statements where queryid is not null group by queryid
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<Row>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetInt64(4)));
        }
        return rows.ToDictionary(r => r.QueryId);
    }
}
