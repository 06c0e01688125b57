using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;

namespace Kinerja.Rules.Testing;

/// <summary>
/// A rule set with the workflows of one alternative rule file (e.g. a regional <c>tpp</c> variant in
/// <c>rules/variants/</c>) in place of the same-named ones: what a fixture file naming <c>"rules"</c> runs against,
/// the same set a region gets when it publishes that file.
/// </summary>
public static class VariantRuleSet
{
    /// <summary>
    /// Compiles <paramref name="baseSet"/>'s sources with the workflows of <paramref name="relativePath"/> (relative to
    /// <paramref name="rulesFolder"/>, inside it) replacing the workflows of the same name; null and the reason when the
    /// file is missing, outside the folder or does not compile.
    /// </summary>
    public static (CompiledRuleSet? Set, string? Problem) Compile(CompiledRuleSet baseSet, string? rulesFolder, string relativePath)
    {
        if (rulesFolder is null)
        {
            return (null, $"the fixture runs the rule file '{relativePath}', but no rules folder was given to find it in");
        }
        var root = Path.GetFullPath(rulesFolder);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!full.StartsWith(root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return (null, $"the rule file '{relativePath}' is outside the rules folder {root}");
        }
        if (!File.Exists(full))
        {
            return (null, $"the rule file '{relativePath}' does not exist in {root}");
        }
        var (parsed, loadIssues) = RuleFileLoader.Parse(relativePath, File.ReadAllText(full));
        if (loadIssues.Count > 0 || parsed.Count == 0)
        {
            return (null, $"the rule file '{relativePath}' does not load: {string.Join("; ", loadIssues.DefaultIfEmpty(new Model.RuleIssue(relativePath, null, null, "no workflow")))}");
        }
        var names = parsed.Select(w => w.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sources = baseSet.Sources.Where(s => !names.Contains(s.Name)).Concat(parsed).ToList();
        var (set, issues) = RuleSetCompiler.Compile(sources, null, baseSet.Limits);
        return set is null
            ? (null, $"the rule set with '{relativePath}' does not compile: {string.Join("; ", issues)}")
            : (set, null);
    }
}
