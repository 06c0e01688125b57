namespace Kinerja.Dashboard.Access;

/// <summary>Outcome of an activation attempt (<see cref="EmployeeActivation"/>).</summary>
public enum ActivationStatus
{
    Activated,
    BadCode,
    Expired,
    Locked,
    WeakPassword,
    Mismatch,
}

public sealed record ActivationResult(ActivationStatus Status, UserRecord? User = null, DateTime? LockedUntil = null);

/// <summary>
/// First sign-in of a provisioned pegawai account: user name + one-time activation code + the password they choose
/// (twice). The code is checked like a password (lockout after repeated failures, audited), must not have expired,
/// and is consumed in the same transaction that sets the password, so it works exactly once.
/// </summary>
public sealed class EmployeeActivation(UserStore users, EmployeeAccountStore accounts, LoginService login, AuditLog audit,
    TimeProvider time)
{
    public async Task<ActivationResult> ActivateAsync(string username, string code, string password, string repeat,
        string remote, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var user = UserStore.IsValidUsername(username) ? await users.FindAsync(username, ct) : null;
        if (user is not { Disabled: false, MustChangePassword: true })
        {
            Passwords.VerifyNothing(code);
            await audit.WriteAsync("user:" + (user?.Username ?? "?"), AuditActions.LoginFailure, "user:" + (user?.Username ?? "?"),
                new { remote, reason = user is null ? "activation for unknown user" : "activation of an active or disabled account" }, ct);
            return new ActivationResult(ActivationStatus.BadCode);
        }
        if (user.LockedUntil is { } until && until > now)
        {
            return new ActivationResult(ActivationStatus.Locked, null, until);
        }
        var check = await login.CheckActivationCodeAsync(user, code, remote, now, ct);
        switch (check.Status)
        {
            case LoginStatus.Locked:
                return new ActivationResult(ActivationStatus.Locked, null, check.LockedUntil);
            case LoginStatus.ActivationExpired:
                return new ActivationResult(ActivationStatus.Expired);
            case LoginStatus.ActivationRequired:
                break;
            default:
                return new ActivationResult(ActivationStatus.BadCode);
        }
        if (Passwords.Weakness(password) is not null)
        {
            return new ActivationResult(ActivationStatus.WeakPassword);
        }
        if (password != repeat)
        {
            return new ActivationResult(ActivationStatus.Mismatch);
        }
        var hash = ActivationCodes.Hash(ActivationCodes.Normalize(code)!);
        if (!await accounts.ActivateAsync(user.Id, hash, Passwords.Hash(password), now, ct))
        {
            return new ActivationResult(ActivationStatus.BadCode); // used by a concurrent request a moment ago
        }
        return new ActivationResult(ActivationStatus.Activated, await users.FindAsync(user.Id, ct));
    }
}
