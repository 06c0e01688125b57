using System.CommandLine;
using Kinerja.Dashboard.Access.Cli;
using Kinerja.Dashboard.Hosting;
using Kinerja.Dashboard.Reference;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// Command-line verbs of the one binary (<c>dotnet run --project src/Dashboard -- VERB ...</c>).
/// Anything that is not a verb starts the server.
/// </summary>
public static class CliCommands
{
    private static readonly string[] Verbs = ["import", "rules", "users", "sources"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    /// <summary>Runs a verb; <paramref name="output"/>/<paramref name="error"/> default to the console (tests pass writers).</summary>
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
        if (PassThroughVerbs.Handles(args))
        {
            return await PassThroughVerbs.RunAsync(args, output ?? Console.Out, error ?? Console.Error);
        }
        var root = new RootCommand("Kinerja Analytics command-line tools.");
        root.Subcommands.Add(ImportCommand());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(SourcesCommand.Create());
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        });
    }

    private static Command ImportCommand()
    {
        var import = new Command("import", "Import reference data or event history from files.");
        var file = new Argument<FileInfo>("file") { Description = "CSV or JSON file (see src/Dashboard/Reference/README.md)." };
        var reference = new Command("reference", "Import regions, units, employees or holidays.") { file };
        reference.TreatUnmatchedTokensAsErrors = false;
        reference.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"File not found: {path.FullName}");
                return 2;
            }
            await using var host = await CliHost.StartAsync(parse.UnmatchedTokens.ToArray());
            var importer = new ReferenceImporter(host.Services.GetRequiredService<Kinerja.Core.Reference.ReferenceRepository>());
            ReferenceImportResult result;
            try
            {
                result = await importer.ImportAsync(path.FullName, ct);
            }
            catch (FormatException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 1;
            }
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync("rejected " + error);
            }
            Console.WriteLine($"Imported {result.Regions} regions, {result.Units} units, {result.Employees} employees, " +
                              $"{result.Holidays} holidays; rejected {result.Errors.Count} rows.");
            return result.Errors.Count == 0 ? 0 : 1;
        });
        import.Subcommands.Add(reference);
        return import;
    }
}
