using System.CommandLine;

namespace Kinerja.Dashboard.Access.Cli;

/// <summary>
/// <c>sources add --name NAME --scope region:ID|unit:ID ...</c> (prints the API key once), <c>sources revoke --name NAME</c>,
/// <c>sources list</c>.
/// </summary>
public static class SourcesCommand
{
    public static Command Create()
    {
        var sources = new Command("sources", "Manage ingest sources and their API keys.");
        sources.Subcommands.Add(Add());
        sources.Subcommands.Add(Revoke());
        sources.Subcommands.Add(List());
        return sources;
    }

    private static Command Add()
    {
        var name = new Option<string>("--name") { Description = "Source name (lower-case, 2-63 characters).", Required = true };
        var scope = new Option<string[]>("--scope") { Description = "region:{id} or unit:{id} (repeatable).", Required = true };
        var add = new Command("add", "Create a source; prints its API key once (only a hash is stored).") { name, scope };
        add.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            var created = await sp.GetRequiredService<SourceStore>().AddAsync(parse.GetValue(name)!, parse.GetValue(scope)!,
                AccessCli.Actor, token);
            await output.WriteLineAsync($"Added source {created.Source.Name} (scope: {string.Join(", ", created.Source.Scope)})");
            await output.WriteLineAsync($"API key (shown once): {created.Key}");
            await output.WriteLineAsync($"Send it as: Authorization: Bearer {created.Key}");
            return 0;
        }, ct));
        return add;
    }

    private static Command Revoke()
    {
        var name = new Option<string>("--name") { Description = "Source name.", Required = true };
        var revoke = new Command("revoke", "Revoke a source's key (effective at once on running servers).") { name };
        revoke.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            var source = parse.GetValue(name)!;
            if (!await sp.GetRequiredService<SourceStore>().RevokeAsync(source, AccessCli.Actor, token))
            {
                throw new AccessException($"No active source named '{source}'.");
            }
            await output.WriteLineAsync($"Revoked {source}.");
            return 0;
        }, ct));
        return revoke;
    }

    private static Command List()
    {
        var list = new Command("list", "List sources, key prefixes, scopes and state.");
        list.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            foreach (var s in await sp.GetRequiredService<SourceStore>().ListAsync(token))
            {
                await output.WriteLineAsync($"{s.Name,-24} {s.KeyPrefix,-13} {string.Join(",", s.Scope)}" +
                    (s.Revoked ? $"  revoked {s.RevokedAt:u}" : "  active"));
            }
            return 0;
        }, ct));
        return list;
    }
}
