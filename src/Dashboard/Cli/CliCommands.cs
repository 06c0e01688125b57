using System.CommandLine;
using System.CommandLine.Help;
using Kinerja.Dashboard.Access.Cli;
using Kinerja.Dashboard.Hosting;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// Command-line verbs of the one binary (<c>dotnet run --project src/Dashboard -- VERB ...</c>), plus <c>--help</c>
/// and <c>--version</c>. Arguments that are only settings (<c>--Key=value</c>, <c>Key=value</c>) start the server.
/// </summary>
public static class CliCommands
{
    private static readonly string[] Verbs = ["import", "rules", "users", "sources"];

    /// <summary>
    /// True when <paramref name="args"/> ask for a verb, help or the version rather than the server: a first argument
    /// that is not a setting (a verb, or a mistyped one, which is then reported instead of starting the server),
    /// or a help or version option anywhere.
    /// </summary>
    public static bool IsCommand(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0]) || args[0] == "--version" || args.Any(CliHelp.IsHelpToken)
                            || !IsSetting(args[0]));

    /// <summary>
    /// Runs a verb; <paramref name="output"/>/<paramref name="error"/> default to the console (tests pass writers).
    /// Returns a <see cref="CliExitCodes"/> value.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        try
        {
            return await RunVerbAsync(args, output, error);
        }
        catch (OperationCanceledException)
        {
            return 130; // Ctrl+C, as System.CommandLine reports it
        }
        catch (Exception ex)
        {
            // One line and a documented exit code (69: database unavailable, 78: bad setting), as for the server.
            var verbose = args.Any(a => a is "--verbose" || a.EndsWith("LogLevel:Default=Debug", StringComparison.OrdinalIgnoreCase));
            return StartupGuard.Report(ex, error ?? Console.Error, verbose);
        }
    }

    private static async Task<int> RunVerbAsync(string[] args, TextWriter? output, TextWriter? error)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        args = Normalize(args);
        if (PassThroughVerbs.Handles(args))
        {
            return await PassThroughVerbs.RunAsync(args, output, error);
        }
        var root = Root();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}");
            }
            await error.WriteLineAsync("Run with --help for the commands and their options.");
            return CliExitCodes.Usage;
        }
        if (parse.Action is not HelpAction)
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        using var help = new StringWriter();
        var code = await parse.InvokeAsync(new InvocationConfiguration { Output = help, Error = error, EnableDefaultExceptionHandler = false });
        await output.WriteAsync(CliHelp.WithInvocation(help.ToString()));
        if (parse.CommandResult.Command == root)
        {
            await output.WriteLineAsync(CliHelp.Server);
            await output.WriteLineAsync();
        }
        await output.WriteLineAsync(CliExitCodes.Table);
        return code;
    }

    private static RootCommand Root()
    {
        var root = new RootCommand(CliHelp.Description);
        root.Options.Add(new Option<bool>(CliLogging.VerboseFlag)
        {
            Description = "Write the host's log lines (Information and up) to standard error.",
            Recursive = true,
        });
        var import = new Command("import", "Import reference data or event history from files.");
        import.Subcommands.Add(ImportReferenceCommand.Create());
        foreach (var stream in ModuleCommands.Streams())
        {
            import.Subcommands.Add(stream);
        }
        foreach (var skp in ImportSkpCommands.Create())
        {
            import.Subcommands.Add(skp);
        }
        root.Subcommands.Add(import);
        root.Subcommands.Add(ModuleCommands.Rules());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(SourcesCommand.Create());
        return root;
    }

    /// <summary><c>help [verb]</c> means <c>[verb] --help</c>; <c>--verbose</c> becomes the log level setting it stands for.</summary>
    private static string[] Normalize(string[] args)
    {
        if (args.Length > 0 && args[0] == "help")
        {
            args = [.. args[1..], "--help"];
        }
        return args.Select(a => a == CliLogging.VerboseFlag ? CliLogging.VerboseSetting : a).ToArray();
    }

    /// <summary>A configuration argument of the server: <c>--Key=value</c>, <c>--Key value</c>, <c>/Key=value</c> or <c>Key=value</c>.</summary>
    private static bool IsSetting(string arg) => arg.StartsWith('-') || arg.StartsWith('/') || arg.Contains('=');
}
