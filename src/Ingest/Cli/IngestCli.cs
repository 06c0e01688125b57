using Kinerja.Core.Clock;
using Kinerja.Ingest.Pipeline;
using Kinerja.Ingest.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Spectre.Console;

namespace Kinerja.Ingest.Cli;

/// <summary>
/// <c>import &lt;stream&gt; &lt;file.csv|file.ndjson&gt;</c> for every stream in <see cref="IngestStreams"/>
/// (activities, attendance, ratings, reviews): the bulk import of
/// history through the same validation and write path as HTTP. Shows a progress bar with the rate,
/// prints a summary, writes rejected rows to <c>&lt;file&gt;.rejected.csv</c>. Re-running a file is a
/// no-op (every row a duplicate). Errors go to stderr, the progress and summary to stdout. Exit code: 0 all
/// stored (or already stored), 1 some rows rejected, 2 usage or file error, 69 the database stayed unavailable
/// (EX_UNAVAILABLE, as when it cannot be reached at start).
/// </summary>
public static class IngestCli
{
    /// <summary>The usage line, naming every registered stream.</summary>
    public static string Usage { get; } =
        $"usage: import {string.Join('|', IngestStreams.All.Select(s => s.Name))} <file.csv|file.ndjson>";

    /// <summary>Exit code when the database stays unavailable (sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = Kinerja.Core.Startup.StartupExitCodes.Unavailable;

    /// <summary>
    /// Runs with services that include <c>AddKinerjaIngest</c> and an <see cref="NpgsqlDataSource"/>. A relative file
    /// path is taken from the working directory. <paramref name="console"/> (stdout by default) gets the progress and
    /// summary, <paramref name="error"/> (stderr by default) the errors.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IServiceProvider services, IAnsiConsole? console = null,
        TextWriter? error = null, CancellationToken ct = default)
    {
        console ??= AnsiConsole.Console;
        error ??= System.Console.Error;
        var rest = args.Length > 0 && args[0] == "import" ? args[1..] : args;
        if (rest.Length < 2)
        {
            return Fail(error, Usage, 2);
        }
        var path = Path.GetFullPath(rest[1]);
        if (!File.Exists(path))
        {
            return Fail(error, $"File not found: {path}", 2);
        }
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var chunk = services.GetRequiredService<IOptions<IngestOptions>>().Value.BatchSize;
        var stream = services.GetRequiredService<IngestStreamRegistry>().Find(rest[0]);
        if (stream is null)
        {
            return Fail(error, $"Unknown stream '{rest[0]}'. {Usage}", 2);
        }
        try
        {
            return await stream.ImportAsync(path, pipeline, chunk, console, ct);
        }
        catch (FormatException ex)
        {
            return Fail(error, ex.Message, 2);
        }
        catch (IngestUnavailableException ex)
        {
            return Fail(error, $"{ex.Message} Gave up after {FileImport.GiveUpAfter.TotalMinutes:0} minutes; re-run the import later (it is idempotent).",
                Unavailable);
        }
    }

    /// <summary>Runs against a connection string with a private pipeline (for tools without a host).</summary>
    public static async Task<int> RunAsync(string[] args, string connectionString, IAnsiConsole? console = null,
        TextWriter? error = null, CancellationToken ct = default)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        var configuration = new ConfigurationBuilder().Build();
        services.AddKinerjaClock(configuration, Environments.Production);
        services.AddKinerjaIngest(configuration);
        await using var provider = services.BuildServiceProvider();
        var writer = provider.GetRequiredService<IngestWriter>();
        try
        {
            return await RunAsync(args, provider, console, error, ct);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static int Fail(TextWriter error, string message, int code)
    {
        error.WriteLine("error: " + message);
        return code;
    }
}
