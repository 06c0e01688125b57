using System.CommandLine;
using Kinerja.Dashboard.Skp;
using Kinerja.Dashboard.Skp.Import;
using Npgsql;

namespace Kinerja.Dashboard.Cli;

/// <summary>
/// <c>import skp-plans FILE</c>, <c>import skp-realisations FILE</c>, <c>import iku-targets FILE</c> and
/// <c>import iku-realisations UNIT FILE</c>: the SKP
/// import of the HTTP API (root README "Import SKP") from a <c>.csv</c> or <c>.json</c> file, through the same readers
/// and importers, without the body size limit. Rejected rows go to standard error; the exit code is 1 when there is one.
/// Like the HTTP import, what was committed is announced on the change feed (<c>kinerja_skp</c>, <see cref="SkpImportFeed"/>),
/// so a running server's open screens re-read at once.
/// </summary>
internal static class ImportSkpCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Verb("skp-plans", "Import SKP plans approved in another application (CSV: one row per indicator, or a JSON array).", null,
            async (host, content, csv, _, ct) =>
            {
                var plans = csv
                    ? SkpPlanImportReader.FromCsv(SkpImportTable.Read(content, SkpPlanImportReader.Required, SkpPlanImportReader.Optional))
                    : SkpPlanImportReader.FromJson(new SkpImportBody(false, content).Json());
                return await new SkpPlanImporter(host.GetRequiredService<NpgsqlDataSource>(), host.GetRequiredService<TimeProvider>())
                    .ImportAsync(plans, "cli", ct);
            });
        yield return Verb("skp-realisations", "Import SKP realisations (nip, rhk code, indicator position, period, value or text).", null,
            async (host, content, csv, _, ct) =>
            {
                var rows = csv
                    ? SkpRealisationImporter.FromCsv(SkpImportTable.Read(content, SkpRealisationImporter.Required, SkpRealisationImporter.Optional))
                    : SkpRealisationImporter.FromJson(new SkpImportBody(false, content).Json());
                var db = host.GetRequiredService<NpgsqlDataSource>();
                return await new SkpRealisationImporter(db, new SkpRealisationWrites(db, host.GetRequiredService<TimeProvider>())).ImportAsync(rows, ct);
            });
        yield return Verb("iku-targets", "Import units' IKU targets (unitId, year, code, name, targetValue, targetUnit, periodTargets).", null,
            async (host, content, csv, _, ct) =>
            {
                var rows = csv
                    ? UnitIkuTargetImporter.FromCsv(SkpImportTable.Read(content, UnitIkuTargetImporter.Required, UnitIkuTargetImporter.Optional))
                    : UnitIkuTargetImporter.FromJson(new SkpImportBody(false, content).Json());
                return await new UnitIkuTargetImporter(host.GetRequiredService<NpgsqlDataSource>(), host.GetRequiredService<TimeProvider>())
                    .ImportAsync(rows, "cli", null, ct);
            });
        yield return Verb("iku-realisations", "Import a unit's IKU realisations (eventId, iku, period, value, evidenceUrl, note).",
            new Argument<string>("unit") { Description = "The unit's id." },
            async (host, content, csv, unit, ct) =>
            {
                var rows = csv
                    ? UnitIkuRealisations.FromCsv(SkpImportTable.Read(content, UnitIkuRealisations.Required, UnitIkuRealisations.Optional))
                    : SkpRealisationImporter.FromJson(new SkpImportBody(false, content).Json(), "IKU realisations");
                return await new UnitIkuRealisations(host.GetRequiredService<NpgsqlDataSource>(), host.GetRequiredService<TimeProvider>())
                    .FileAsync(unit!, rows, "cli", ct) ?? throw new FormatException($"No unit has the id '{unit}'.");
            });
    }

    private delegate Task<SkpImportResult> Run(IServiceProvider host, byte[] content, bool csv, string? unit, CancellationToken ct);

    private static Command Verb(string name, string description, Argument<string>? unitArgument, Run run)
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv or .json file (columns and shapes: the root README, \"Import SKP\")." };
        var command = new Command(name, description);
        if (unitArgument is not null)
        {
            command.Arguments.Add(unitArgument);
        }
        command.Arguments.Add(file);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                await error.WriteLineAsync($"error: File not found: {path.FullName}");
                return CliExitCodes.Usage;
            }
            var csv = path.Extension.Equals(".csv", StringComparison.OrdinalIgnoreCase);
            if (!csv && !path.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
            {
                await error.WriteLineAsync($"error: {path.Name}: use a .csv or .json file.");
                return CliExitCodes.Usage;
            }
            var content = await File.ReadAllBytesAsync(path.FullName, ct);
            await using var host = await CliHost.StartAsync(parse.UnmatchedTokens.ToArray());
            SkpImportResult result;
            try
            {
                result = await run(host.Services, content, csv, unitArgument is null ? null : parse.GetValue(unitArgument), ct);
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync($"error: {path.Name}: {ex.Message}");
                return CliExitCodes.Usage;
            }
            await SkpImportFeed.PublishAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), result.Touched,
                host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ImportSkpCommands)));
            foreach (var row in result.Rows.Where(r => r.Status == SkpImportStatus.Rejected))
            {
                await error.WriteLineAsync($"rejected row {row.Row}: " + string.Join("; ", row.Errors.Select(e => $"{e.Field}: {e.Message}")));
            }
            await output.WriteLineAsync($"Accepted {result.Accepted}, duplicate {result.Duplicate}, rejected {result.Rejected} rows.");
            return result.Rejected == 0 ? CliExitCodes.Ok : CliExitCodes.Failed;
        });
        return command;
    }
}
