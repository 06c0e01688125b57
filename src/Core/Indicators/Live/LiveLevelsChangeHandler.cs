using Kinerja.Core.Changes;

namespace Kinerja.Core.Indicators.Live;

/// <summary>
/// Feeds the levels the rules stored (<c>kinerja_levels</c>, in any process) into <see cref="LiveIndicators"/>: the
/// payload carries the values, so nothing is read back and nothing is recomputed.
/// </summary>
public sealed class LiveLevelsChangeHandler(LiveIndicators live) : IChangeHandler<LevelsChanged>
{
    public Task HandleAsync(LevelsChanged message, CancellationToken ct) => live.ApplyLevelsAsync(message.Levels, ct);
}
