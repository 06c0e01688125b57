namespace Kinerja.Rules.Live;

/// <summary>
/// Holds live rule evaluation back until history is in place (the demo backfill): evaluating a half-loaded
/// month would fire "far under target" coaching for everyone, and triggers are never retracted.
/// Open by default.
/// </summary>
public sealed class RulesStartGate(bool open = true)
{
    private readonly TaskCompletionSource _opened = NewOpened(open);

    public bool IsOpen => _opened.Task.IsCompleted;

    public void Open() => _opened.TrySetResult();

    public Task WaitAsync(CancellationToken ct) => _opened.Task.WaitAsync(ct);

    private static TaskCompletionSource NewOpened(bool open)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            tcs.SetResult();
        }
        return tcs;
    }
}
