using System.Security.Cryptography;
using System.Text;

namespace Kinerja.Core.Database.Embedded;

/// <summary>
/// Chooses the cluster's data folder. As root, PostgreSQL runs as an unprivileged user who must be
/// able to reach the folder; a clone under a private home (/root) is not traversable, so we fall
/// back to a stable folder under /var/tmp derived from the requested path (same clone, same data).
/// </summary>
internal static class DataFolder
{
    public const string FallbackRoot = "/var/tmp";

    public static async Task<string> ResolveAsync(string requested, ProcessRunner runner, Action<string> report,
        CancellationToken ct)
    {
        var full = Path.GetFullPath(requested);
        if (runner.RunAsUser is null)
        {
            Directory.CreateDirectory(full);
            return full;
        }
        if (await PrepareForUserAsync(full, runner, ct))
        {
            return full;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var fallback = Path.Combine(FallbackRoot, $"kinerja-{hash}", "pg");
        if (!await PrepareForUserAsync(fallback, runner, ct))
        {
            throw new InvalidOperationException(
                $"Neither {full} nor {fallback} can be used by OS user '{runner.RunAsUser}' for PostgreSQL data.");
        }
        report($"Data folder {full} is not reachable by OS user '{runner.RunAsUser}' (a parent folder is private); " +
               $"using {fallback} instead.");
        return fallback;
    }

    /// <summary>Creates the folder (as root), hands it to the OS user, and checks that user can write there.</summary>
    private static async Task<bool> PrepareForUserAsync(string dir, ProcessRunner runner, CancellationToken ct)
    {
        var fresh = !Directory.Exists(dir);
        Directory.CreateDirectory(dir);
        var root = new ProcessRunner(null);
        if (fresh || !File.Exists(Path.Combine(dir, "PG_VERSION")))
        {
            await root.RunCheckedAsync("chown", [$"{runner.RunAsUser}:", dir], ct: ct);
            await root.RunCheckedAsync("chmod", ["700", dir], ct: ct);
        }
        var probe = await runner.RunAsync("sh", ["-c", "cd \"$1\" && test -w . && test -x .", "sh", dir], ct: ct);
        if (probe.ExitCode != 0 && fresh)
        {
            TryDelete(dir);
        }
        return probe.ExitCode == 0;
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
