using Kinerja.Core.Domain;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// What a provisioning run did: the accounts created (with their codes, to hand out), how many of the employees asked
/// for already had an account, the rows refused and why, and until when the codes work (UTC).
/// </summary>
public sealed record ProvisioningResult(IReadOnlyList<ProvisionedAccount> Created, int AlreadyHadAccount,
    IReadOnlyList<string> Errors, DateTime ExpiresAt);

/// <summary>
/// Bulk creation of pegawai accounts for HR (CLI <c>users provision</c>): every active employee of a region, or the
/// NIPs of a list. Idempotent: employees who have an account are skipped, so a re-run creates only what is missing.
/// Each new account gets a one-time activation code valid for <see cref="AccessOptions.ActivationCodeDays"/> days.
/// </summary>
public sealed class EmployeeProvisioning(EmployeeDirectory directory, EmployeeAccountStore accounts,
    IOptions<AccessOptions> options, TimeProvider time)
{
    public async Task<ProvisioningResult> ForRegionAsync(string regionId, string actor, CancellationToken ct = default)
    {
        if (!await directory.RegionExistsAsync(regionId, ct))
        {
            throw new AccessException($"Unknown region '{regionId}'.");
        }
        var nips = await directory.ActiveInRegionAsync(regionId, ct);
        return await CreateAsync(nips, [], actor, "region:" + regionId, ct);
    }

    /// <summary>
    /// Accounts for the NIPs of <paramref name="rows"/> (line number and text, e.g. from <see cref="NipList.ReadAsync"/>):
    /// each must be a valid NIP of an active employee; the others are reported by line.
    /// </summary>
    public async Task<ProvisioningResult> ForNipsAsync(IReadOnlyList<NipList.Row> rows, string actor, CancellationToken ct = default)
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
        return await CreateAsync(nips, errors, actor, "nips", ct);
    }

    private async Task<ProvisioningResult> CreateAsync(IReadOnlyList<string> nips, List<string> errors, string actor,
        string target, CancellationToken ct)
    {
        var days = options.Value.ActivationCodeDays;
        if (days <= 0)
        {
            throw new AccessException($"{AccessOptions.Section}:ActivationCodeDays must be a positive number of days (it is {days}).");
        }
        var expiresAt = time.GetUtcNow().UtcDateTime.AddDays(days);
        var created = nips.Count == 0 ? [] : await accounts.CreatePendingAsync(nips, expiresAt, actor, target, ct);
        // Employees who left or joined between the two reads are neither created nor counted as having an account.
        var had = nips.Count == 0 ? 0 : (await accounts.WithAccountAsync(nips, ct)).Count - created.Count;
        return new ProvisioningResult(created, Math.Max(0, had), errors, expiresAt);
    }

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
