using System.Diagnostics;
using System.Text;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Infrastructure;

/// <summary>What a server or CLI process wrote and how it ended.</summary>
public sealed record ServerExit(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0} s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

/// <summary>
/// The built server (<c>src/Dashboard/bin/{Configuration}/net10.0/Kinerja.Dashboard.dll</c>) as a child process,
/// as an operator runs it: arguments <c>--key=value</c>, output captured, killed (whole tree) on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private ServerProcess(Process process) => _process = process;

    public static string RepositoryRoot => BuiltDashboard.RepositoryRoot;

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet Kinerja.Dashboard.dll</c> with <paramref name="args"/> then <paramref name="settings"/> as <c>--key=value</c>.</summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => Append(server._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(server._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Runs to exit (killed after <paramref name="limit"/>, which fails the test).</summary>
    public static async Task<ServerExit> RunAsync(IReadOnlyDictionary<string, string> settings, TimeSpan limit, params string[] args)
    {
        await using var server = Start(settings, args);
        return await server.WaitForExitAsync(limit);
    }

    public async Task<ServerExit> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The server did not exit within {limit.TotalSeconds:0} s:\n{Stdout}\n{StderrText()}");
        }
        _process.WaitForExit(); // drains the redirected output
        return new ServerExit(_process.ExitCode, Stdout, StderrText(), _clock.Elapsed);
    }

    public bool HasExited => _process.HasExited;

    private string StderrText()
    {
        lock (_stderr)
        {
            return _stderr.ToString();
        }
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (buffer)
        {
            buffer.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    private static string Dll => BuiltDashboard.Dll;

    private static string DotnetHost => BuiltDashboard.DotnetHost;
}
