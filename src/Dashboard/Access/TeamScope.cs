using System.Security.Claims;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// Superior rights, derived and never granted (DESIGN.md "The people inside the cycle"): an employee whose NIP is the
/// <c>supervisor_nip</c> of others is their superior; the superior's superior and so on up are the chain above.
/// Reads go through <see cref="AccessCache"/> (cleared on every <c>kinerja_access</c> notification, which provisioning
/// and the reference import send), so a moved employee's old superior loses sight of them on the next check.
/// </summary>
public sealed class TeamScope(AccessCache cache, RegionAccess access)
{
    /// <summary>Supervisor chains longer than this are cut (a data error, e.g. a loop, must not hang a request).</summary>
    public const int MaxDepth = 32;

    public Task<EmployeeEntry?> EmployeeAsync(string nip, CancellationToken ct = default) => cache.EmployeeAsync(nip, ct);

    /// <summary>The active employees whose direct superior is <paramref name="superiorNip"/>.</summary>
    public Task<IReadOnlyList<string>> DirectReportsAsync(string superiorNip, CancellationToken ct = default) =>
        cache.DirectReportsAsync(superiorNip, ct);

    public async Task<bool> IsDirectReportAsync(string superiorNip, string nip, CancellationToken ct = default) =>
        await cache.EmployeeAsync(nip, ct) is { Active: true } e && e.SupervisorNip == superiorNip;

    /// <summary>The superiors of <paramref name="nip"/> from the direct one upwards (empty for the top or an unknown NIP).</summary>
    public async Task<IReadOnlyList<string>> ChainAboveAsync(string nip, CancellationToken ct = default)
    {
        var chain = new List<string>();
        var current = await cache.EmployeeAsync(nip, ct);
        while (current?.SupervisorNip is { } up && chain.Count < MaxDepth && up != nip && !chain.Contains(up))
        {
            chain.Add(up);
            current = await cache.EmployeeAsync(up, ct);
        }
        return chain;
    }

    /// <summary>True when <paramref name="viewerNip"/> is in the chain above <paramref name="nip"/> (direct superior or higher).</summary>
    public async Task<bool> IsSuperiorAsync(string viewerNip, string nip, CancellationToken ct = default) =>
        (await ChainAboveAsync(nip, ct)).Contains(viewerNip);

    /// <summary>
    /// True when <paramref name="user"/> is a signed-in pegawai (session still valid) who is the employee
    /// <paramref name="nip"/> or in the chain above them. Leaders, HR and admins have no NIP and are refused here:
    /// they read employees through the region policies.
    /// </summary>
    public async Task<bool> CanSeeEmployeeAsync(ClaimsPrincipal user, string nip, CancellationToken ct = default)
    {
        if (await access.CurrentUserAsync(user, ct) is not { Role: AccessRoles.Pegawai, Nip: { } own })
        {
            return false;
        }
        return own == nip || await IsSuperiorAsync(own, nip, ct);
    }
}
