using System.Diagnostics;
using System.Net.Sockets;
using Kinerja.Testing;
using MimeKit;

namespace Kinerja.Dashboard.Tests.Notifications;

/// <summary>
/// A real SMTP server process: Debian's aiosmtpd (<c>python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c
/// aiosmtpd.handlers.Mailbox DIR</c>, package <c>python3-aiosmtpd</c>) storing every message it accepts in a Maildir,
/// read back and parsed with MimeKit.
/// </summary>
public sealed class SmtpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _maildir;

    private SmtpServerProcess(Process process, string maildir, int port)
    {
        _process = process;
        _maildir = maildir;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServerProcess> StartAsync()
    {
        var port = Eventually.FreePort();
        var maildir = Directory.CreateTempSubdirectory("kinerja-smtp-").FullName;
        // The Mailbox handler wants a Maildir to exist (cur, new, tmp).
        Directory.Delete(maildir);
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpServerProcess(process, maildir, port);
        await Eventually.TrueAsync(async () =>
        {
            Assert.False(process.HasExited, "aiosmtpd exited (is python3-aiosmtpd installed?)");
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, "aiosmtpd to listen", TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>Every message received so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var folder = Path.Combine(_maildir, "new");
        if (!Directory.Exists(folder))
        {
            return [];
        }
        return Directory.EnumerateFiles(folder).Order().Select(f => MimeMessage.Load(f)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (Directory.Exists(_maildir))
        {
            Directory.Delete(_maildir, recursive: true);
        }
    }
}
