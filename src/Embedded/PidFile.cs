namespace Kinerja.Embedded;

/// <summary>Reads <c>postmaster.pid</c> to tell a live server from a crashed run's leftover.</summary>
internal static class PidFile
{
    public static string PathOf(string dataDir) => Path.Combine(dataDir, "postmaster.pid");

    /// <summary>The pid of a live postmaster serving this folder, or null when none is running.</summary>
    public static int? LivePostmaster(string dataDir)
    {
        var file = PathOf(dataDir);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (IOException)
        {
            return null;
        }
        if (lines.Length == 0 || !int.TryParse(lines[0].Trim(), out var pid) || pid <= 0)
        {
            return null;
        }
        // A recycled pid may now belong to any process: only a 'postgres' process counts.
        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            return comm is "postgres" or "postmaster" ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The TCP port recorded in the lock file (line 4).</summary>
    public static int? Port(string dataDir)
    {
        try
        {
            var lines = File.ReadAllLines(PathOf(dataDir));
            return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) && port > 0 ? port : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Removes a leftover lock file; PostgreSQL would otherwise refuse to start if its pid was recycled.</summary>
    public static async Task RemoveStaleAsync(string dataDir, ProcessRunner runner, CancellationToken ct)
    {
        var file = PathOf(dataDir);
        if (!File.Exists(file))
        {
            return;
        }
        await runner.RunAsync("rm", ["-f", file], ct: ct);
        if (File.Exists(file))
        {
            File.Delete(file);
        }
    }
}
