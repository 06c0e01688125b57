using System.Threading.Channels;

namespace Kinerja.Core.Indicators.Live;

/// <summary>Who hears about <see cref="IndicatorsChanged"/>: bounded channel readers (<see cref="LiveIndicators.Subscribe"/>).</summary>
internal sealed class ChangeSubscribers
{
    private readonly List<Channel<IndicatorsChanged>> _channels = [];

    public ChannelReader<IndicatorsChanged> Subscribe(CancellationToken ct)
    {
        var channel = Channel.CreateBounded<IndicatorsChanged>(new BoundedChannelOptions(1024)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_channels)
        {
            _channels.Add(channel);
        }
        ct.Register(() =>
        {
            lock (_channels)
            {
                _channels.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(IndicatorsChanged change)
    {
        lock (_channels)
        {
            foreach (var s in _channels)
            {
                s.Writer.TryWrite(change);
            }
        }
    }
}
