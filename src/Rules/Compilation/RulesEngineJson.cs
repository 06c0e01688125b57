using System.Text.Json;
using Kinerja.Rules.Loading;
using RulesEngine.Models;

namespace Kinerja.Rules.Compilation;

/// <summary>Copies of workflow models for Microsoft RulesEngine, which may mutate what it holds (WorkflowsToInject).</summary>
internal static class RulesEngineJson
{
    public static Workflow Clone(Workflow w) =>
        JsonSerializer.Deserialize<Workflow>(JsonSerializer.Serialize(w), RuleFileLoader.Json)!;
}
