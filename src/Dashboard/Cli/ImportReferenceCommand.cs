using System.CommandLine;
using Kinerja.Dashboard.Reference;

namespace Kinerja.Dashboard.Cli;

/// <summary><c>import reference FILE</c>: regions, units, employees or holidays from CSV or JSON.</summary>
internal static class ImportReferenceCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV or JSON file (columns: src/Dashboard/Reference/README.md)." };
        var reference = new Command("reference", "Import regions, units, employees or holidays.") { file };
        reference.TreatUnmatchedTokensAsErrors = false;
        reference.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: File not found: {path.FullName}");
                return CliExitCodes.Usage;
            }
            await using var host = await CliHost.StartAsync(parse.UnmatchedTokens.ToArray());
            var importer = new ReferenceImporter(host.Services.GetRequiredService<Kinerja.Core.Reference.ReferenceRepository>(),
                new Access.EmployeeAccountStore(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>()));
            ReferenceImportResult result;
            try
            {
                result = await importer.ImportAsync(path.FullName, ct);
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"error: {ex.Message}");
                return CliExitCodes.Usage;
            }
            foreach (var rejected in result.Errors)
            {
                await error.WriteLineAsync("rejected " + rejected);
            }
            await output.WriteLineAsync($"Imported {result.Regions} regions, {result.Units} units, {result.Employees} employees, " +
                                        $"{result.Holidays} holidays; rejected {result.Errors.Count} rows.");
            if (result.DisabledAccounts.Count > 0)
            {
                await output.WriteLineAsync($"Disabled {result.DisabledAccounts.Count} pegawai accounts of employees no longer active: " +
                                            string.Join(", ", result.DisabledAccounts));
            }
            return result.Errors.Count == 0 ? CliExitCodes.Ok : CliExitCodes.Failed;
        });
        return reference;
    }
}
