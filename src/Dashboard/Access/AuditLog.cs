using System.Text.Json;
using Dapper;
using Npgsql;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The audit trail (table <c>audit</c>): who (<c>actor</c>, e.g. <c>user:budi</c>, <c>source:simpeg</c>,
/// <c>cli:root</c>), did what (<c>action</c>, e.g. <c>login.success</c>, <c>rules.publish</c>), to what
/// (<c>target</c>), with a JSON <c>detail</c>. Actions of this module are in <see cref="AuditActions"/>.
/// </summary>
public sealed class AuditLog(NpgsqlDataSource db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Writes one row in its own connection.</summary>
    public async Task WriteAsync(string actor, string action, string target, object? detail = null,
        CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await WriteAsync(conn, null, actor, action, target, detail, ct);
    }

    /// <summary>Writes one row on the caller's connection and transaction (commits or rolls back with the change it records).</summary>
    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string actor, string action, string target,
        object? detail, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition("""
            insert into audit (actor, action, target, detail) values (@actor, @action, @target, @detail::jsonb)
            """,
            new
            {
                actor = Clip(actor, 200),
                action = Clip(action, 100),
                target = Clip(target, 500),
                detail = detail is null ? "{}" : detail as string ?? JsonSerializer.Serialize(detail, Json),
            }, tx, cancellationToken: ct));

    private static string Clip(string value, int max) => value.Length <= max ? value : value[..max];
}

/// <summary>Audit action names written by the access module. Rules use <c>rules.validate|publish|rollback</c>.</summary>
public static class AuditActions
{
    public const string LoginSuccess = "login.success";
    public const string LoginFailure = "login.failure";
    public const string LoginLocked = "login.locked";
    public const string Logout = "logout";
    public const string UserAdd = "user.add";
    public const string UserGrant = "user.grant";
    public const string UserRevoke = "user.revoke";
    public const string UserPassword = "user.password";
    public const string UserDisable = "user.disable";
    public const string UserProvision = "user.provision";
    public const string UserActivate = "user.activate";
    public const string SourceAdd = "source.add";
    public const string SourceRevoke = "source.revoke";
}
