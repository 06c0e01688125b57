using System.Text.Json;
using Kinerja.Rules.Model;
using RulesEngine.Models;

namespace Kinerja.Rules.Loading;

/// <summary>
/// Reads standard RulesEngine workflow JSON: a file holds one workflow object or an array of them.
/// Loads every <c>*.json</c> under a folder except the <c>tests/</c> sub-folder (fixtures) and the <c>variants/</c>
/// sub-folder (alternative rule files, such as the regional <c>tpp</c> variants, that replace a default workflow only
/// when published on purpose).
/// </summary>
public static class RuleFileLoader
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The sub-folder of alternative rule files, left out of a folder load (<c>rules/variants/</c>).</summary>
    public const string VariantsFolder = "variants";

    /// <summary>The rule files of a folder (sorted, fixtures and variants excluded), or the file itself.</summary>
    public static IReadOnlyList<string> FindFiles(string path)
    {
        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"Rules folder '{path}' does not exist.");
        }
        var root = Path.GetFullPath(path);
        return Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(f => !IsFixture(root, f))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static bool IsFixture(string root, string file)
    {
        var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
        return rel.StartsWith("tests/", StringComparison.OrdinalIgnoreCase)
               || rel.StartsWith(VariantsFolder + "/", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Loads every rule file under <paramref name="path"/>; shape problems become issues.</summary>
    public static (IReadOnlyList<WorkflowSource> Workflows, IReadOnlyList<RuleIssue> Issues) LoadFolder(string path)
    {
        var files = FindFiles(path);
        var root = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : Path.GetFullPath(path);
        var workflows = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        foreach (var file in files)
        {
            var name = Path.GetRelativePath(root, file).Replace('\\', '/');
            var (w, i) = Parse(name, File.ReadAllText(file));
            workflows.AddRange(w);
            issues.AddRange(i);
        }
        return (workflows, issues);
    }

    /// <summary>Parses the text of one file (one workflow object or an array of workflows).</summary>
    public static (IReadOnlyList<WorkflowSource> Workflows, IReadOnlyList<RuleIssue> Issues) Parse(string file, string text)
    {
        var workflows = new List<WorkflowSource>();
        var issues = new List<RuleIssue>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
            });
        }
        catch (JsonException ex)
        {
            issues.Add(new RuleIssue(file, null, null,
                $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstLine(ex.Message)}"));
            return (workflows, issues);
        }
        using (doc)
        {
            var elements = doc.RootElement.ValueKind switch
            {
                JsonValueKind.Array => doc.RootElement.EnumerateArray().ToArray(),
                JsonValueKind.Object => [doc.RootElement],
                _ => [],
            };
            if (elements.Length == 0)
            {
                issues.Add(new RuleIssue(file, null, null, "expected a workflow object or an array of workflow objects"));
            }
            foreach (var element in elements)
            {
                var parsed = ParseWorkflow(file, element, issues);
                if (parsed is not null)
                {
                    workflows.Add(parsed);
                }
            }
        }
        return (workflows, issues);
    }

    private static WorkflowSource? ParseWorkflow(string file, JsonElement element, List<RuleIssue> issues)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            issues.Add(new RuleIssue(file, null, null, $"expected a workflow object, found {element.ValueKind}"));
            return null;
        }
        var name = element.TryGetProperty("WorkflowName", out var n) || TryGetInsensitive(element, "workflowName", out n)
            ? n.ValueKind == JsonValueKind.String ? n.GetString() : null
            : null;
        var before = issues.Count;
        ShapeChecker.CheckWorkflow(file, name, element, issues);
        if (issues.Count > before)
        {
            return null;
        }
        try
        {
            var workflow = element.Deserialize<Workflow>(Json)!;
            // the deprecated alias has only a setter, which the serialiser does not call
            if (workflow.WorkflowsToInject is null && TryGetInsensitive(element, "WorkflowRulesToInject", out var legacy)
                && legacy.ValueKind == JsonValueKind.Array)
            {
                workflow.WorkflowsToInject = legacy.Deserialize<List<string>>(Json);
            }
            return new WorkflowSource(file, workflow, element.GetRawText());
        }
        catch (JsonException ex)
        {
            issues.Add(new RuleIssue(file, name, null, $"wrong JSON shape at {ex.Path}: {FirstLine(ex.Message)}"));
            return null;
        }
    }

    internal static bool TryGetInsensitive(JsonElement obj, string name, out JsonElement value)
    {
        foreach (var p in obj.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
