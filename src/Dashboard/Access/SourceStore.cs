using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>An ingest source (table <c>ingest_source</c>); times in UTC.</summary>
public sealed record SourceRecord
{
    public long Id { get; init; }

    public string Name { get; init; } = "";

    public string KeyPrefix { get; init; } = "";

    /// <summary>Scope entries as stored: <c>region:{id}</c>, <c>unit:{id}</c>.</summary>
    public string[] Scope { get; init; } = [];

    public DateTime CreatedAt { get; init; }

    public DateTime? RevokedAt { get; init; }

    public string CreatedBy { get; init; } = "";

    public bool Revoked => RevokedAt is not null;

    public IEnumerable<SourceScopeEntry> Entries => Scope.Select(SourceScopeEntry.Parse);
}

/// <summary>A newly created source with its key (shown once; only the hash is stored).</summary>
public sealed record CreatedSource(SourceRecord Source, string Key);

/// <summary>Ingest sources and their API keys. Changes are audited and notify <see cref="AccessChanges.Channel"/>.</summary>
public sealed partial class SourceStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, name, key_prefix as keyprefix, scope, created_at as createdat, revoked_at as revokedat, created_by as createdby
        """;

    public async Task<CreatedSource> AddAsync(string name, IReadOnlyList<string> scope, string actor, CancellationToken ct = default)
    {
        if (!NameShape().IsMatch(name))
        {
            throw new AccessException(
                $"Invalid source name '{name}': 2-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        var entries = scope.Select(SourceScopeEntry.Parse).Distinct().ToList();
        if (entries.Count == 0)
        {
            throw new AccessException("A source needs at least one --scope region:{id} or unit:{id}.");
        }
        var key = SourceKeys.Generate();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var missing = (await conn.QueryAsync<string>(new CommandDefinition("""
            select s from unnest(@scope) as s
            where not exists (select 1 from region r where 'region:' || r.id = s)
              and not exists (select 1 from unit u where 'unit:' || u.id = s)
            """, new { scope = entries.Select(e => e.ToString()).ToArray() }, tx, cancellationToken: ct))).AsList();
        if (missing.Count > 0)
        {
            throw new AccessException($"Unknown scope target(s): {string.Join(", ", missing)}. Import reference data first.");
        }
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into ingest_source (name, key_hash, key_prefix, scope, created_by)
            values (@name, @hash, @prefix, @scope, @actor)
            on conflict (name) do nothing
            returning id
            """, new
        {
            name,
            hash = SourceKeys.Hash(key),
            prefix = SourceKeys.Prefix(key),
            scope = entries.Select(e => e.ToString()).ToArray(),
            actor,
        }, tx, cancellationToken: ct)) ?? throw new AccessException($"A source named '{name}' already exists.");
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.SourceAdd, "source:" + name,
            new { scope = entries.Select(e => e.ToString()), keyPrefix = SourceKeys.Prefix(key) }, ct);
        await AccessChanges.NotifyAsync(conn, "source", ct, tx);
        await tx.CommitAsync(ct);
        return new CreatedSource((await FindAsync(id, ct))!, key);
    }

    /// <summary>Revokes the source's key; false when there is no such active source.</summary>
    public async Task<bool> RevokeAsync(string name, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var revoked = await conn.ExecuteAsync(new CommandDefinition(
            "update ingest_source set revoked_at = now() where name = @name and revoked_at is null",
            new { name }, tx, cancellationToken: ct));
        if (revoked == 0)
        {
            return false;
        }
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.SourceRevoke, "source:" + name, null, ct);
        await AccessChanges.NotifyAsync(conn, "source", ct, tx);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<IReadOnlyList<SourceRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<SourceRecord>(new CommandDefinition(
            $"select {Columns} from ingest_source order by name", cancellationToken: ct))).AsList();
    }

    public async Task<SourceRecord?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SourceRecord>(new CommandDefinition(
            $"select {Columns} from ingest_source where id = @id", new { id }, cancellationToken: ct));
    }

    public async Task<SourceRecord?> FindByNameAsync(string name, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SourceRecord>(new CommandDefinition(
            $"select {Columns} from ingest_source where name = @name", new { name }, cancellationToken: ct));
    }

    /// <summary>The active source holding this key, or null (unknown or revoked).</summary>
    public async Task<SourceRecord?> FindByKeyAsync(string key, CancellationToken ct = default)
    {
        if (!SourceKeys.LooksLikeKey(key))
        {
            return null;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SourceRecord>(new CommandDefinition(
            $"select {Columns} from ingest_source where key_hash = @hash and revoked_at is null",
            new { hash = SourceKeys.Hash(key) }, cancellationToken: ct));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,62}$")]
    private static partial Regex NameShape();
}
