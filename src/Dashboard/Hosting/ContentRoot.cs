namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// The folder that holds <c>appsettings.json</c> and <c>wwwroot</c>. <c>dotnet run</c> starts the program in the
/// folder the user typed the command in (<c>RunWorkingDirectory</c> in the csproj), so the working directory is
/// no longer the project folder: the content root is found from the binary instead. From a source checkout
/// (the binary under <c>src/Dashboard/bin/</c>) it is <c>src/Dashboard</c>; a published binary uses its own
/// folder. An explicit <c>--contentRoot</c> (or <c>ASPNETCORE_CONTENTROOT</c>/<c>DOTNET_CONTENTROOT</c>) wins.
/// </summary>
public static class ContentRoot
{
    private const string ProjectFile = "Kinerja.Dashboard.csproj";

    /// <summary>Options for <c>WebApplication.CreateBuilder</c> with the content root above.</summary>
    public static WebApplicationOptions WebOptions(string[] args) => new()
    {
        Args = args,
        ContentRootPath = IsExplicit(args) ? null : Find(),
    };

    /// <summary>The content root for <paramref name="args"/>: null when the caller set one (the host then takes it).</summary>
    public static string? For(string[] args) => IsExplicit(args) ? null : Find();

    /// <summary><c>src/Dashboard</c> when running from its build output (bin/{Configuration}/{tfm}), else the binary's folder.</summary>
    public static string Find()
    {
        var binary = new DirectoryInfo(AppContext.BaseDirectory);
        var dir = binary;
        for (var up = 0; up < 4 && dir is not null; up++, dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                return dir.FullName;
            }
        }
        return binary.FullName;
    }

    private static bool IsExplicit(string[] args) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"))
        || args.Any(a => a.TrimStart('-', '/').StartsWith("contentRoot", StringComparison.OrdinalIgnoreCase));
}
