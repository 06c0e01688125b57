using System.CommandLine;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// The <c>rules</c> verbs and the event-history imports as commands of the root, so <c>--help</c> lists them with
/// their arguments. They are run by <see cref="PassThroughVerbs"/> (their modules parse their own arguments);
/// these declarations only describe them.
/// </summary>
internal static class ModuleCommands
{
    public static Command Rules()
    {
        var rules = new Command("rules", "Validate, test, evaluate and backtest the rule workflows (validate, test and eval need no database).");
        rules.Subcommands.Add(new Command("validate", "Validate every workflow file under the path.") { RulesPath() });
        rules.Subcommands.Add(new Command("test", "Validate, then run the fixtures in <path>/tests.") { RulesPath() });
        rules.Subcommands.Add(new Command("eval", "Print the events and triggers a snapshot yields, as JSON.")
        {
            new Argument<string>("workflow") { Description = "Workflow name, or all." },
            new Argument<FileInfo>("snapshot") { Description = "Snapshot JSON file, or - for standard input." },
            RulesOption(),
        });
        rules.Subcommands.Add(new Command("backtest", "Replay the rules folder over stored history and print, as JSON, who gains or loses which trigger against the active rules.")
        {
            new Option<string>("--from") { Description = "First period (YYYY-MM, YYYY-Qn or YYYY).", Required = true },
            new Option<string>("--to") { Description = "Last period (default: --from)." },
            RulesOption(),
        });
        return rules;
    }

    /// <summary><c>import activities|attendance|ratings|reviews|feedback FILE</c>.</summary>
    public static IEnumerable<Command> Streams() => PassThroughVerbs.Streams.Select(stream =>
        new Command(stream, $"Import {stream} history through the ingest validation and write path (progress bar; rejected rows to <file>.rejected.csv; re-running is a no-op).")
        {
            new Argument<FileInfo>("file") { Description = "CSV with a header row, or NDJSON (columns: src/Ingest/README.md)." },
        });

    private static Argument<DirectoryInfo> RulesPath() => new("path")
    {
        Description = "Rules folder or one workflow file (default: the repository's rules/).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Option<DirectoryInfo> RulesOption() => new("--rules")
    {
        Description = "Rules folder (default: the repository's rules/).",
    };
}
