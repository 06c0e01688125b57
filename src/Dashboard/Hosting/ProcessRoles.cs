namespace Kinerja.Dashboard.Hosting;

/// <summary>
/// Process roles: which parts of the system this process runs (<c>Kinerja:Roles</c>, comma-separated:
/// <c>ingest</c>, <c>rules</c>, <c>dashboard</c>; all by default). DESIGN.md "One binary, roles". Not the roles
/// of people who sign in: those are <see cref="Access.AccessRoles"/>.
/// </summary>
public sealed record ProcessRoles(bool Ingest, bool Rules, bool Dashboard)
{
    public const string Key = "Kinerja:Roles";
    public static readonly ProcessRoles All = new(true, true, true);

    public static ProcessRoles Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return All;
        }
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(n => n.ToLowerInvariant()).ToHashSet();
        var unknown = names.Except(["ingest", "rules", "dashboard"]).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown role(s) in {Key}: {string.Join(", ", unknown)}. Use any of: ingest, rules, dashboard.");
        }
        return new ProcessRoles(names.Contains("ingest"), names.Contains("rules"), names.Contains("dashboard"));
    }

    public override string ToString() =>
        string.Join(',', new[] { Ingest ? "ingest" : null, Rules ? "rules" : null, Dashboard ? "dashboard" : null }
            .Where(n => n is not null));
}
