using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Kinerja.Core.Indicators.Live;

/// <summary>Who hears about <see cref="IndicatorsChanged"/>: bounded channel readers and the synchronous event.</summary>
internal sealed class ChangeSubscribers(ILogger logger)
{
    private readonly List<Channel<IndicatorsChanged>> _channels = [];

    public event Action<IndicatorsChanged>? Changed;

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
        try
        {
            Changed?.Invoke(change);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An IndicatorsChanged handler failed for region {Region}", change.RegionId);
        }
    }
}
