using Kinerja.Core.Changes;

namespace Kinerja.Rules.Hosting;

/// <summary>Reloads the active rules when any process published or rolled back (<c>kinerja_rules</c>).</summary>
public sealed class RulesChangeHandler(RulesService rules) : IChangeHandler
{
    public string Channel => ChangeChannels.Rules;

    public Task HandleAsync(string payload, CancellationToken ct) => rules.ReloadAsync(ct);

    public Task ResyncAsync(CancellationToken ct) => rules.ReloadAsync(ct);
}
