namespace Kinerja.Core.Changes;

/// <summary>
/// Receives the change feed of one channel (between processes, DESIGN.md "One binary, roles"). Implement
/// <see cref="IChangeHandler{TMessage}"/> and register it as <c>IChangeHandler</c> (a singleton);
/// <see cref="ChangeFeedListener"/> listens on every registered channel and parses each payload once.
/// </summary>
public interface IChangeHandler
{
    /// <summary>The <c>LISTEN</c> channel, e.g. <see cref="ChangeChannels.Events"/>.</summary>
    string Channel { get; }

    /// <summary>Handles a parsed message of <see cref="Channel"/>.</summary>
    Task HandleAsync(IChangeMessage message, CancellationToken ct);

    /// <summary>Called after the listener (re)connected: notifications may have been missed, so refresh everything.</summary>
    Task ResyncAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A handler of one message type; its channel is the message's.</summary>
public interface IChangeHandler<in TMessage> : IChangeHandler where TMessage : class, IChangeMessage<TMessage>
{
    string IChangeHandler.Channel => TMessage.Channel;

    Task IChangeHandler.HandleAsync(IChangeMessage message, CancellationToken ct) => HandleAsync((TMessage)message, ct);

    /// <summary>Handles one message (a split change arrives as several).</summary>
    Task HandleAsync(TMessage message, CancellationToken ct);
}
