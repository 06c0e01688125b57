using System.Text.Json;
using Kinerja.Rules.Loading;
using RulesEngine.Models;

namespace Kinerja.Rules.Reference;

internal static class RulesEngineJson
{
    public static Workflow Clone(Workflow w) =>
        JsonSerializer.Deserialize<Workflow>(JsonSerializer.Serialize(w), RuleFileLoader.Json)!;
}
