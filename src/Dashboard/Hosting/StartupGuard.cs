using Kinerja.Core.Startup;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// The server's top-level catch: a start that fails ends in one line on stderr,
/// <c>error: cannot connect to PostgreSQL at db:5432, database "kinerja", user "kinerja": password authentication
/// failed (28P01)</c>, and an exit code from <see cref="StartupExitCodes"/>. The stack trace is printed only
/// when asked for with a Debug or Trace default log level (<c>--Logging:LogLevel:Default=Debug</c>).
/// </summary>
public static class StartupGuard
{
    public const string VerboseHint = "--Logging:LogLevel:Default=Debug";

    /// <summary>Runs <paramref name="run"/> (build, start and serve); returns the process exit code.</summary>
    public static async Task<int> RunAsync(IConfiguration configuration, Func<Task> run, TextWriter? error = null)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (ex is not HostAbortedException)
        {
            // HostAbortedException is how tools (WebApplicationFactory, dotnet-ef) stop Main after the build: not a failure.
            return Report(ex, error ?? Console.Error, IsVerbose(configuration));
        }
    }

    /// <summary>Writes the one line (and the stack trace when <paramref name="verbose"/>); returns the exit code.</summary>
    public static int Report(Exception exception, TextWriter error, bool verbose)
    {
        var failure = Find<StartupFailedException>(exception);
        var invalid = Find<OptionsValidationException>(exception);
        var taken = ListenFailure.Describe(exception);
        var (line, code) = (failure, invalid) switch
        {
            ({ } f, _) => (f.Message, f.ExitCode),
            _ when taken is not null => (taken, StartupExitCodes.Unavailable),
            (null, { } o) => ("invalid configuration: " + string.Join("; ", o.Failures), StartupExitCodes.Configuration),
            _ => ($"start-up failed: {exception.GetType().Name}: {OneLine(exception.Message)}" +
                  (verbose ? "" : $" (add {VerboseHint} for the stack trace)"), StartupExitCodes.Failed),
        };
        error.WriteLine("error: " + OneLine(line));
        if (verbose)
        {
            error.WriteLine(exception.ToString());
        }
        error.Flush();
        return code;
    }

    /// <summary>True when the default log level asks for detail (Debug or Trace).</summary>
    public static bool IsVerbose(IConfiguration configuration) =>
        configuration["Logging:LogLevel:Default"]?.Trim() is { } level &&
        (level.Equals("Debug", StringComparison.OrdinalIgnoreCase) || level.Equals("Trace", StringComparison.OrdinalIgnoreCase));

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T hit)
            {
                return hit;
            }
            if (e is AggregateException { InnerExceptions.Count: 1 } aggregate && aggregate.InnerExceptions[0] is T inner)
            {
                return inner;
            }
        }
        return null;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
