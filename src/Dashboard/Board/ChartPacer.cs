using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Paces the <c>Chart</c> messages of every region through one lane: one group send at a time, each followed by
/// a pause as long as its bytes on the wire (SVG size × screens of the group) take at
/// <see cref="BoardOptions.ChartBytesPerSecond"/>. A chart pass of several regions would otherwise put megabytes
/// into the screens' connections at once, and every screen's next <c>Indicators</c> message would wait behind
/// them (bench/Fanout README). Paced, the numbers keep flowing between charts; when there is more chart traffic
/// than the budget, chart passes simply come less often.
/// </summary>
public sealed class ChartPacer(IOptions<BoardOptions> options, TimeProvider time)
{
    private readonly long _bytesPerSecond = options.Value.ChartBytesPerSecond;
    private readonly SemaphoreSlim _lane = new(1, 1);
    private long _freeAt;

    /// <summary>Waits for the lane and the previous send's pause, then runs <paramref name="send"/>.</summary>
    /// <param name="wireBytes">What the send puts on the wire in total (bytes × receiving screens).</param>
    public async Task SendAsync(Func<Task> send, long wireBytes, CancellationToken ct)
    {
        await _lane.WaitAsync(ct);
        try
        {
            if (time.GetElapsedTime(_freeAt) is var since && since < TimeSpan.Zero)
            {
                await Task.Delay(-since, time, ct);
            }
            await send();
            var pause = TimeSpan.FromSeconds((double)Math.Max(0, wireBytes) / _bytesPerSecond);
            _freeAt = time.GetTimestamp() + (long)(pause.TotalSeconds * time.TimestampFrequency);
        }
        finally
        {
            _lane.Release();
        }
    }
}
