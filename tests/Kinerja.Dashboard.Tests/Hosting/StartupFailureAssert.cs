using System.Text.RegularExpressions;
using Kinerja.Dashboard.Tests.Infrastructure;

namespace Kinerja.Dashboard.Tests.Hosting;

/// <summary>What every failed start must look like: a documented exit code, one <c>error:</c> line, no stack trace.</summary>
internal static partial class StartupFailureAssert
{
    public const int Unavailable = 69;
    public const int Configuration = 78;

    /// <summary>Asserts the exit code, exactly one <c>error:</c> line on stderr containing every fragment, and no stack trace; returns that line.</summary>
    public static string OneClearLine(ServerExit exit, int exitCode, params string[] fragments)
    {
        Assert.True(exit.ExitCode == exitCode, $"expected exit {exitCode}: {exit}");
        var errors = exit.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1, $"expected one error line: {exit}");
        foreach (var fragment in fragments)
        {
            Assert.True(errors[0].Contains(fragment, StringComparison.Ordinal), $"'{fragment}' missing from the error line: {exit}");
        }
        var all = exit.Stdout + exit.Stderr;
        Assert.False(all.Contains("Unhandled exception", StringComparison.Ordinal), $"unhandled exception: {exit}");
        Assert.False(StackLine().IsMatch(all), $"stack trace printed: {exit}");
        return errors[0];
    }

    /// <summary>The retry log lines (<c>...; attempt 2, retrying in 0.5 s</c>).</summary>
    public static int Attempts(ServerExit exit) => AttemptLine().Count(exit.Stdout + exit.Stderr);

    [GeneratedRegex(@"^\s+at \S", RegexOptions.Multiline)]
    private static partial Regex StackLine();

    [GeneratedRegex(@"; attempt \d+, retrying in ")]
    private static partial Regex AttemptLine();
}
