namespace Kinerja.Core.Changes;

/// <summary>A parsed change-feed payload (what <see cref="ChangeMessages.TryParse"/> returns).</summary>
public interface IChangeMessage;

/// <summary>A typed change-feed payload; each message type has one channel (<see cref="ChangeChannels"/>).</summary>
public interface IChangeMessage<TSelf> : IChangeMessage where TSelf : IChangeMessage<TSelf>
{
    /// <summary>The NOTIFY channel this message travels on.</summary>
    static abstract string Channel { get; }
}
