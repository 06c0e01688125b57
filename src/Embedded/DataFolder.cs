using System.Security.Cryptography;
using System.Text;
using Kinerja.Core.Startup;

namespace Kinerja.Embedded;

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
            Create(full);
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
            throw new StartupFailedException(
                $"cannot use {full} as the embedded PostgreSQL data folder: neither it nor {fallback} is writable by OS user " +
                $"'{runner.RunAsUser}'; set Kinerja:Postgres:DataDir to a folder that user can write");
        }
        report($"Data folder {full} is not reachable by OS user '{runner.RunAsUser}' (a parent folder is private); " +
               $"using {fallback} instead.");
        return fallback;
    }

    /// <summary>Creates the folder (as root), hands it to the OS user, and checks that user can write there.</summary>
    private static async Task<bool> PrepareForUserAsync(string dir, ProcessRunner runner, CancellationToken ct)
    {
        var fresh = !Directory.Exists(dir);
        Create(dir);
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

    private static void Create(string dir)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw EmbeddedFailure.Folder(dir, ex);
        }
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
