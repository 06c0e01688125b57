using Kinerja.Core.Startup;

namespace Kinerja.Embedded;

/// <summary>
/// One line for each way the embedded cluster fails to come up, with what to do, read from what
/// initdb, pg_ctl and the server log say (port in use, disk full, permissions) or from the file system.
/// </summary>
internal static class EmbeddedFailure
{
    private const string DataDirKey = EmbeddedPostgresOptions.Section + ":DataDir";
    private const string PortKey = EmbeddedPostgresOptions.Section + ":Port";

    /// <summary>initdb failed creating the cluster in <paramref name="dataDir"/>.</summary>
    public static StartupFailedException Create(string dataDir, string osUser, string output) =>
        FromOutput($"cannot create the embedded PostgreSQL cluster in {dataDir}", dataDir, osUser, port: null, output, log: null);

    /// <summary>pg_ctl could not start the server; <paramref name="port"/> is the configured port (null when picked free).</summary>
    public static StartupFailedException Start(string dataDir, string osUser, int? port, string output, string logFile) =>
        FromOutput($"cannot start the embedded PostgreSQL in {dataDir}", dataDir, osUser, port, output, logFile);

    /// <summary>The data folder cannot be made: a parent is a file, no permission, disk full.</summary>
    public static StartupFailedException Folder(string dataDir, Exception ex)
    {
        var reason = ex switch
        {
            _ when IsDiskFull(ex.Message) => "the disk is full (no space left on device); free some space or choose a folder on another disk",
            UnauthorizedAccessException => "permission denied; choose a folder this user can write",
            _ when FileInPath(dataDir) is { } file => $"{file} is a file, not a folder; choose another path",
            _ => ex.Message.TrimEnd('.') + "; choose a writable folder",
        };
        return new StartupFailedException($"cannot use {dataDir} as the embedded PostgreSQL data folder: {reason} ({DataDirKey})",
            inner: ex);
    }

    private static StartupFailedException FromOutput(string failure, string dataDir, string osUser, int? port, string output,
        string? log)
    {
        var text = output + "\n" + (log is null ? "" : ReadTail(log));
        string reason;
        if (port is not null && text.Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"port {port} on 127.0.0.1 is already in use by another program; stop it, choose another {PortKey}, " +
                     $"or set {PortKey}=0 to pick a free port";
        }
        else if (IsDiskFull(text))
        {
            reason = $"the disk is full (No space left on device); free some space, or set {DataDirKey} to a folder on a disk with room";
        }
        else if (text.Contains("Permission denied", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"permission denied ({Quote(LastLine(text, "Permission denied"))}); make the folder writable by OS user " +
                     $"'{osUser}' or set {DataDirKey}";
        }
        else
        {
            reason = Quote(LastLine(text, "FATAL") ?? LastLine(text, "error") ?? LastLine(text, null)) +
                     (log is null ? "" : $"; server log: {log}");
        }
        return new StartupFailedException($"{failure}: {reason}", inner: new InvalidOperationException(text.Trim()));
    }

    private static bool IsDiskFull(string text) => text.Contains("No space left on device", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first existing ancestor of <paramref name="path"/> when it is a regular file.</summary>
    private static string? FileInPath(string path)
    {
        for (var p = Path.GetFullPath(path); !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                return p;
            }
            if (Directory.Exists(p))
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>The last line containing <paramref name="marker"/> (any non-empty line when null).</summary>
    private static string? LastLine(string text, string? marker) => text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .LastOrDefault(l => marker is null || l.Contains(marker, StringComparison.OrdinalIgnoreCase));

    private static string Quote(string? line) => string.IsNullOrEmpty(line) ? "no output" : line.TrimEnd('.');

    private static string ReadTail(string file)
    {
        try
        {
            return string.Join('\n', File.ReadLines(file).TakeLast(15));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
