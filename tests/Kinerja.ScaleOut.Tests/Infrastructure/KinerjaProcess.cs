using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Kinerja.Testing;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>
/// The real server as an OS process: <c>dotnet Kinerja.Dashboard.dll --urls http://127.0.0.1:{port}
/// --ConnectionStrings:Kinerja=… --Kinerja:Roles=…</c> (Development, on the <see cref="ClusterClock"/>), ready when
/// <c>/health/ready</c> answers 200. Users sign in through <c>/masuk</c> as on any server (once per user and process:
/// sign-ins are rate-limited per address). Killed (whole tree) on dispose.
/// </summary>
public sealed class KinerjaProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentDictionary<string, Lazy<Task<CookieContainer>>> _sessions = new();
    private readonly ConcurrentQueue<string> _log = new();
    private string? _home;

    private KinerjaProcess(string name, Process process, Uri baseUri)
    {
        Name = name;
        _process = process;
        BaseUri = baseUri;
    }

    public string Name { get; }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote (for failure messages).</summary>
    public string LogTail(int lines = 60) => string.Join('\n', _log.TakeLast(lines));

    /// <summary>
    /// Starts a server with <paramref name="roles"/> on <paramref name="connectionString"/>; extra settings as
    /// <c>--key=value</c>. Returns once <c>/health/ready</c> (or, with <paramref name="waitReady"/> false,
    /// <c>/health/live</c>) answers 200.
    /// </summary>
    public static async Task<KinerjaProcess> StartAsync(string name, string connectionString, string roles,
        IReadOnlyDictionary<string, string>? settings = null, bool waitReady = true)
    {
        var port = Kinerja.Testing.Eventually.FreePort();
        var start = new ProcessStartInfo(DashboardBinary.DotnetHost)
        {
            WorkingDirectory = Path.GetDirectoryName(DashboardBinary.Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(DashboardBinary.Dll);
        var args = new Dictionary<string, string>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings:Kinerja"] = connectionString,
            ["Kinerja:Roles"] = roles,
            ["Kinerja:RulesPath"] = DashboardBinary.RulesFolder,
            ["Kinerja:Demo:Seed"] = "false",
            ["Kinerja:Demo:Simulate"] = "false",
            ["Kinerja:Clock:Offset"] = ClusterClock.Setting,
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            args[key] = value;
        }
        foreach (var (key, value) in args)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // A home of its own, as on a separate machine: nothing per-user (data protection keys) is shared by accident.
        var home = Directory.CreateTempSubdirectory("kinerja-home-").FullName;
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new KinerjaProcess(name, process, new Uri($"http://127.0.0.1:{port}/")) { _home = home };
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(waitReady ? "health/ready" : "health/live", TimeSpan.FromSeconds(90));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>The session cookies of <paramref name="user"/> (password <see cref="ScaleOutSeed.Password"/>) on this process.</summary>
    public Task<CookieContainer> SessionOfAsync(string user) =>
        _sessions.GetOrAdd(user, u => new Lazy<Task<CookieContainer>>(async () =>
        {
            using var signIn = await FormSignIn.SignInAsync(BaseUri, u, ScaleOutSeed.Password);
            return signIn.Cookies;
        })).Value;

    /// <summary>An HTTP client signed in as <paramref name="user"/> through <c>/masuk</c>.</summary>
    public async Task<HttpClient> ClientAsAsync(string user) =>
        new(new HttpClientHandler { CookieContainer = await SessionOfAsync(user), AllowAutoRedirect = false })
        {
            BaseAddress = BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>An HTTP client holding an ingest source's API key.</summary>
    public HttpClient ClientWithKey(string key)
    {
        var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>Kills the process (as a crash would: no graceful shutdown) and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        _log.Enqueue(line);
        while (_log.Count > 400 && _log.TryDequeue(out _))
        {
        }
    }

    private async Task WaitHealthyAsync(string path, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready:\n{LogTail()}");
            }
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} not ready within {timeout.TotalSeconds:0} s:\n{LogTail()}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }
        _process.Dispose();
        if (_home is not null && Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
