using System.Reflection;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>The built server (<c>src/Dashboard/bin/{Configuration}/net10.0/Kinerja.Dashboard.dll</c>) and the repository's folders.</summary>
public static class DashboardBinary
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string RulesFolder => Path.Combine(RepositoryRoot, "rules");

    /// <summary>The server assembly of the same configuration as this test assembly (the project reference builds it).</summary>
    public static string Dll
    {
        get
        {
            var configuration = typeof(DashboardBinary).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
                ?? "Debug";
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
            var dll = Path.Combine(RepositoryRoot, "src", "Dashboard", "bin", configuration, tfm, "Kinerja.Dashboard.dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"The server is not built at {dll}; build src/Dashboard ({configuration}) first.", dll);
            }
            return dll;
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
        throw new InvalidOperationException("KinerjaAnalytics.sln not found above " + AppContext.BaseDirectory);
    }
}
