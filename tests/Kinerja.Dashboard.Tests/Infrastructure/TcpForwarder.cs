using System.Net;
using System.Net.Sockets;

namespace Kinerja.Dashboard.Tests.Infrastructure;

/// <summary>Forwards connections on a loopback port to another loopback port: a server that "comes up" on demand.</summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private TcpForwarder(TcpListener listener, int targetPort)
    {
        _listener = listener;
        _accepting = AcceptAsync(targetPort);
    }

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> and forwards each connection to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static TcpForwarder Start(int port, int targetPort)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new TcpForwarder(listener, targetPort);
    }

    private async Task AcceptAsync(int targetPort)
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = PipeAsync(client, targetPort);
        }
    }

    private async Task PipeAsync(TcpClient client, int targetPort)
    {
        using var inbound = client;
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, targetPort, _stop.Token);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
