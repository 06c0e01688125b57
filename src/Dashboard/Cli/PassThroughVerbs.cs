using Kinerja.Core.Indicators;
using Kinerja.Dashboard.Hosting;
using Kinerja.Ingest;
using Kinerja.Ingest.Cli;
using Kinerja.Rules.Cli;
using Kinerja.Rules.Hosting;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// Verbs whose parsing lives with their module: <c>rules ...</c> (Rules) and
/// <c>import activities|attendance|ratings|reviews|feedback|surveys</c> (Ingest). Tokens like <c>--Key=value</c> / <c>--Key:Sub=value</c>
/// configure the database host as for the server. A request for help goes to the declared commands instead
/// (<see cref="ModuleCommands"/>).
/// </summary>
internal static class PassThroughVerbs
{
    public static readonly string[] Streams = ["activities", "attendance", "ratings", "reviews", "surveys"];

    public static bool Handles(string[] args) =>
        args.Length > 0 && !args.Any(CliHelp.IsHelpToken)
        && (args[0] == "rules" || (args[0] == "import" && args.Length > 1 && Streams.Contains(args[1])));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var config = args.Where(IsConfigToken).ToArray();
        var verbArgs = args.Where(a => !IsConfigToken(a)).ToArray();
        if (verbArgs[0] == "import")
        {
            await using var host = await CliHost.StartAsync(config, (services, configuration) => services.AddKinerjaIngest(configuration));
            return await IngestCli.RunAsync(verbArgs, host.Services, error: error);
        }
        verbArgs = WithDefaultRulesPath(verbArgs);
        if (verbArgs.Length > 1 && verbArgs[1] == "backtest")
        {
            await using var host = await CliHost.StartAsync(config, (services, configuration) =>
            {
                services.AddKinerjaIndicators();
                services.AddKinerjaRules(configuration);
            });
            return await RulesCli.RunAsync(verbArgs, output, error, RulesBacktestCli.Handler(host.Services));
        }
        return await RulesCli.RunAsync(verbArgs, output, error);
    }

    /// <summary>Without a path, use the default rules folder (the repository's <c>rules/</c> from a checkout).</summary>
    private static string[] WithDefaultRulesPath(string[] a)
    {
        if (a.Length < 2)
        {
            return a;
        }
        var folder = RulesFolder.Resolve(null, ContentRoot.Find());
        return a[1] switch
        {
            "validate" or "test" when a.Skip(2).All(x => x.StartsWith("--", StringComparison.Ordinal)) => [.. a, folder],
            "eval" or "backtest" when !a.Contains("--rules") => [.. a, "--rules", folder],
            _ => a,
        };
    }

    /// <summary>A setting for the host (<c>--Key=value</c>), as opposed to the verb's own options.</summary>
    public static bool IsConfigToken(string a) =>
        a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=') && (a.Contains(':') || char.IsUpper(a[2]));
}
