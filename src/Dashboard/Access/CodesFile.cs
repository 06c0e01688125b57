using System.Text;

namespace Kinerja.Dashboard.Access;

/// <summary>
/// The activation codes file for distribution: CSV <c>nip,name,username,code</c> (RFC 4180 quoting), UTF-8. Created
/// new (an existing file is never overwritten: it may hold codes not handed out yet), readable by its owner only
/// (mode 0600) on Unix.
/// </summary>
public static class CodesFile
{
    public const string Header = "nip,name,username,code";

    /// <summary>Creates the file empty, so a bad path fails before any account is created.</summary>
    public static FileStream CreateNew(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            return new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new AccessException($"{Path.GetFullPath(path)} exists already; it may hold codes not handed out yet. Choose another --out file.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AccessException($"Cannot create {Path.GetFullPath(path)}: {ex.Message}");
        }
    }

    public static async Task WriteAsync(Stream stream, IReadOnlyList<ProvisionedAccount> accounts, CancellationToken ct = default)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteLineAsync(Header.AsMemory(), ct);
        foreach (var a in accounts)
        {
            await writer.WriteLineAsync($"{Field(a.Nip)},{Field(a.Name)},{Field(a.Username)},{Field(a.Code)}".AsMemory(), ct);
        }
    }

    private static string Field(string value)
    {
        // A spreadsheet must not read a name as a formula (CSV injection).
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
