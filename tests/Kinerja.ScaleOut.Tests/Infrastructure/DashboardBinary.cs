using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>The built server and the repository's folders (<see cref="BuiltDashboard"/>).</summary>
public static class DashboardBinary
{
    public static string RepositoryRoot => BuiltDashboard.RepositoryRoot;

    public static string RulesFolder => BuiltDashboard.RulesFolder;

    public static string Dll => BuiltDashboard.Dll;

    public static string DotnetHost => BuiltDashboard.DotnetHost;
}
