namespace Kinerja.Dashboard.Tests.Board;

/// <summary>
/// The network of a slow screen on the long-polling transport: while closed, the connection's polls (GET) wait here,
/// so the server's output for that connection fills up as it would for a screen that cannot keep up; sends (POST)
/// pass. Opening lets the waiting polls through.
/// </summary>
public sealed class PollGate : DelegatingHandler
{
    private volatile TaskCompletionSource _open = Opened();

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        if (request.Method == HttpMethod.Get)
        {
            await _open.Task.WaitAsync(ct);
        }
        return await base.SendAsync(request, ct);
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
