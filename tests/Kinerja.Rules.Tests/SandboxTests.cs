using System.Linq.Expressions;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;
using RulesEngine.ExpressionBuilders;

namespace Kinerja.Rules.Tests;

/// <summary>Expressions reaching outside the snapshot and the safe types are rejected at validation.</summary>
public class SandboxTests
{
    public static TheoryData<string> Attempts() =>
    [
        "snapshot.GetType() != null",
        "snapshot.Nip.GetType().Assembly.Location != \"\"",
        "\"x\".GetType().Name == \"String\"",
        "np(snapshot.Nip).GetType() != null",
        "typeof(System.IO.File) != null",
        "System.IO.File.Exists(\"/etc/passwd\")",
        "File.ReadAllText(\"/etc/passwd\") != \"\"",
        "System.IO.Directory.GetFiles(\"/\").Length > 0",
        "System.Diagnostics.Process.Start(\"sh\") != null",
        "Environment.GetEnvironmentVariable(\"PATH\") != null",
        "System.Environment.Exit(1) == null",
        "AppDomain.CurrentDomain.FriendlyName != \"\"",
        "Activator.CreateInstance(\"System\", \"System.Net.WebClient\") != null",
        "System.Reflection.Assembly.Load(\"System.Net.Http\") != null",
        "Type.GetType(\"System.IO.File\") != null",
        "new System.Net.Http.HttpClient() != null",
        "System.Net.Dns.GetHostName() != \"\"",
        "Npgsql.NpgsqlConnection != null",
        "Convert.ChangeType(snapshot.Nip, snapshot.Nip.GetType()) != null",
        "Enumerable.Range(0, 2000000000).Count() > 0",
        "Enumerable.Repeat(\"x\", 2000000000).Count() > 0",
        "snapshot.Nip.PadLeft(2000000000).Length > 0",
        "GC.Collect() == null",
        "Console.ReadLine() != null",
        "Threading.Thread.Sleep(100000) == null",
        // ToList() opens a read-only List<T>: growing, copying out or converting it stays closed
        "snapshot.Position.Split(' ').ToList().GetRange(0, 1).Count > 0",
        "snapshot.Position.Split(' ').ToList().Capacity > 0",
        "snapshot.Position.Split(' ').ToList().ConvertAll(s => s.Length).Count > 0",
        "snapshot.Position.Split(' ').ToList().FindAll(s => s != \"\").Count > 0",
        "snapshot.Position.Split(' ').Clone() != null",
        "Array.CreateInstance(snapshot.Nip.GetType(), 2000000000) != null",
        "new System.Collections.Generic.List<int>(2000000000).Count > 0",
        "Guid.Empty.GetType() != null",
        "StringComparison.Ordinal.GetType() != null",
    ];

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Validate_UnsafeRuleExpression_Rejected(string expression)
    {
        var (set, issues) = RuleBuilder.Compile(("evil.json", RuleBuilder.OneRule("evil", expression, "attempt")));
        Assert.Null(set);
        var issue = Assert.Single(issues);
        Assert.Equal("evil.json", issue.File);
        Assert.Equal("evil", issue.Workflow);
        Assert.Equal("attempt", issue.Rule);
    }

    [Theory]
    [MemberData(nameof(Attempts))]
    public void Validate_UnsafeLocalParam_Rejected(string expression)
    {
        var json = RuleBuilder.OneRule("evil", "x == null", "attempt",
            "\"LocalParams\": [ { \"Name\": \"x\", \"Expression\": " + System.Text.Json.JsonSerializer.Serialize(expression) + " } ],");
        var (set, issues) = RuleBuilder.Compile(("evil.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.Rule == "attempt" && i.Reason.Contains("LocalParams 'x'"));
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\")")]
    [InlineData("snapshot.GetType().Assembly.FullName")]
    [InlineData("Environment.MachineName")]
    public void Validate_UnsafeOutputExpression_Rejected(string expression)
    {
        var json = RuleBuilder.OneRule("evil", "true", "attempt",
            "\"Actions\": { \"OnSuccess\": { \"Name\": \"OutputExpression\", \"Context\": { \"Expression\": "
            + System.Text.Json.JsonSerializer.Serialize(expression) + " } } },");
        var (set, issues) = RuleBuilder.Compile(("evil.json", json));
        Assert.Null(set);
        Assert.Contains(issues, i => i.Rule == "attempt");
    }

    [Theory]
    [InlineData("DateTime.Now.Year > 2000", "DateTime.Now")]
    [InlineData("snapshot.Period == DateTime.UtcNow.ToString(\"yyyy-MM\")", "DateTime.UtcNow")]
    [InlineData("DateTime.Today.Day > 20", "DateTime.Today")]
    [InlineData("DateTimeOffset.UtcNow.Month == 1", "DateTimeOffset.UtcNow")]
    public void Validate_RuleReadingTheMachineClock_RejectedWithTheReason(string expression, string member)
    {
        var (set, issues) = RuleBuilder.Compile(("clock.json", RuleBuilder.OneRule("clock", expression, "hari-ini")));

        Assert.Null(set);
        var issue = Assert.Single(issues);
        Assert.Equal("hari-ini", issue.Rule);
        Assert.Contains(member + " reads the machine's clock", issue.Reason);
    }

    [Theory]
    [InlineData("Math.Min(snapshot.TksDays, 3) == 3")]
    [InlineData("snapshot.Nip.StartsWith(\"1985\") && snapshot.Nip.Length == 18")]
    [InlineData("DateTime.MaxValue.Year > 2000 && TimeSpan.FromDays(1).TotalHours == 24")]
    [InlineData("snapshot.Predikat in (\"BAIK\", \"SANGAT_BAIK\")")]
    [InlineData("Convert.ToDecimal(snapshot.ActivityPct) >= 0 && Math.Round(snapshot.ActivityPct, 1) >= 0")]
    [InlineData("(snapshot.HasilKerjaAvg ?? 0) >= 0 && snapshot.Period.Substring(0, 4) == \"2026\"")]
    [InlineData("new[] { snapshot.TksDays, snapshot.TksDaysYtd }.Max() >= 0")]
    public void Validate_SafeExpression_Accepted(string expression)
    {
        var (set, issues) = RuleBuilder.Compile(("ok.json", RuleBuilder.OneRule("ok", expression)));
        Assert.True(set is not null, string.Join("; ", issues));
    }

    /// <summary>
    /// Proof that Dynamic LINQ alone (RulesEngine's parser, RulesEngine 6.0.1 / System.Linq.Dynamic.Core
    /// 1.6.2) lets reflection through: <c>snapshot.Nip.GetType().Assembly.Location</c> parses. Unknown
    /// types (<c>System.IO.File</c>, <c>Environment</c>) it refuses by itself. The expression-tree check
    /// is what closes reflection, and it also rejects the static ones.
    /// </summary>
    [Theory]
    [InlineData("snapshot.GetType().Name")]
    [InlineData("snapshot.Nip.GetType().Assembly.Location")]
    [InlineData("Enumerable.Range(0, 10).Count()")]
    public void RulesEngineParser_ReflectionOrUnboundedCall_ParsesButSandboxRejects(string expression)
    {
        var parser = new RuleExpressionParser(ParserHost.Settings());
        var p = Expression.Parameter(typeof(IndicatorSnapshot), "snapshot");
        var parsed = parser.Parse(expression, [p], null);
        Assert.NotNull(ExpressionSandbox.Check(parsed));
    }

    /// <summary>
    /// Input types other than the snapshots pass the sandbox only in a compile built for tests
    /// (<see cref="RuleInputs.ForTest"/>); production compiles never name any.
    /// </summary>
    [Fact]
    public void Sandbox_TestInputType_AllowedOnlyWhenTheTestConfigurationNamesIt()
    {
        var p = Expression.Parameter(typeof(Upstream.Customer), "input1");
        var parsed = new RuleExpressionParser(ParserHost.Settings()).Parse("input1.country == \"india\"", [p], typeof(bool));
        Assert.NotNull(ExpressionSandbox.Check(parsed));
        Assert.Null(ExpressionSandbox.Check(parsed, RuleInputs.ForTest([("input1", typeof(Upstream.Customer))], []).ExtraTypes));
        Assert.Null(RuleInputs.Employee.ExtraTypes);
        Assert.Null(RuleInputs.Unit.ExtraTypes);
    }
}
