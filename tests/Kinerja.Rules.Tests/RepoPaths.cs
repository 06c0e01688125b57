using Kinerja.Testing;

namespace Kinerja.Rules.Tests;

/// <summary>The repository's folders, from the test binaries (<see cref="BuiltDashboard"/>).</summary>
internal static class RepoPaths
{
    public static string Root => BuiltDashboard.RepositoryRoot;

    public static string Rules => BuiltDashboard.RulesFolder;
}
