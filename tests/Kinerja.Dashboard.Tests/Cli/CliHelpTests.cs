namespace Kinerja.Dashboard.Tests.Cli;

/// <summary>
/// <c>--help</c>, <c>-h</c>, <c>-?</c> and <c>--version</c> answer at once and start nothing: no server, no database
/// cluster (issue 21). Run as child processes from a folder of their own, with no connection string.
/// </summary>
public sealed class CliHelpTests : IDisposable
{
    private readonly string _folder = CliProcess.CreateWorkingFolder("kinerja-cli-help-");

    private string DataDir => Path.Combine(_folder, "pg");

    /// <summary>Were the cluster started anyway, it would be created here (and not in the developer's own folder).</summary>
    private IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["Kinerja__Postgres__DataDir"] = DataDir,
        ["Kinerja__Demo__Simulate"] = "false",
    };

    public void Dispose()
    {
        CliProcess.StopStrayCluster(DataDir);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Help_ThroughDotnetRun_PrintsVerbsSettingsAndExitCodes_AndStartsNothing()
    {
        var run = await CliProcess.DotnetRunAsync(_folder, ["--help"], Environment, TimeSpan.FromSeconds(90));

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var expected in new[] { "import", "rules", "users", "sources", "--verbose", "--version",
                     "ConnectionStrings:Kinerja", "Kinerja:Roles", "dotnet run --project src/Dashboard", "Exit codes:", "69" })
        {
            Assert.Contains(expected, run.Output);
        }
        Assert.DoesNotContain("Now listening", run.Output + run.Error);
        Assert.False(Directory.Exists(DataDir), "--help created a database cluster\n" + run);
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("-?")]
    [InlineData("--help")]
    public async Task HelpOptions_AnswerQuickly_WithoutACluster(string option)
    {
        var run = await CliProcess.DllAsync(_folder, [option], Environment, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Commands:", run.Output);
        Assert.Contains("rules", run.Output);
        Assert.True(run.Took < TimeSpan.FromSeconds(20), run.ToString());
        Assert.False(Directory.Exists(DataDir), run.ToString());
    }

    [Fact]
    public async Task SubcommandHelp_DescribesItsArguments_InsteadOfRunning()
    {
        var run = await CliProcess.DllAsync(_folder, ["import", "activities", "--help"], Environment, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("<file>", run.Output);
        Assert.Contains("Exit codes:", run.Output);
        Assert.DoesNotContain("not found", run.Output + run.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(DataDir), run.ToString());
    }

    [Fact]
    public async Task Version_PrintsTheVersion()
    {
        var run = await CliProcess.DllAsync(_folder, ["--version"], Environment, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output.Trim());
    }

    [Fact]
    public async Task MistypedVerb_IsAUsageError_NotAServerStart()
    {
        var run = await CliProcess.DllAsync(_folder, ["improt", "activities", "acts.csv"], Environment, TimeSpan.FromSeconds(30));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("improt", run.Error);
        Assert.Equal("", run.Output);
        Assert.False(Directory.Exists(DataDir), run.ToString());
    }

    [Theory]
    [InlineData(new[] { "--help" }, "dotnet run --project src/Dashboard -- [command] [options]")]
    [InlineData(new[] { "import", "activities", "--help" }, "dotnet run --project src/Dashboard -- import activities <file> [options]")]
    [InlineData(new[] { "help", "users" }, "dotnet run --project src/Dashboard -- users [command] [options]")]
    public async Task Usage_ShowsWhatAUserTypes_NotTheAssemblyName(string[] args, string usage)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await Kinerja.Dashboard.Cli.CliCommands.RunAsync(args, output, error);

        Assert.True(code == 0, output + "\n" + error);
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        var usageLine = lines.IndexOf("Usage:");
        Assert.True(usageLine >= 0, output.ToString());
        Assert.Equal("  " + usage, lines[usageLine + 1]);
        Assert.DoesNotContain("Kinerja.Dashboard ", output.ToString());
    }
}
