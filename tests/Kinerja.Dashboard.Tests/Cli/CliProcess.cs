using System.Diagnostics;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Cli;

/// <summary>What a command printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error, TimeSpan Took)
{
    public override string ToString() => $"exit {ExitCode} after {Took.TotalSeconds:0.0} s\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// The built binary run as a user runs it, as a child process: <c>dotnet run --project src/Dashboard --no-build -- ...</c>
/// or <c>dotnet Kinerja.Dashboard.dll ...</c>, from a working folder the test chooses.
/// </summary>
public static class CliProcess
{
    public static string RepositoryRoot => BuiltDashboard.RepositoryRoot;

    public static string Configuration => BuiltDashboard.Configuration;

    public static string ProjectFolder => BuiltDashboard.ProjectFolder;

    /// <summary>The server assembly of this test assembly's configuration (the project reference builds it).</summary>
    public static string Dll => BuiltDashboard.Dll;

    /// <summary>
    /// A fresh temporary folder that other OS users may enter: as root the embedded cluster runs as <c>postgres</c>,
    /// which must reach a data folder inside it (a private 700 folder would send the cluster to /var/tmp).
    /// </summary>
    public static string CreateWorkingFolder(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix);
        if (!OperatingSystem.IsWindows())
        {
            folder.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                  | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                                  | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        }
        return folder.FullName;
    }

    /// <summary>Stops a cluster left running in <paramref name="dataDir"/> (a failing test must not leave PostgreSQL behind).</summary>
    public static void StopStrayCluster(string dataDir)
    {
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), out var pid))
        {
            return;
        }
        try
        {
            using var postmaster = Process.GetProcessById(pid);
            postmaster.Kill();
            postmaster.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // already stopped
        }
    }

    private static string DotnetHost => BuiltDashboard.DotnetHost;

    /// <summary><c>dotnet run --project src/Dashboard --no-build -- args</c>, started in <paramref name="workingDirectory"/>.</summary>
    public static Task<CliRun> DotnetRunAsync(string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(workingDirectory, ["run", "--project", ProjectFolder, "--no-build", "-c", Configuration, "--", .. args],
            environment, timeout ?? TimeSpan.FromMinutes(2));

    /// <summary><c>dotnet Kinerja.Dashboard.dll args</c>, started in <paramref name="workingDirectory"/>.</summary>
    public static Task<CliRun> DllAsync(string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null) =>
        RunAsync(workingDirectory, [Dll, .. args], environment, timeout ?? TimeSpan.FromMinutes(1));

    private static async Task<CliRun> RunAsync(string workingDirectory, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // The test runner's MSBuild settings would steer the child's `dotnet run` evaluation.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // A server started by mistake must not take the default port.
        start.Environment["Urls"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CliRun(-1, await output, await error + $"\n(killed after {timeout.TotalSeconds:0} s)", clock.Elapsed);
        }
        return new CliRun(process.ExitCode, await output, await error, clock.Elapsed);
    }

}
