namespace Kinerja.Ingest.Tests.Support;

/// <summary>Holds the host's writer before its next batch (through its test seam) until <see cref="Release"/>.</summary>
internal sealed class WriterHold
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WriterHold(IngestHost host) => host.Writer.BeforeBatch = async ct =>
    {
        _held.TrySetResult();
        await _gate.Task.WaitAsync(ct);
    };

    /// <summary>Completes once the writer has taken a batch and waits.</summary>
    public Task Held => _held.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Release() => _gate.TrySetResult();
}
