using Dapper;
using Kinerja.Core.Domain;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>An account created by provisioning, with its activation code in clear (shown once, never stored).</summary>
public sealed record ProvisionedAccount(string Nip, string Name, string Username, string Code);

/// <summary>The live activation code of an account (hash only) and when it stops working (UTC).</summary>
public sealed record PendingActivation(string CodeHash, DateTime ExpiresAt);

/// <summary>
/// Pegawai accounts (table <c>app_user</c> with a NIP, <c>activation_code</c>): one account per NIP of an existing
/// employee. Like <see cref="UserStore"/>, every change is audited in its own transaction and notifies
/// <see cref="AccessChanges.Channel"/> (which also drops cached superior relations, <see cref="TeamScope"/>).
/// </summary>
public sealed class EmployeeAccountStore(NpgsqlDataSource db)
{
    /// <summary>Creates a pegawai account with a password (demo accounts, tests); the NIP must be an active employee.</summary>
    public async Task<UserRecord> AddAsync(string username, string nip, string passwordHash, string actor,
        CancellationToken ct = default)
    {
        if (!UserStore.IsValidUsername(username))
        {
            throw new AccessException($"Invalid username '{username}'.");
        }
        if (Nip.Validate(nip) is { } invalid)
        {
            throw new AccessException($"Invalid NIP '{nip}': {invalid}");
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var name = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select name from employee where nip = @nip and active", new { nip }, tx, cancellationToken: ct))
            ?? throw new AccessException($"NIP {nip} is not an active employee.");
        var id = await conn.ExecuteScalarAsync<long?>(new CommandDefinition("""
            insert into app_user (username, role, display_name, password_hash, nip)
            values (@username, 'pegawai', @name, @passwordHash, @nip)
            on conflict do nothing
            returning id
            """, new { username, name, passwordHash, nip }, tx, cancellationToken: ct))
            ?? throw new AccessException($"The user name '{username}' or an account for NIP {nip} already exists.");
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserAdd, "user:" + username,
            new { role = AccessRoles.Pegawai, nip }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [id], ct);
        await tx.CommitAsync(ct);
        return (await new UserStore(db).FindAsync(id, ct))!;
    }

    /// <summary>
    /// Creates, in one transaction, a pegawai account (user name = NIP, no password, must change it) with a fresh
    /// activation code for every NIP given that is an active employee without an account. NIPs that already have
    /// one are left alone (so a re-run creates only what is missing). Returns what was created, ordered by NIP.
    /// </summary>
    public async Task<IReadOnlyList<ProvisionedAccount>> CreatePendingAsync(IReadOnlyCollection<string> nips,
        DateTime expiresAt, string actor, string target, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var created = (await conn.QueryAsync<(long Id, string Nip, string Name)>(new CommandDefinition("""
            insert into app_user (username, role, display_name, password_hash, nip, must_change_password)
            select e.nip::text, 'pegawai', e.name, '', e.nip, true
            from employee e
            where e.nip = any(@nips::char(18)[]) and e.active
              and not exists (select 1 from app_user a where a.nip = e.nip)
            on conflict do nothing
            returning id, nip::text, display_name
            """, new { nips = nips.ToArray() }, tx, cancellationToken: ct))).OrderBy(c => c.Nip, StringComparer.Ordinal).ToList();
        var accounts = created.Select(c => new ProvisionedAccount(c.Nip, c.Name, c.Nip, ActivationCodes.Generate())).ToList();
        await StoreCodesAsync(conn, tx, created.Select(c => c.Id).ToArray(), accounts, expiresAt, actor, ct);
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserProvision, target,
            new { created = accounts.Count, expiresAt, nips = accounts.Select(a => a.Nip) }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", created.Select(c => c.Id).ToArray(), ct);
        await tx.CommitAsync(ct);
        return accounts;
    }

    /// <summary>
    /// New activation codes for the accounts of <paramref name="nips"/> that are enabled and not activated yet
    /// (codes lost or expired); their previous codes stop working. Returns them, ordered by NIP.
    /// </summary>
    public async Task<IReadOnlyList<ProvisionedAccount>> ReissueAsync(IReadOnlyCollection<string> nips, DateTime expiresAt,
        string actor, string target, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var pending = (await conn.QueryAsync<(long Id, string Nip, string Name, string Username)>(new CommandDefinition("""
            select id, nip::text, display_name, username from app_user
            where nip = any(@nips::char(18)[]) and must_change_password and disabled_at is null
            order by nip
            for update
            """, new { nips = nips.ToArray() }, tx, cancellationToken: ct))).ToList();
        var accounts = pending.Select(p => new ProvisionedAccount(p.Nip, p.Name, p.Username, ActivationCodes.Generate())).ToList();
        await StoreCodesAsync(conn, tx, pending.Select(p => p.Id).ToArray(), accounts, expiresAt, actor, ct);
        await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserProvision, target,
            new { reissued = accounts.Count, expiresAt, nips = accounts.Select(a => a.Nip) }, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", pending.Select(p => p.Id).ToArray(), ct);
        await tx.CommitAsync(ct);
        return accounts;
    }

    /// <summary>
    /// Stores the hashes of <paramref name="accounts"/>' codes for the users <paramref name="ids"/> (same order); a user's
    /// earlier code is replaced (one code per user), so a reissued code ends the old one.
    /// </summary>
    private static Task StoreCodesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long[] ids,
        IReadOnlyList<ProvisionedAccount> accounts, DateTime expiresAt, string actor, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into activation_code (user_id, code_hash, expires_at, created_by)
            select t.id, t.hash, @expiresAt, @actor from unnest(@ids, @hashes) as t(id, hash)
            on conflict (user_id) do update set code_hash = excluded.code_hash, expires_at = excluded.expires_at,
                                                created_at = now(), created_by = excluded.created_by
            """, new
        {
            ids,
            hashes = accounts.Select(a => ActivationCodes.Hash(ActivationCodes.Normalize(a.Code)!)).ToArray(),
            expiresAt,
            actor,
        }, tx, cancellationToken: ct));

    /// <summary>NIPs (of <paramref name="nips"/>) that already have an account.</summary>
    public async Task<IReadOnlySet<string>> WithAccountAsync(IReadOnlyCollection<string> nips, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition(
            "select nip::text from app_user where nip = any(@nips::char(18)[])", new { nips = nips.ToArray() },
            cancellationToken: ct))).ToHashSet();
    }

    /// <summary>The account's live activation code, or null when it has none (never issued, or already used).</summary>
    public async Task<PendingActivation?> PendingAsync(long userId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PendingActivation>(new CommandDefinition(
            "select code_hash as codehash, expires_at as expiresat from activation_code where user_id = @userId",
            new { userId }, cancellationToken: ct));
    }

    /// <summary>
    /// Uses the code (deleted in the same transaction: single-use) and sets the chosen password. False when the code
    /// was used or replaced meanwhile or has expired at <paramref name="now"/>.
    /// </summary>
    public async Task<bool> ActivateAsync(long userId, string codeHash, string passwordHash, DateTime now,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var username = await conn.ExecuteScalarAsync<string?>(new CommandDefinition("""
            with used as (
                delete from activation_code where user_id = @userId and code_hash = @codeHash and expires_at > @now
                returning user_id)
            update app_user set password_hash = @passwordHash, must_change_password = false, failed_count = 0,
                                locked_until = null, security_stamp = gen_random_uuid(), last_login_at = @now
            where id = (select user_id from used) and disabled_at is null
            returning username
            """, new { userId, codeHash, passwordHash, now }, tx, cancellationToken: ct));
        if (username is null)
        {
            return false;
        }
        await AuditLog.WriteAsync(conn, tx, "user:" + username, AuditActions.UserActivate, "user:" + username, null, ct);
        await AccessChanges.NotifyUsersAsync(conn, tx, "user", [userId], ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Disables every enabled pegawai account whose employee is no longer active (their sessions end: the stamp
    /// changes) and notifies the access channel in any case, so cached superior relations are re-read after a
    /// reference import. Returns the user names disabled now.
    /// </summary>
    public async Task<IReadOnlyList<string>> DisableLeaversAsync(string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var disabled = (await conn.QueryAsync<(string Username, string Nip)>(new CommandDefinition("""
            update app_user a set disabled_at = now(), security_stamp = gen_random_uuid()
            from employee e
            where a.nip = e.nip and not e.active and a.disabled_at is null
            returning a.username, a.nip::text
            """, transaction: tx, cancellationToken: ct))).ToList();
        foreach (var (username, nip) in disabled)
        {
            await AuditLog.WriteAsync(conn, tx, actor, AuditActions.UserDisable, "user:" + username,
                new { disabled = true, nip, reason = "employee no longer active" }, ct);
        }
        await AccessChanges.NotifyAsync(conn, disabled.Count > 0 ? "user" : "reference", ct, tx);
        await tx.CommitAsync(ct);
        return disabled.Select(d => d.Username).ToList();
    }
}
