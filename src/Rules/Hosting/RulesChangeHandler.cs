using Kinerja.Core.Changes;

namespace Kinerja.Rules.Hosting;

/// <summary>Reloads the active rules when any process published or rolled back (<c>kinerja_rules</c>).</summary>
public sealed class RulesChangeHandler(RulesService rules) : IChangeHandler<RulesPublished>
{
    public Task HandleAsync(RulesPublished message, CancellationToken ct) => rules.ReloadAsync(ct);

    public Task ResyncAsync(CancellationToken ct) => rules.ReloadAsync(ct);
}
