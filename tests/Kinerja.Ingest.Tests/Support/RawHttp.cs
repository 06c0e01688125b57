using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Kinerja.Ingest.Tests.Support;

/// <summary>
/// HTTP/1.1 over one TCP socket, written by hand: what a client reusing a keep-alive connection sends and reads, with
/// no client library to reconnect silently when the server closed the connection.
/// </summary>
internal sealed class RawHttp(TcpClient tcp) : IDisposable
{
    private readonly NetworkStream _stream = tcp.GetStream();

    public static async Task<RawHttp> ConnectAsync(Uri server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        return new RawHttp(tcp);
    }

    /// <summary>Sends one request and reads its whole response: status code, headers (lower-case names) and body.</summary>
    public async Task<(int Status, Dictionary<string, string> Headers, string Body)> PostAsync(string path, string contentType,
        string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
        var status = await LineAsync() ?? throw new IOException("The server closed the connection before answering.");
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = await LineAsync(); !string.IsNullOrEmpty(line); line = await LineAsync())
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }
        var content = new MemoryStream();
        if (headers.TryGetValue("content-length", out var length))
        {
            await ExactAsync(content, int.Parse(length, CultureInfo.InvariantCulture));
        }
        else if (headers.GetValueOrDefault("transfer-encoding") == "chunked")
        {
            for (var size = Hex(await LineAsync()); size > 0; size = Hex(await LineAsync()))
            {
                await ExactAsync(content, size);
                await LineAsync();
            }
            await LineAsync();
        }
        return (int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture), headers, Encoding.UTF8.GetString(content.ToArray()));
    }

    private static int Hex(string? line) => int.Parse(line ?? "0", NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private async Task ExactAsync(MemoryStream into, int count)
    {
        var buffer = new byte[count];
        await _stream.ReadExactlyAsync(buffer);
        into.Write(buffer);
    }

    /// <summary>One CRLF-terminated line; null when the connection ended first.</summary>
    private async Task<string?> LineAsync()
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one) == 0)
            {
                return line.Length == 0 ? null : line.ToString();
            }
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }
            line.Append((char)one[0]);
        }
    }

    public void Dispose() => tcp.Dispose();
}
