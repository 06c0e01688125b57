using System.Net.WebSockets;
using System.Text;

namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// What a screen's SignalR client receives byte for byte, over a raw WebSocket speaking the JSON hub protocol
/// (as the npm client does): charts arrive as plain SVG text inside the JSON string, not HTML-escaped.
/// </summary>
public sealed class BoardWireFormatTests(BoardAppFactory app) : IClassFixture<BoardAppFactory>
{
    private const char RecordSeparator = '\u001e';

    [Fact]
    public async Task Chart_OnTheWire_SvgIsNotHtmlEscaped()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var socket = await app.Server.CreateWebSocketClient()
            .ConnectAsync(new Uri(app.Server.BaseAddress, "/hubs/board").ToWs(), cts.Token);
        await SendAsync(socket, """{"protocol":"json","version":1}""", cts.Token);
        Assert.Equal("{}", (await ReceiveAsync(socket, cts.Token)).Single());
        await SendAsync(socket, $$"""{"type":1,"invocationId":"1","target":"Subscribe","arguments":["public:{{BoardAppFactory.RegionId}}"]}""",
            cts.Token);

        string? chart = null;
        while (chart is null)
        {
            chart = (await ReceiveAsync(socket, cts.Token)).FirstOrDefault(m => m.Contains("\"target\":\"Chart\""));
        }

        Assert.Contains("\"svg\":\"<svg xmlns=", chart);
        Assert.DoesNotContain("\\u003C", chart);
        Assert.DoesNotContain("<?xml", chart);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, string message, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, ct);

    /// <summary>The hub messages of one WebSocket message (records ended by the separator).</summary>
    private static async Task<string[]> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var text = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, ct);
            text.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return Encoding.UTF8.GetString(text.ToArray()).Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries);
    }
}

internal static class WsUris
{
    public static Uri ToWs(this Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
