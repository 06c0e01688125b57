using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary>
/// Debian's <c>redis-server</c> as a child process on a free port, nothing persisted
/// (<c>--save "" --appendonly no</c>), killed on dispose. A machine without it fails the tests with
/// the install command — they never skip.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/redis-server";
    private readonly Process _process;

    private RedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string for <c>Kinerja:Redis</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"{Binary} is missing: the scale-out tests need Debian's Redis. Install it with `apt-get install redis-server` "
                + "(CI: .ci/install-redis.sh).");
        }
        var port = Kinerja.Testing.Eventually.FreePort();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning" })
        {
            start.ArgumentList.Add(arg);
        }
        // Redis is only the backplane's message bus: its clock is never read for a date. Under a faked machine date
        // (.ci/run, `faketime`) libfaketime hangs redis-server at start (its allocator reads the clock while the
        // library initialises), so Redis runs on the real clock.
        start.Environment.Remove("LD_PRELOAD");
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await server.PingAsync())
        {
            if (process.HasExited || DateTimeOffset.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not answer PING on port {port}.");
            }
            await Task.Delay(50);
        }
        return server;
    }

    /// <summary>True when the server answers <c>PING</c> with <c>+PONG</c>.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync("127.0.0.1", Port).WaitAsync(TimeSpan.FromSeconds(2));
            var stream = tcp.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }
}
