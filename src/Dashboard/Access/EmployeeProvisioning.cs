using Kinerja.Core.Domain;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// What a provisioning run did: the accounts created and those given new codes (with their codes, to hand out), how
/// many of the employees asked for already had an account (and got nothing), the rows refused and why, and until when
/// the codes work (UTC).
/// </summary>
public sealed record ProvisioningResult(IReadOnlyList<ProvisionedAccount> Created, IReadOnlyList<ProvisionedAccount> Reissued,
    int AlreadyHadAccount, IReadOnlyList<string> Errors, DateTime ExpiresAt)
{
    /// <summary>Every code of this run, for the codes file, ordered by NIP.</summary>
    public IReadOnlyList<ProvisionedAccount> Codes =>
        Created.Concat(Reissued).OrderBy(a => a.Nip, StringComparer.Ordinal).ToList();
}

/// <summary>
/// Bulk creation of pegawai accounts for HR (CLI <c>users provision</c>, console <c>/akun-pegawai</c>): every active
/// employee of a region or a unit, or the NIPs of a list. Idempotent: employees who have an account are skipped, so a re-run creates only what is missing.
/// Each new account gets a one-time activation code valid for <see cref="AccessOptions.ActivationCodeDays"/> days; with
/// <c>reissue</c>, accounts of the set not activated yet get a new code too (the old one stops working).
/// </summary>
public sealed class EmployeeProvisioning(EmployeeDirectory directory, EmployeeAccountStore accounts,
    IOptions<AccessOptions> options, TimeProvider time)
{
    public async Task<ProvisioningResult> ForRegionAsync(string regionId, string actor, bool reissue = false,
        CancellationToken ct = default)
    {
        if (!await directory.RegionExistsAsync(regionId, ct))
        {
            throw new AccessException($"Unknown region '{regionId}'.");
        }
        var nips = await directory.ActiveInRegionAsync(regionId, ct);
        return await CreateAsync(nips, [], actor, "region:" + regionId, reissue, ct);
    }

    /// <summary>Accounts for every active employee of unit <paramref name="unitId"/> (the console's per-unit action).</summary>
    public async Task<ProvisioningResult> ForUnitAsync(string unitId, string actor, bool reissue = false, CancellationToken ct = default)
    {
        if (await directory.RegionOfUnitAsync(unitId, ct) is null)
        {
            throw new AccessException($"Unknown unit '{unitId}'.");
        }
        var nips = await directory.ActiveInUnitAsync(unitId, ct);
        return await CreateAsync(nips, [], actor, "unit:" + unitId, reissue, ct);
    }

    /// <summary>
    /// Accounts for the NIPs of <paramref name="rows"/> (line number and text, e.g. from <see cref="NipList.ReadAsync"/>):
    /// each must be a valid NIP of an active employee; the others are reported by line.
    /// </summary>
    public async Task<ProvisioningResult> ForNipsAsync(IReadOnlyList<NipList.Row> rows, string actor, bool reissue = false,
        CancellationToken ct = default)
    {
        var errors = new List<string>();
        var valid = new List<NipList.Row>();
        foreach (var row in rows)
        {
            if (Nip.Validate(row.Nip) is { } why)
            {
                errors.Add($"line {row.Line}: '{Clip(row.Nip)}' is not a NIP: {why}");
            }
            else
            {
                valid.Add(row);
            }
        }
        var active = await directory.ActiveAmongAsync(valid.Select(r => r.Nip).ToList(), ct);
        errors.AddRange(valid.Where(r => !active.Contains(r.Nip))
            .Select(r => $"line {r.Line}: NIP {r.Nip} is not an active employee (unknown, or has left)."));
        var nips = valid.Select(r => r.Nip).Where(active.Contains).Distinct().ToList();
        return await CreateAsync(nips, errors, actor, "nips", reissue, ct);
    }

    private async Task<ProvisioningResult> CreateAsync(IReadOnlyList<string> nips, List<string> errors, string actor,
        string target, bool reissue, CancellationToken ct)
    {
        var days = options.Value.ActivationCodeDays;
        if (days <= 0)
        {
            throw new AccessException($"{AccessOptions.Section}:ActivationCodeDays must be a positive number of days (it is {days}).");
        }
        var expiresAt = time.GetUtcNow().UtcDateTime.AddDays(days);
        if (nips.Count == 0)
        {
            return new ProvisioningResult([], [], 0, errors, expiresAt);
        }
        // Codes are reissued before creating, so accounts created now are not given a second code.
        var reissued = reissue ? await accounts.ReissueAsync(nips, expiresAt, actor, target, ct) : [];
        var created = await accounts.CreatePendingAsync(nips, expiresAt, actor, target, ct);
        var had = (await accounts.WithAccountAsync(nips, ct)).Count - created.Count - reissued.Count;
        return new ProvisioningResult(created, reissued, Math.Max(0, had), errors, expiresAt);
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
