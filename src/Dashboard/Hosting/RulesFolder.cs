namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// Where the rules live when <c>Kinerja:RulesPath</c> is not set: the repository's <c>rules/</c> folder, found by
/// walking up from the content root (<c>src/Dashboard</c> in a checkout) to <c>KinerjaAnalytics.sln</c>; else
/// <c>rules/</c> under the content root. A configured relative path is taken from the working directory.
/// </summary>
internal static class RulesFolder
{
    public static string Resolve(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KinerjaAnalytics.sln")) && Directory.Exists(Path.Combine(dir.FullName, "rules")))
            {
                return Path.Combine(dir.FullName, "rules");
            }
        }
        return Path.Combine(contentRoot, "rules");
    }
}
