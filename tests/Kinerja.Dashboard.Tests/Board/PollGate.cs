namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The network of a slow screen on the long-polling transport: while closed, the connection's polls (GET) wait here,
/// so the server's output for that connection fills up as it would for a screen that cannot keep up; sends (POST)
/// pass. Opening lets the waiting polls through. <see cref="PollHeld"/> completes when a poll is waiting here: the
/// long-polling client has one poll at a time, so from then on the server has no poll of this connection to write to.
/// </summary>
public sealed class PollGate : DelegatingHandler
{
    private volatile TaskCompletionSource _open = Completed();
    private volatile TaskCompletionSource _held = Completed();

    /// <summary>Completes once a poll waits at the gate since the last <see cref="Close"/>.</summary>
    public Task PollHeld => _held.Task;

    public void Close()
    {
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Open() => _open.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method == HttpMethod.Get)
        {
            var open = _open;
            if (!open.Task.IsCompleted)
            {
                _held.TrySetResult();
            }
            await open.Task.WaitAsync(ct);
        }
        return await base.SendAsync(request, ct);
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
