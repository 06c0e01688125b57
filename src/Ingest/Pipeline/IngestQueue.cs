using System.Threading.Channels;

namespace Kinerja.Ingest.Pipeline;

/// <summary>
/// The bounded queue between callers and the single writer. Bounded by queued items (not
/// submissions), so one large file chunk and many one-item requests weigh what they carry; a
/// submission larger than the whole capacity is still taken when the queue is empty.
/// </summary>
internal sealed class IngestQueue(int capacity)
{
    private readonly Channel<Submission> _channel = Channel.CreateUnbounded<Submission>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly SemaphoreSlim _room = new(0, int.MaxValue);
    private long _queued;

    public int Capacity { get; } = capacity;

    public long QueuedItems => Interlocked.Read(ref _queued);

    public ChannelReader<Submission> Reader => _channel.Reader;

    /// <summary>Reserves room and enqueues; false when full (nothing was queued).</summary>
    public bool TryEnqueue(Submission submission)
    {
        var n = submission.PendingCount;
        var after = Interlocked.Add(ref _queued, n);
        if (after > Capacity && after != n)
        {
            Interlocked.Add(ref _queued, -n);
            return false;
        }
        if (!_channel.Writer.TryWrite(submission))
        {
            Interlocked.Add(ref _queued, -n);
            throw new IngestUnavailableException(UnavailableReason.ShuttingDown, WriteRetryPolicy.ShuttingDownRetryAfter,
                "Ingest is shutting down.");
        }
        return true;
    }

    /// <summary>Waits a little for the writer to take items (callers then try again).</summary>
    public async Task WaitForRoomAsync(CancellationToken ct) =>
        await _room.WaitAsync(TimeSpan.FromMilliseconds(50), ct);

    /// <summary>Called by the writer when it has taken a submission off the queue.</summary>
    public void Taken(Submission submission)
    {
        Interlocked.Add(ref _queued, -submission.PendingCount);
        if (_room.CurrentCount == 0)
        {
            _room.Release();
        }
    }

    public void Complete() => _channel.Writer.TryComplete();
}
