namespace Kinerja.Embedded;

/// <summary>Locates <c>initdb</c> and <c>pg_ctl</c>: configured folder, else PATH, else the Debian layout.</summary>
public sealed record PostgresBinaries(string BinDir)
{
    public const string DebianRoot = "/usr/lib/postgresql";

    public string InitDb => Path.Combine(BinDir, "initdb");

    public string PgCtl => Path.Combine(BinDir, "pg_ctl");

    public static PostgresBinaries Locate(string? binDir) =>
        Locate(binDir, Environment.GetEnvironmentVariable("PATH"), DebianRoot);

    public static PostgresBinaries Locate(string? binDir, string? pathVariable, string debianRoot)
    {
        if (!string.IsNullOrWhiteSpace(binDir))
        {
            return HasBoth(binDir)
                ? new PostgresBinaries(Path.GetFullPath(binDir))
                : throw new PostgresNotInstalledException(
                    $"Kinerja:Postgres:BinDir '{binDir}' holds no initdb and pg_ctl. {PostgresNotInstalledException.Advice}");
        }
        foreach (var dir in (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasBoth(dir))
            {
                // A PATH entry is often a symlink farm (/usr/local/bin); resolve to the real folder
                // so initdb finds its sibling 'postgres' executable.
                var real = Path.GetDirectoryName(new FileInfo(Path.Combine(dir, "initdb")).ResolveLinkTarget(true)?.FullName ?? "");
                return new PostgresBinaries(!string.IsNullOrEmpty(real) && HasBoth(real) ? real : Path.GetFullPath(dir));
            }
        }
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d),
                    System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(x => HasBoth(x.Dir))
                .OrderByDescending(x => x.Version)
                .FirstOrDefault();
            if (best.Dir is not null)
            {
                return new PostgresBinaries(best.Dir);
            }
        }
        throw new PostgresNotInstalledException(PostgresNotInstalledException.Advice);
    }

    private static bool HasBoth(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl"));
}
