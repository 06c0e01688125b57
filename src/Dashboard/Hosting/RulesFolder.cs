namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// Where the rules live when <c>Kinerja:RulesPath</c> is not set: the repository's <c>rules/</c> folder
/// (found by walking up to <c>KinerjaAnalytics.sln</c>, since <c>dotnet run</c> starts in the project
/// folder), else <c>rules/</c> under the working directory.
/// </summary>
internal static class RulesFolder
{
    public static string Resolve(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")) && Directory.Exists(Path.Combine(dir.FullName, "rules")))
            {
                return Path.Combine(dir.FullName, "rules");
            }
        }
        return Path.GetFullPath("rules");
    }
}
