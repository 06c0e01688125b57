namespace Kinerja.Core.Changes;

/// <summary>
/// Receives PostgreSQL notifications of one channel (the change feed between processes, DESIGN.md
/// "One binary, roles"). Register implementations as singletons; <see cref="ChangeFeedListener"/>
/// listens on every registered channel.
/// </summary>
public interface IChangeHandler
{
    /// <summary>The <c>LISTEN</c> channel, e.g. <see cref="ChangeChannels.Events"/>.</summary>
    string Channel { get; }

    Task HandleAsync(string payload, CancellationToken ct);

    /// <summary>Called after the listener (re)connected: notifications may have been missed, so refresh everything.</summary>
    Task ResyncAsync(CancellationToken ct) => Task.CompletedTask;
}
