using Dapper;
using Npgsql;

namespace Kinerja.Ingest.Bench;

/// <summary>
/// <c>--statements</c>: <c>pg_stat_statements</c> of one method's database (the cluster preloads it), reset before the
/// method and printed after it with calls per writer batch, so the statements a batch costs are counted, not guessed.
/// </summary>
internal static class Statements
{
    public const string Preload = "pg_stat_statements";

    public static async Task CreateAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.ExecuteAsync("create extension if not exists pg_stat_statements");
    }

    public static async Task ResetAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.ExecuteAsync("select pg_stat_statements_reset()");
    }

    /// <summary>The statements of this database by total execution time (top-level and nested: trigger bodies too).</summary>
    public static async Task PrintAsync(string connectionString, long batches, int top = 14)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        var rows = await conn.QueryAsync<(long Calls, double TotalMs, long Rows, decimal Wal, string Query)>("""
            select s.calls, s.total_exec_time, s.rows, s.wal_bytes, regexp_replace(left(s.query, 400), '\s+', ' ', 'g')
            from pg_stat_statements s
            where s.dbid = (select oid from pg_database where datname = current_database())
              and s.query not ilike '%pg_stat_statements%'
            order by s.total_exec_time desc
            limit @top
            """, new { top });
        var all = await conn.ExecuteScalarAsync<long>("""
            select coalesce(sum(calls), 0)::bigint from pg_stat_statements
            where dbid = (select oid from pg_database where datname = current_database()) and toplevel
            """);
        Console.WriteLine($"    statements: {all:N0} top-level calls, {(batches == 0 ? 0 : all / (double)batches):N1} per batch; by execution time:");
        foreach (var (calls, ms, n, wal, query) in rows)
        {
            var q = query.Length > 110 ? query[..110] + "…" : query;
            Console.WriteLine($"      {calls,8:N0} calls ({(batches == 0 ? 0 : calls / (double)batches),5:N1}/batch) {ms / 1000,7:N1} s {n,11:N0} rows {wal / 1048576m,7:N1} MB WAL  {q}");
        }
        await PrintTablesAsync(conn);
    }

    /// <summary>
    /// Row writes of the tables the writer touches (cumulative in this method's database): how many updates of the
    /// rollup rows were heap-only (HOT: no index entry written, the fillfactor of migration 0012 leaves the room).
    /// </summary>
    private static async Task PrintTablesAsync(NpgsqlConnection conn)
    {
        // a backend flushes its table counters when idle at most once a second, and always when it exits: close the
        // writer's idle pooled connections (the method is over) so their last batches are counted
        NpgsqlConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var tables = await conn.QueryAsync<(string Table, long Ins, long Upd, long Hot)>("""
            select coalesce(i.inhparent::regclass::text, t.relname), sum(t.n_tup_ins)::bigint, sum(t.n_tup_upd)::bigint,
                   sum(t.n_tup_hot_upd)::bigint
            from pg_stat_user_tables t
            left join pg_inherits i on i.inhrelid = t.relid
            where coalesce(i.inhparent::regclass::text, t.relname) in ('activity', 'event_registry', 'employee_day', 'employee_month')
            group by 1 order by 1
            """);
        foreach (var (table, ins, upd, hot) in tables)
        {
            Console.WriteLine($"      table {table}: {ins:N0} inserted, {upd:N0} updated ({(upd == 0 ? 0 : 100.0 * hot / upd):N0} % HOT)");
        }
    }
}
