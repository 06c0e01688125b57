using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Kinerja.Embedded;

/// <summary>Runs the PostgreSQL tools, as an unprivileged OS user when this process is root.</summary>
internal sealed class ProcessRunner(string? runAsUser)
{
    public string? RunAsUser { get; } = runAsUser;

    public static bool IsRoot => OperatingSystem.IsLinux() && GetEuid() == 0;

    public sealed record Result(int ExitCode, string Output);

    public async Task<Result> RunAsync(string exe, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            // The caller's folder may be private to root (a clone under /root); tools must not chdir there.
            WorkingDirectory = "/",
        };
        // A preloaded library (libfaketime in the faked-date CI runs) is applied only inside the user switch: loaded
        // into runuser (root) it creates a root-only semaphore and hands its name (FAKETIME_SHARED) to the child, which
        // then cannot open it as the unprivileged user ("sem_open ... Permission denied", now and then).
        var preload = Environment.GetEnvironmentVariable("LD_PRELOAD");
        if (RunAsUser is not null)
        {
            psi.FileName = "runuser";
            psi.Environment.Remove("LD_PRELOAD");
            psi.Environment.Remove("FAKETIME_SHARED");
            foreach (var a in new[] { "-u", RunAsUser, "--" })
            {
                psi.ArgumentList.Add(a);
            }
            if (!string.IsNullOrEmpty(preload))
            {
                psi.ArgumentList.Add("/usr/bin/env");
                psi.ArgumentList.Add("LD_PRELOAD=" + preload);
            }
            psi.ArgumentList.Add(exe);
        }
        else
        {
            psi.FileName = exe;
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        // Child tools must not inherit a locale the cluster does not have.
        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {exe}.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(exe)} did not finish in time.");
        }
        return new Result(process.ExitCode, (await stdout + await stderr).Trim());
    }

    public async Task RunCheckedAsync(string exe, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var argList = args.ToList();
        var result = await RunAsync(exe, argList, stdin, timeout, ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(exe)} {string.Join(' ', argList)} failed with exit code {result.ExitCode}: {result.Output}");
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();
}
