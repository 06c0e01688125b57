using System.Collections.Concurrent;

namespace Kinerja.Dashboard.Board;

/// <summary>One <see cref="RegionBoard"/> per region, each with its loop, stopped with the host.</summary>
public sealed class BoardRegistry(BoardServices services, IHostApplicationLifetime lifetime, ILogger<RegionBoard> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<RegionBoard>> _boards = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RegionBoard> Boards => _boards.Values.Where(l => l.IsValueCreated).Select(l => l.Value).ToArray();

    public RegionBoard Get(string regionId) => _boards.GetOrAdd(regionId, id => new Lazy<RegionBoard>(() =>
    {
        var board = new RegionBoard(id, services, logger);
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
