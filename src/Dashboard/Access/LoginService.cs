using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>Outcome of a password check.</summary>
public enum LoginStatus
{
    Success,
    BadCredentials,
    Locked,

    /// <summary>A provisioned account typed its valid activation code: a new password must be chosen (no session yet).</summary>
    ActivationRequired,

    /// <summary>A provisioned account typed its activation code after it expired.</summary>
    ActivationExpired,
}

public sealed record LoginResult(LoginStatus Status, UserRecord? User = null, DateTime? LockedUntil = null);

/// <summary>Lockout settings (<c>Kinerja:Access:Lockout</c>).</summary>
public sealed class LockoutOptions
{
    public const string Section = "Kinerja:Access:Lockout";

    /// <summary>Consecutive failures that lock an account.</summary>
    public int MaxFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Checks a user name and password with lockout (5 consecutive failures lock the account for 15 minutes by
/// default; while locked even the right password is refused) and audits every attempt.
/// </summary>
public sealed class LoginService(UserStore users, EmployeeAccountStore employees, AuditLog audit,
    IOptions<LockoutOptions> options, TimeProvider time)
{
    public async Task<LoginResult> CheckAsync(string username, string password, string remote, CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var user = UserStore.IsValidUsername(username) ? await users.FindAsync(username, ct) : null;
        if (user is null || user.Disabled)
        {
            Passwords.VerifyNothing(password);
            await audit.WriteAsync("user:" + Safe(username), AuditActions.LoginFailure, "user:" + Safe(username),
                new { remote, reason = user is null ? "unknown user" : "disabled" }, ct);
            return new LoginResult(LoginStatus.BadCredentials);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            await audit.WriteAsync("user:" + user.Username, AuditActions.LoginLocked, "user:" + user.Username,
                new { remote, lockedUntil = until }, ct);
            return new LoginResult(LoginStatus.Locked, null, until);
        }
        if (user.MustChangePassword)
        {
            Passwords.VerifyNothing(password); // same time as a password check: pending accounts are not told apart
            return await CheckActivationCodeAsync(user, password, remote, now, ct);
        }
        if (!Passwords.Verify(user.PasswordHash, password))
        {
            var (failures, locked) = await users.RecordFailureAsync(user.Id, o.MaxFailures, now + o.Duration, ct);
            var lockedNow = locked is { } l && l > now;
            await audit.WriteAsync("user:" + user.Username, AuditActions.LoginFailure, "user:" + user.Username,
                new { remote, reason = "wrong password", failures, lockedUntil = lockedNow ? locked : null }, ct);
            return lockedNow ? new LoginResult(LoginStatus.Locked, null, locked) : new LoginResult(LoginStatus.BadCredentials);
        }
        await users.RecordSuccessAsync(user.Id, now, ct);
        await audit.WriteAsync("user:" + user.Username, AuditActions.LoginSuccess, "user:" + user.Username, new { remote }, ct);
        return new LoginResult(LoginStatus.Success, user);
    }

    /// <summary>
    /// An account that must choose a password signs in only with its activation code, and even then gets no session:
    /// the caller shows the form to choose the password (<c>/aktivasi</c>). Wrong codes count towards the lockout.
    /// </summary>
    public async Task<LoginResult> CheckActivationCodeAsync(UserRecord user, string code, string remote, DateTime now,
        CancellationToken ct)
    {
        var o = options.Value;
        var pending = await employees.PendingAsync(user.Id, ct);
        if (pending is null || !ActivationCodes.Matches(pending.CodeHash, code))
        {
            var (failures, locked) = await users.RecordFailureAsync(user.Id, o.MaxFailures, now + o.Duration, ct);
            var lockedNow = locked is { } l && l > now;
            await audit.WriteAsync("user:" + user.Username, AuditActions.LoginFailure, "user:" + user.Username,
                new { remote, reason = "wrong activation code", failures, lockedUntil = lockedNow ? locked : null }, ct);
            return lockedNow ? new LoginResult(LoginStatus.Locked, null, locked) : new LoginResult(LoginStatus.BadCredentials);
        }
        if (pending.ExpiresAt <= now)
        {
            await audit.WriteAsync("user:" + user.Username, AuditActions.LoginFailure, "user:" + user.Username,
                new { remote, reason = "activation code expired", expiresAt = pending.ExpiresAt }, ct);
            return new LoginResult(LoginStatus.ActivationExpired, user);
        }
        return new LoginResult(LoginStatus.ActivationRequired, user);
    }

    /// <summary>An attempted user name as it may appear in the audit trail (bounded, printable).</summary>
    private static string Safe(string username)
    {
        var clipped = username.Length > 64 ? username[..64] : username;
        return new string(clipped.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
