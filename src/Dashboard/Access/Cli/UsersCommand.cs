using System.CommandLine;

namespace Kinerja.Dashboard.Access.Cli;

/// <summary>
/// <c>users add NAME --role pimpinan|sdm|admin [--name "Display"] [--region ID]... [--password-stdin]</c>,
/// <c>users grant NAME --region ID...</c>, <c>users revoke NAME --region ID...</c>, <c>users list</c>,
/// <c>users password NAME [--password-stdin]</c>, <c>users disable|enable NAME</c>,
/// <c>users provision (--region ID | --csv FILE) --out FILE</c> (<see cref="ProvisionCommand"/>). Generated passwords are printed once.
/// </summary>
public static class UsersCommand
{
    public static Command Create()
    {
        var users = new Command("users", "Manage people who sign in (roles pimpinan, sdm, admin, pegawai) and region grants.");
        users.Subcommands.Add(Add());
        users.Subcommands.Add(Grant("grant", "Grant read access to regions (for pimpinan).", revoke: false));
        users.Subcommands.Add(Grant("revoke", "Revoke region grants.", revoke: true));
        users.Subcommands.Add(List());
        users.Subcommands.Add(Password());
        users.Subcommands.Add(Disable("disable", true));
        users.Subcommands.Add(Disable("enable", false));
        users.Subcommands.Add(ProvisionCommand.Create());
        return users;
    }

    private static Argument<string> UserName() => new("username") { Description = "User name (lower-case, 2-63 characters)." };

    private static Option<string[]> Regions(bool required) =>
        new("--region") { Description = "Region id (repeatable).", Required = required };

    private static Option<bool> PasswordStdin() =>
        new("--password-stdin") { Description = "Read the password from the first line of standard input instead of generating one." };

    private static Command Add()
    {
        var name = UserName();
        var role = new Option<string>("--role") { Description = "pimpinan, sdm or admin.", Required = true };
        var display = new Option<string>("--name") { Description = "Display name." };
        var regions = Regions(false);
        var stdin = PasswordStdin();
        var add = new Command("add", "Add a user; prints a generated password once.") { name, role, display, regions, stdin };
        add.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            var store = sp.GetRequiredService<UserStore>();
            var username = parse.GetValue(name)!;
            var (password, generated) = await PasswordAsync(parse.GetValue(stdin));
            var user = await store.AddAsync(username, parse.GetValue(role)!, parse.GetValue(display) ?? "",
                Passwords.Hash(password), AccessCli.Actor, token);
            var granted = parse.GetValue(regions) is { Length: > 0 } r
                ? await store.GrantAsync(username, r, AccessCli.Actor, token)
                : [];
            await output.WriteLineAsync($"Added {user.Username} ({user.Role})" +
                (granted.Count > 0 ? $", regions: {string.Join(", ", granted)}" : ""));
            if (generated)
            {
                await output.WriteLineAsync($"Password (shown once): {password}");
            }
            return 0;
        }, ct));
        return add;
    }

    private static Command Grant(string verb, string description, bool revoke)
    {
        var name = UserName();
        var regions = Regions(true);
        var command = new Command(verb, description) { name, regions };
        command.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            var store = sp.GetRequiredService<UserStore>();
            var username = parse.GetValue(name)!;
            var list = parse.GetValue(regions)!;
            var now = revoke
                ? await store.RevokeAsync(username, list, AccessCli.Actor, token)
                : await store.GrantAsync(username, list, AccessCli.Actor, token);
            await output.WriteLineAsync($"{username} regions: {(now.Count == 0 ? "(none)" : string.Join(", ", now))}");
            return 0;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var list = new Command("list", "List users, roles, grants and lockouts.");
        list.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            foreach (var u in await sp.GetRequiredService<UserStore>().ListAsync(token))
            {
                var state = u.Disabled ? " disabled" : u.LockedUntil > sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime ? $" locked until {u.LockedUntil:u}" : "";
                var pending = u.MustChangePassword ? " not activated" : "";
                await output.WriteLineAsync($"{u.Username,-24} {u.Role,-9} " +
                    (u.Nip is null ? $"regions: {(u.Regions.Count == 0 ? "-" : string.Join(",", u.Regions))}" : $"nip: {u.Nip}") +
                    state + pending);
            }
            return 0;
        }, ct));
        return list;
    }

    private static Command Password()
    {
        var name = UserName();
        var stdin = PasswordStdin();
        var command = new Command("password", "Set a new password (generated unless --password-stdin); clears the lockout, ends sessions.") { name, stdin };
        command.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            var (password, generated) = await PasswordAsync(parse.GetValue(stdin));
            await sp.GetRequiredService<UserStore>().SetPasswordAsync(parse.GetValue(name)!, Passwords.Hash(password),
                AccessCli.Actor, token);
            await output.WriteLineAsync(generated ? $"Password (shown once): {password}" : "Password set.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Disable(string verb, bool disabled)
    {
        var name = UserName();
        var command = new Command(verb, disabled ? "Disable a user (sessions end)." : "Enable a disabled user.") { name };
        command.Lenient().SetAction((parse, ct) => AccessCli.RunAsync(parse, async (sp, output, token) =>
        {
            await sp.GetRequiredService<UserStore>().SetDisabledAsync(parse.GetValue(name)!, disabled, AccessCli.Actor, token);
            await output.WriteLineAsync($"{parse.GetValue(name)} {(disabled ? "disabled" : "enabled")}.");
            return 0;
        }, ct));
        return command;
    }

    private static async Task<(string Password, bool Generated)> PasswordAsync(bool fromStdin)
    {
        if (!fromStdin)
        {
            return (Passwords.Generate(), true);
        }
        var line = (await Console.In.ReadLineAsync())?.TrimEnd('\r', '\n') ?? "";
        return Passwords.Weakness(line) is { } why ? throw new AccessException(why) : (line, false);
    }
}
