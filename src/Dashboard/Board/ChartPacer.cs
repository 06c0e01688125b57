using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// Paces the <c>Chart</c> messages of every region through one lane: one group send at a time, each followed by
/// a pause as long as its bytes on the wire (SVG size × screens of the group) take at
/// <see cref="BoardOptions.ChartBytesPerSecond"/>. A chart pass of several regions would otherwise put megabytes
/// into the screens' connections at once, and every screen's next <c>Indicators</c> message would wait behind
/// them (bench/Fanout README). Paced, the numbers keep flowing between charts; when there is more chart traffic
/// than the budget, chart passes simply come less often. A send may also wait for its turn inside the lane (after the
/// pause): the region's pending <c>Indicators</c> go first (<see cref="IndicatorsFirst"/>); asked inside the lane so
/// that no other chart send slips in between the turn and the send.
/// </summary>
public sealed class ChartPacer(IOptions<BoardOptions> options, TimeProvider time)
{
    private readonly long _bytesPerSecond = options.Value.ChartBytesPerSecond;
    private readonly SemaphoreSlim _lane = new(1, 1);
    private long _freeAt;

    /// <summary>Waits for the lane and the previous send's pause, then runs <paramref name="send"/>.</summary>
    /// <param name="wireBytes">What the send puts on the wire in total (bytes × receiving screens).</param>
    public Task SendAsync(Func<Task> send, long wireBytes, CancellationToken ct) => SendAsync(send, wireBytes, null, ct);

    /// <summary>Waits for the lane, the previous send's pause and then <paramref name="turn"/>, then runs <paramref name="send"/>.</summary>
    /// <param name="wireBytes">What the send puts on the wire in total (bytes × receiving screens).</param>
    /// <param name="turn">Completes when the send may go (the region's urgent messages have gone); null: at once.</param>
    public async Task SendAsync(Func<Task> send, long wireBytes, Func<CancellationToken, Task>? turn, CancellationToken ct)
    {
        await _lane.WaitAsync(ct);
        try
        {
            if (time.GetElapsedTime(_freeAt) is var since && since < TimeSpan.Zero)
            {
                await Task.Delay(-since, time, ct);
            }
            if (turn is not null)
            {
                await turn(ct);
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
