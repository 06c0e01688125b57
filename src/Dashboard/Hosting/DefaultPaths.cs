using Kinerja.Embedded;

namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// Folders the process uses when the configuration names none. They hang off the content root, not the working
/// directory, so a server or CLI verb started from any folder finds the same cluster and rules: from a source
/// checkout the cluster is <c>src/Dashboard/.kinerja/pg</c> (where <c>dotnet run --project src/Dashboard</c> has
/// always kept it) and the rules are the repository's <c>rules/</c>. A relative path that is configured
/// (<c>--Kinerja:Postgres:DataDir=x</c>, <c>Kinerja__RulesPath=x</c>) is taken from the working directory, like
/// any path typed in a shell.
/// </summary>
public static class DefaultPaths
{
    public const string DataDirKey = $"{EmbeddedPostgresOptions.Section}:{nameof(EmbeddedPostgresOptions.DataDir)}";
    public const string RulesPathKey = "Kinerja:RulesPath";

    /// <summary>The embedded cluster's folder when <c>Kinerja:Postgres:DataDir</c> is not set.</summary>
    public static string DataDir(string contentRoot) => Path.Combine(contentRoot, ".kinerja", "pg");

    /// <summary>Writes absolute folders into <paramref name="configuration"/>: the default data folder when none is set, and the rules folder.</summary>
    public static void ApplyKinerjaDefaultPaths(this IConfiguration configuration, string contentRoot)
    {
        configuration[DataDirKey] = string.IsNullOrWhiteSpace(configuration[DataDirKey])
            ? DataDir(contentRoot)
            : Path.GetFullPath(configuration[DataDirKey]!);
        configuration[RulesPathKey] = RulesFolder.Resolve(configuration[RulesPathKey], contentRoot);
    }
}
