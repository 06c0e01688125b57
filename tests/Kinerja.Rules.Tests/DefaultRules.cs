using Kinerja.Rules.Compilation;
using Kinerja.Rules.Engine;
using Kinerja.Rules.Loading;

namespace Kinerja.Rules.Tests;

/// <summary>The repository's default workflows, compiled once for the test run.</summary>
internal static class DefaultRules
{
    private static readonly Lazy<CompiledRuleSet> Lazy = new(() =>
    {
        var (workflows, issues) = RuleFileLoader.LoadFolder(RepoPaths.Rules);
        Assert.Empty(issues);
        return RuleSetCompiler.CompileOrThrow(workflows);
    });

    public static CompiledRuleSet Set => Lazy.Value;
}
