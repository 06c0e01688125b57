using System.Text.Json;

namespace Kinerja.ScaleOut.Tests.Infrastructure;

/// <summary><c>GET /api/v1/board/stats</c> of one process: chart renders and whether it is the board publisher.</summary>
public sealed record BoardStats(long SvgRenders, bool Publisher)
{
    public static async Task<BoardStats> ReadAsync(KinerjaProcess server, string admin)
    {
        using var http = await server.ClientAsAsync(admin);
        var body = await http.GetStringAsync("api/v1/board/stats");
        using var doc = JsonDocument.Parse(body);
        return new BoardStats(doc.RootElement.GetProperty("svgRenders").GetInt64(), doc.RootElement.GetProperty("publisher").GetBoolean());
    }

    /// <summary>Waits until <paramref name="server"/> is (or is not) the board publisher.</summary>
    public static Task<BoardStats> WaitPublisherAsync(KinerjaProcess server, string admin, bool publisher, TimeSpan timeout) =>
        Poll.UntilAsync(() => ReadAsync(server, admin), s => s.Publisher == publisher, timeout,
            s => $"{server.Name} publisher = {s.Publisher}\n{server.LogTail(30)}");
}
