using Kinerja.Core.Privacy;
using Kinerja.Dashboard.Board.Cluster;
using Kinerja.Dashboard.Charts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kinerja.Dashboard.Board;

/// <summary>The shared parts every region's board loop and chart passes work with (one instance per host).</summary>
public sealed class BoardServices(
    IBoardData data,
    ChartCache charts,
    BoardSubscriptions subscriptions,
    IHubContext<BoardHub, IBoardClient> hub,
    IOptions<BoardOptions> options,
    SmallGroups smallGroups,
    TimeProvider time,
    BoardPublisher publisher,
    BoardTimings timings,
    ChartPacer pacer)
{
    public IBoardData Data { get; } = data;
    public ChartCache Charts { get; } = charts;
    public BoardSubscriptions Subscriptions { get; } = subscriptions;
    public IHubContext<BoardHub, IBoardClient> Hub { get; } = hub;
    public BoardOptions Options { get; } = options.Value;
    public SmallGroups SmallGroups { get; } = smallGroups;
    public TimeProvider Time { get; } = time;
    public BoardPublisher Publisher { get; } = publisher;
    public BoardTimings Timings { get; } = timings;
    public ChartPacer Pacer { get; } = pacer;
}
