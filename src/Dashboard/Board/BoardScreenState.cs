using Kinerja.Dashboard.Charts;

namespace Kinerja.Dashboard.Board;

/// <summary>
/// What a screen that just subscribed is sent: the group's payload (null when a group send made after the screen
/// joined already carries it) and the charts no such group send carries.
/// </summary>
public sealed record BoardScreenState(IndicatorsPayload? Payload, IReadOnlyList<RenderedChart> Charts);
