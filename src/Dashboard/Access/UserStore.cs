using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Users, their role and region grants (tables <c>app_user</c>, <c>user_region</c>). Every change writes an
/// audit row in the same transaction and notifies <see cref="AccessChanges.Channel"/>. Pegawai accounts (bound to a
/// NIP) are created by <see cref="EmployeeAccountStore"/>.
/// </summary>
public sealed partial class UserStore(NpgsqlDataSource db)
{
    private const string Columns = """
        id, username, display_name as displayname, role, password_hash as passwordhash, failed_count as failedcount,
        locked_until as lockeduntil, security_stamp as securitystamp, disabled_at as disabledat, last_login_at as lastloginat,
        nip::text as nip, must_change_password as mustchangepassword
        """;

    public static bool IsValidUsername(string? name) => name is not null && UsernameShape().IsMatch(name);

    public async Task<UserRecord?> FindAsync(string username, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"select {Columns} from app_user where username = @username", new { username }, cancellationToken: ct));
        return user is null ? null : user with { Regions = await RegionsAsync(conn, user.Id, ct) };
    }

    public async Task<UserRecord?> FindAsync(long id, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<UserRecord>(new CommandDefinition(
            $"select {Columns} from app_user where id = @id", new { id }, cancellationToken: ct));
        return user is null ? null : user with { Regions = await RegionsAsync(conn, user.Id, ct) };
    }

    public async Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var users = (await conn.QueryAsync<UserRecord>(new CommandDefinition(
            $"select {Columns} from app_user order by username", cancellationToken: ct))).AsList();
        var grants = (await conn.QueryAsync<(long UserId, string RegionId)>(new CommandDefinition(
                "select user_id, region_id from user_region order by region_id", cancellationToken: ct)))
            .ToLookup(g => g.UserId, g => g.RegionId);
        return users.Select(u => u with { Regions = grants[u.Id].ToArray() }).ToList();
    }

    /// <summary>Creates a user; <paramref name="passwordHash"/> comes from <see cref="Passwords.Hash"/>.</summary>
    public async Task<UserRecord> AddAsync(string username, string role, string displayName, string passwordHash,
        string actor, CancellationToken ct = default)
    {
        if (!IsValidUsername(username))
        {
            throw new AccessException(
                $"Invalid username '{username}': 2-63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
        if (role == AccessRoles.Pegawai)
        {
            throw new AccessException(
                "A pegawai account is bound to one NIP: create it with 'users provision --region ID|--csv FILE --out FILE'.");
        }
        if (!AccessRoles.IsKnown(role))
        {
            throw new AccessException($"Unknown role '{role}'; use one of: {string.Join(", ", AccessRoles.All)}.");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into app_user (username, role, display_name, password_hash) values (@username, @role, @displayName, @passwordHash)
            on conflict (username) do nothing
            returning id
            """, new { username, role, displayName, passwordHash }, tx, cancellationToken: ct))
            ?? throw new AccessException($"A user named '{username}' already exists.");
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserAdd, "user:" + username, new { role, displayName }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
        return (await FindAsync(id, ct))!;
    }

    /// <summary>Grants read access to regions (they must exist). Returns the user's grants afterwards.</summary>
    public async Task<IReadOnlyList<string>> GrantAsync(string username, IReadOnlyList<string> regions, string actor,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await IdAsync(conn, tx, username, ct);
        var known = (await conn.QueryAsync<string>(new CommandDefinition(
            "select id from region where id = any(@regions)", new { regions = regions.ToArray() }, tx, cancellationToken: ct)))
            .ToHashSet();
        var unknown = regions.Where(r => !known.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new AccessException($"Unknown region(s): {string.Join(", ", unknown)}.");
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            insert into user_region (user_id, region_id) select @id, r from unnest(@regions) as r on conflict do nothing
            """, new { id, regions = regions.ToArray() }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserGrant, "user:" + username, new { regions }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
        return await RegionsAsync(conn, id, ct);
    }

    /// <summary>Removes region grants. Returns the user's grants afterwards.</summary>
    public async Task<IReadOnlyList<string>> RevokeAsync(string username, IReadOnlyList<string> regions, string actor,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await IdAsync(conn, tx, username, ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition(
            "delete from user_region where user_id = @id and region_id = any(@regions)",
            new { id, regions = regions.ToArray() }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserRevoke, "user:" + username, new { regions, removed }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
        return await RegionsAsync(conn, id, ct);
    }

    /// <summary>Sets a new password hash, clears the lockout and ends the user's sessions (a pending activation code of a
    /// provisioned pegawai account is dropped: the account is activated with this password).</summary>
    public async Task SetPasswordAsync(string username, string passwordHash, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await IdAsync(conn, tx, username, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update app_user set password_hash = @passwordHash, failed_count = 0, locked_until = null,
                                security_stamp = gen_random_uuid(), must_change_password = false
            where id = @id;
            delete from activation_code where user_id = @id;
            """, new { id, passwordHash }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserPassword, "user:" + username, null, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Disables (or re-enables) a user; a disabled user cannot sign in and their sessions end.</summary>
    public async Task SetDisabledAsync(string username, bool disabled, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var id = await IdAsync(conn, tx, username, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update app_user set disabled_at = case when @disabled then now() end, security_stamp = gen_random_uuid()
            where id = @id
            """, new { id, disabled }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserDisable, "user:" + username, new { disabled }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Counts a failed login; locks the account until <paramref name="lockUntil"/> at <paramref name="threshold"/> consecutive failures.</summary>
    public async Task<(int Failures, DateTime? LockedUntil)> RecordFailureAsync(long id, int threshold, DateTime lockUntil,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleAsync<(int, DateTime?)>(new CommandDefinition("""
            update app_user
            set failed_count = case when failed_count + 1 >= @threshold then 0 else failed_count + 1 end,
                locked_until = case when failed_count + 1 >= @threshold then @lockUntil else locked_until end
            where id = @id
            returning case when locked_until = @lockUntil then @threshold else failed_count end, locked_until
            """, new { id, threshold, lockUntil }, cancellationToken: ct));
    }

    public async Task RecordSuccessAsync(long id, DateTime at, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            update app_user set failed_count = 0, locked_until = null, last_login_at = @at where id = @id
            """, new { id, at }, cancellationToken: ct));
    }

    private static async Task<long> IdAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string username, CancellationToken ct) =>
        await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
            "select id from app_user where username = @username for update", new { username }, tx, cancellationToken: ct))
        ?? throw new AccessException($"No user named '{username}'.");

    private static async Task<IReadOnlyList<string>> RegionsAsync(NpgsqlConnection conn, long id, CancellationToken ct) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            "select region_id from user_region where user_id = @id order by region_id", new { id }, cancellationToken: ct))).AsList();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,62}$")]
    private static partial Regex UsernameShape();
}
