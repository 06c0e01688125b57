using System.Collections.Concurrent;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>One <see cref="RegionBoard"/> per region, each with its loop, stopped with the host.</summary>
public sealed class BoardRegistry(
    IBoardData data,
    ChartCache charts,
    BoardSubscriptions subs,
    IHubContext<BoardHub, IBoardClient> hub,
    IOptions<BoardOptions> options,
    IOptions<PrivacyOptions> privacy,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<RegionBoard> logger,
    Cluster.BoardPublisher publisher,
    BoardTimings timings)
{
    private readonly ConcurrentDictionary<string, Lazy<RegionBoard>> _boards = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RegionBoard> Boards => _boards.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToArray();

    public RegionBoard Get(string regionId) => _boards.GetOrAdd(regionId, id => new Lazy<RegionBoard>(() =>
    {
        var board = new RegionBoard(id, data, charts, subs, hub, options.Value, privacy.Value, time, logger, publisher, timings);
        _ = Task.Run(() => RunAsync(board), CancellationToken.None);
        return board;
    })).Value;

    public bool TryGet(string regionId, out RegionBoard board)
    {
        if (_boards.TryGetValue(regionId, out var lazy) && lazy.IsValueCreated)
        {
            board = lazy.Value;
            return true;
        }
        board = null!;
        return false;
    }

    private async Task RunAsync(RegionBoard board)
    {
        try
        {
            await board.RunAsync(lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Board loop of region {Region} stopped", board.RegionId);
        }
    }
}
