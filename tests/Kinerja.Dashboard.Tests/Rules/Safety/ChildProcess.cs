using System.Diagnostics;
using Kinerja.Testing;

namespace Kinerja.Dashboard.Tests.Rules.Safety;

/// <summary>
/// Runs the real Kinerja.Dashboard binary as a child process (a stack overflow or an out-of-memory kill takes
/// the child, never the test process) and follows its peak resident memory (<c>VmHWM</c>).
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _out = new();
    private readonly System.Text.StringBuilder _err = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private long _peakKb;

    private ChildProcess(IEnumerable<string> args)
    {
        var dll = DashboardDll();
        var psi = new ProcessStartInfo(BuiltDashboard.DotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => { lock (_out) { _out.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_err) { _err.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _sampler = Task.Run(SampleAsync);
    }

    public static ChildProcess Start(params string[] args) => new(args);

    public bool HasExited => _process.HasExited;

    /// <summary>Peak resident set of the child so far, in MB.</summary>
    public long PeakRssMb => Interlocked.Read(ref _peakKb) / 1024;

    public string Stdout { get { lock (_out) { return _out.ToString(); } } }

    public string Stderr { get { lock (_err) { return _err.ToString(); } } }

    /// <summary>Waits for the exit; false when it did not exit in time (the child is then killed).</summary>
    public async Task<(bool Exited, int Code)> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return (true, _process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            return (false, -1);
        }
    }

    private async Task SampleAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_stop.IsCancellationRequested && !_process.HasExited)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                        && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kb))
                    {
                        Interlocked.Exchange(ref _peakKb, Math.Max(Interlocked.Read(ref _peakKb), kb));
                    }
                }
            }
            catch (IOException)
            {
                return; // exited between the check and the read
            }
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    /// <summary>Kinerja.Dashboard.dll of the same configuration as this test assembly (built through the project reference).</summary>
    public static string DashboardDll() => BuiltDashboard.Dll;
}
