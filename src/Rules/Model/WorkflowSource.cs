using RulesEngine.Models;

namespace Kinerja.Rules.Model;

/// <summary>A workflow as loaded: the RulesEngine model, its JSON text and where it came from.</summary>
/// <param name="File">File name (or <c>db:workflow@version</c>) used in error messages.</param>
/// <param name="Json">Canonical JSON of this one workflow (what is stored as a version).</param>
public sealed record WorkflowSource(string File, Workflow Workflow, string Json)
{
    public string Name => Workflow.WorkflowName;
}
