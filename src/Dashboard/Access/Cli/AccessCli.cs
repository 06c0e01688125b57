using System.CommandLine;
using Kinerja.Dashboard.Cli;

namespace Kinerja.Dashboard.Access.Cli;

/// <summary>Shared plumbing of the <c>users</c> and <c>sources</c> verbs: a database host, output, errors, the actor.</summary>
internal static class AccessCli
{
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>Runs <paramref name="body"/> with the stores of a short-lived host; <see cref="AccessException"/> becomes exit code 1.</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<IServiceProvider, TextWriter, CancellationToken, Task<int>> body,
        CancellationToken ct)
    {
        var output = parse.InvocationConfiguration.Output;
        await using var host = await CliHost.StartAsync(parse.UnmatchedTokens.ToArray(), (services, _) =>
        {
            services.AddSingleton<UserStore>();
            services.AddSingleton<SourceStore>();
            services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section);
            services.AddSingleton<EmployeeDirectory>();
            services.AddSingleton<EmployeeAccountStore>();
            services.AddSingleton<EmployeeProvisioning>();
        });
        try
        {
            return await body(host.Services, output, ct);
        }
        catch (AccessException ex)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    public static Command Lenient(this Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
