using System.Reflection;

namespace Kinerja.Testing;

/// <summary>
/// The repository and the built server (<c>src/Dashboard/bin/{Configuration}/{tfm}/Kinerja.Dashboard.dll</c>), for
/// tests that run it as an OS process the way an operator or a user does.
/// </summary>
public static class BuiltDashboard
{
    /// <summary>The folder holding <c>KinerjaAnalytics.sln</c>, found above the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary><c>src/Dashboard</c>.</summary>
    public static string ProjectFolder => Path.Combine(RepositoryRoot, "src", "Dashboard");

    /// <summary>The repository's <c>rules/</c> folder.</summary>
    public static string RulesFolder => Path.Combine(RepositoryRoot, "rules");

    /// <summary>The build configuration of the test binaries (the server is built in the same one through the project reference).</summary>
    public static string Configuration { get; } =
        typeof(BuiltDashboard).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The server assembly of the same configuration and target framework as the running tests.</summary>
    public static string Dll
    {
        get
        {
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var dll = Path.Combine(ProjectFolder, "bin", Configuration, tfm, "Kinerja.Dashboard.dll");
            return File.Exists(dll)
                ? dll
                : throw new FileNotFoundException($"The server is not built at {dll}; build src/Dashboard ({Configuration}) first.", dll);
        }
    }

    /// <summary>The <c>dotnet</c> host running these tests (the CLI passes it down), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
        ? host
        : "dotnet";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("KinerjaAnalytics.sln not found above " + AppContext.BaseDirectory);
    }
}
