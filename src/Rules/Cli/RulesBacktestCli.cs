using System.Text.Json;
using Kinerja.Rules.Backtest;
using Kinerja.Rules.Hosting;
using Kinerja.Rules.Loading;
using Kinerja.Rules.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Kinerja.Rules.Cli;

/// <summary>
/// The database part of <c>rules backtest</c>: the host builds a service provider with
/// <c>AddKinerjaRules</c>, Core's <c>NpgsqlDataSource</c> and the indicators' <see cref="ISnapshotSource"/>,
/// then passes <c>RulesBacktestCli.Handler(services)</c> to <see cref="RulesCli.RunAsync(string[], TextWriter, TextWriter, Func{BacktestCliRequest, TextWriter, TextWriter, Task{int}})"/>.
/// The candidate is the rules folder; the baseline is the active set in the database. Prints the report as JSON.
/// </summary>
public static class RulesBacktestCli
{
    public static Func<BacktestCliRequest, TextWriter, TextWriter, Task<int>> Handler(IServiceProvider services) =>
        async (request, stdout, stderr) =>
        {
            var rules = services.GetRequiredService<RulesService>();
            await rules.ReloadAsync(CancellationToken.None);
            var (sources, loadIssues) = RuleFileLoader.LoadFolder(request.RulesPath);
            if (loadIssues.Count > 0)
            {
                foreach (var i in loadIssues)
                {
                    await stderr.WriteLineAsync(i.ToString());
                }
                return 1;
            }
            var (report, issues) = await services.GetRequiredService<Backtester>()
                .RunAsync(sources, PeriodRange.Expand(request.From, request.To), 100, CancellationToken.None);
            if (report is null)
            {
                foreach (var i in issues)
                {
                    await stderr.WriteLineAsync(i.ToString());
                }
                return 1;
            }
            await stdout.WriteLineAsync(JsonSerializer.Serialize(report, SnapshotJson.Output));
            return 0;
        };
}
