using System.Text;
using Npgsql;

namespace Kinerja.Core.Tests.Database;

/// <summary>
/// A canonical text description of the public schema (tables, columns, constraints, indexes), used
/// to check that a live database is exactly what the migrations produce. Partitions (the monthly stream
/// partitions of migration 0006, which depend on the date) are left out: their parents describe them.
/// </summary>
public static class SchemaDescriber
{
    public static async Task<string> DescribeAsync(NpgsqlConnection conn, CancellationToken ct = default)
    {
        var sb = new StringBuilder();
        await AppendAsync(conn, sb, "column", """
            select table_name || '.' || column_name || ' ' || data_type
                   || case when is_nullable = 'NO' then ' not null' else '' end
                   || coalesce(' default ' || column_default, '')
                   || case when is_identity = 'YES' then ' identity' else '' end
                   || coalesce(' generated ' || generation_expression, '')
            from information_schema.columns
            where table_schema = 'public'
              and not exists (select 1 from pg_class c
                              where c.relnamespace = 'public'::regnamespace and c.relname = table_name and c.relispartition)
            order by table_name, ordinal_position
            """, ct);
        await AppendAsync(conn, sb, "constraint", """
            select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            from pg_constraint
            where connamespace = 'public'::regnamespace
              and conparentid = 0
              and not exists (select 1 from pg_class c where c.oid = conrelid and c.relispartition)
            order by conrelid::regclass::text, conname
            """, ct);
        await AppendAsync(conn, sb, "index", """
            select i.indexdef from pg_indexes i
            where i.schemaname = 'public'
              and not exists (select 1 from pg_class c
                              where c.relnamespace = 'public'::regnamespace and c.relname = i.tablename and c.relispartition)
            order by i.tablename, i.indexname
            """, ct);
        await AppendAsync(conn, sb, "function", """
            select p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
            from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1
            """, ct);
        return sb.ToString();
    }

    private static async Task AppendAsync(NpgsqlConnection conn, StringBuilder sb, string kind, string sql,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            sb.Append(kind).Append(' ').Append(reader.GetString(0)).Append('\n');
        }
    }
}
