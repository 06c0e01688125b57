using System.Text.Json;
using System.Threading.Channels;
using StackExchange.Redis;

namespace Kinerja.Dashboard.Board.Cluster;

/// <summary>
/// Shares the watched groups between instances through Redis, so the publishing instance reads,
/// renders and pushes the groups whose screens are connected to the others. Each instance keeps its
/// groups in the hash <c>{prefix}:board:watch</c> (field = instance id, value = time + groups),
/// refreshed every <see cref="Heartbeat"/> and announced on the channel of the same name when they
/// change; entries older than <see cref="Expiry"/> (a dead instance) are dropped.
/// </summary>
public sealed class BoardWatchSync(RedisConnection redis, BoardClusterOptions options, BoardSubscriptions subs,
    BoardRegistry boards, TimeProvider time, ILogger<BoardWatchSync> logger) : BackgroundService
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _instance = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private volatile bool _publishDue = true;

    private string Key => options.Prefix + ":board:watch";

    private sealed record Entry(long At, Dictionary<string, string> Groups);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        subs.LocalChanged += OnLocalChanged;
        var retry = TimeSpan.FromMilliseconds(500);
        ChannelMessageQueue? channel = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var mux = await redis.GetAsync().WaitAsync(stoppingToken);
                    if (channel is null)
                    {
                        // The multiplexer re-subscribes by itself after a reconnect.
                        channel = await mux.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Key));
                        channel.OnMessage(m =>
                        {
                            if (m.Message != _instance)
                            {
                                _wake.Writer.TryWrite(true);
                            }
                        });
                    }
                    _publishDue = true;
                    await LoopAsync(mux.GetDatabase(), stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
                {
                    logger.LogWarning("Sharing watched board groups through Redis failed ({Reason}); retrying in {Delay}",
                        ex.Message, retry);
                    await Task.Delay(retry, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                    retry = TimeSpan.FromMilliseconds(Math.Min(retry.TotalMilliseconds * 2, 5000));
                }
            }
        }
        finally
        {
            subs.LocalChanged -= OnLocalChanged;
            if (channel is not null)
            {
                await channel.UnsubscribeAsync();
            }
            await RemoveSelfAsync();
        }
    }

    private void OnLocalChanged()
    {
        _publishDue = true;
        _wake.Writer.TryWrite(true);
    }

    private async Task LoopAsync(IDatabase db, CancellationToken ct)
    {
        var lastBeat = 0L;
        while (!ct.IsCancellationRequested)
        {
            var beat = time.GetElapsedTime(lastBeat) >= Heartbeat;
            if (_publishDue || beat)
            {
                var announce = _publishDue;
                _publishDue = false;
                var entry = new Entry(time.GetUtcNow().ToUnixTimeMilliseconds(),
                    new Dictionary<string, string>(subs.LocalGroups(), StringComparer.Ordinal));
                await db.HashSetAsync(Key, _instance, JsonSerializer.Serialize(entry, Json));
                if (announce)
                {
                    await db.PublishAsync(RedisChannel.Literal(Key), _instance);
                }
                lastBeat = time.GetTimestamp();
            }
            await ReadOthersAsync(db);
            try
            {
                await _wake.Reader.WaitToReadAsync(ct).AsTask().WaitAsync(Heartbeat, time, ct);
                _wake.Reader.TryRead(out _);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private async Task ReadOthersAsync(IDatabase db)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var remote = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in await db.HashGetAllAsync(Key))
        {
            if (field.Name == _instance)
            {
                continue;
            }
            var entry = JsonSerializer.Deserialize<Entry>(field.Value.ToString(), Json);
            if (entry is null || now - entry.At > Expiry.TotalMilliseconds)
            {
                await db.HashDeleteAsync(Key, field.Name);
                continue;
            }
            foreach (var (group, region) in entry.Groups)
            {
                remote[group] = region;
            }
        }
        var added = remote.Where(p => BoardGroup.TryParse(p.Key, out var g) && !subs.IsWatched(g)).ToArray();
        subs.SetRemote(remote);
        // A group newly watched elsewhere gets its first push from the publisher without waiting for a change.
        foreach (var region in added.Select(p => p.Value).Distinct(StringComparer.Ordinal))
        {
            boards.Get(region).MarkDirty();
        }
    }

    private async Task RemoveSelfAsync()
    {
        try
        {
            var mux = redis.GetAsync();
            if (mux.IsCompletedSuccessfully && mux.Result.IsConnected)
            {
                await mux.Result.GetDatabase().HashDeleteAsync(Key, _instance);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug("Could not remove this instance's watched groups from Redis: {Reason}", ex.Message);
        }
    }
}
