using System.Globalization;
using Kinerja.Rules.Compilation;
using Kinerja.Rules.Loading;
using RulesEngine.Models;

namespace Kinerja.Rules.Tests.Upstream;

/// <summary>
/// RulesEngine's own sample workflows that load here (UpstreamWorkflowTests) give the same result per rule
/// (success, error) in the compiled engine as in the real RulesEngine 6.0.1, on generated typed inputs.
/// </summary>
public class UpstreamDifferentialTests
{
    public static TheoryData<string> LoadableFiles() =>
        [.. UpstreamWorkflowTests.FileNames().Where(f => !UpstreamWorkflowTests.IsExpectedDifference(f))];

    [Theory]
    [MemberData(nameof(LoadableFiles))]
    public async Task UpstreamWorkflow_OnGeneratedInputs_SameResultPerRuleAsRulesEngine(string file)
    {
        var (set, issues) = UpstreamWorkflowTests.Compile(file);
        Assert.True(set is not null, string.Join("; ", issues));
        var settings = ParserHost.Settings();
        settings.EnableFormattedErrorMessage = false;
        var plain = new RulesEngine.RulesEngine(set.Sources.Select(s => Compilation.RulesEngineJson.Clone(s.Workflow)).ToArray(), settings);
        var inputs = UpstreamInputs.For(file).Parameters;
        var rng = new Random(file.GetHashCode(StringComparison.Ordinal) & 0xffff);
        var outcomes = new HashSet<string>();
        for (var i = 0; i < 300; i++)
        {
            var values = inputs.Select(p => Generate(p.Type, rng)).ToArray();
            foreach (var wf in set.Workflows.Values)
            {
                var scratch = new RuleScratch(wf.Rules.Length);
                wf.Evaluate(values.Length == 1 ? values[0] : values, scratch);
                var theirs = await plain.ExecuteAllRulesAsync(wf.Name,
                    inputs.Select((p, k) => new RuleParameter(p.Name, values[k])).ToArray());
                Assert.Equal(theirs.Select(r => r.Rule.RuleName), wf.Rules.Select(r => r.Name));
                foreach (var (rule, r) in wf.Rules.Zip(theirs))
                {
                    var where = $"{file} {wf.Name}/{rule.Name} input #{i}";
                    var theirError = !string.IsNullOrEmpty(r.ExceptionMessage) || !r.IsSuccess && (r.ChildResults ?? []).Any(c => !string.IsNullOrEmpty(c.ExceptionMessage));
                    Assert.True(r.IsSuccess == scratch.Fired[rule.Index], $"{where}: RulesEngine {r.IsSuccess} ({r.ExceptionMessage}), ours {scratch.Fired[rule.Index]} ({scratch.Errors[rule.Index]?.Message})");
                    Assert.True(theirError == scratch.Errors[rule.Index] is not null, $"{where}: RulesEngine error '{r.ExceptionMessage}', ours '{scratch.Errors[rule.Index]?.Message}'");
                    outcomes.Add(r.IsSuccess ? "success" : "fail");
                }
            }
        }
        // the inputs reach both outcomes somewhere in the file, so the comparison is not vacuous
        Assert.Equal(2, outcomes.Count);
    }

    private static readonly string[] Countries = ["india", "India", "canada", "usa"];

    private static object Generate(Type type, Random rng)
    {
        if (type == typeof(Customer))
        {
            var loyalty = rng.Next(0, 6);
            return new Customer
            {
                country = Countries[rng.Next(Countries.Length)], loyaltyFactor = loyalty, loyalityFactor = loyalty,
                totalPurchasesToDate = new[] { 0m, 4999m, 5000m, 10000m, 50000m, 99999m, 100000m, 150000m }[rng.Next(8)],
                TotalBilled = rng.Next(0, 1000),
            };
        }
        if (type == typeof(Orders))
        {
            return new Orders { totalOrders = rng.Next(0, 20), noOfVisitsPerMonth = rng.Next(0, 30) };
        }
        if (type == typeof(Telemetry))
        {
            return new Telemetry { noOfVisitsPerMonth = rng.Next(0, 30) };
        }
        if (type == typeof(HelloInput))
        {
            return new HelloInput { hello = new[] { "hello", "Hello", "HELLO", "bye" }[rng.Next(4)] };
        }
        if (type == typeof(NestedInput))
        {
            return new NestedInput
            {
                NestedProp = new NestedProp
                {
                    SimpleProp = rng.Next(2) == 0 ? "nestedSimpleProp" : "other",
                    ListProp = [new ListItem { Id = rng.Next(0, 3), Value = "first" }, new ListItem { Id = 2, Value = rng.Next(2) == 0 ? "second" : "Second!" }],
                },
            };
        }
        if (type == typeof(PropertyInput))
        {
            return new PropertyInput { Property1 = new[] { "hello", "hell", "x" }[rng.Next(3)], Boolean = rng.Next(2) == 0 };
        }
        if (type == typeof(List<Customer>))
        {
            return Enumerable.Range(0, rng.Next(0, 4)).Select(_ => (Customer)Generate(typeof(Customer), rng)).ToList();
        }
        if (type == typeof(List<Reading>))
        {
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            return Enumerable.Range(0, rng.Next(0, 45))
                .Select(k => new Reading { Value = Math.Round(rng.NextDouble() * 0.5, 2), ChangeDateTime = start.AddMinutes(rng.Next(0, 100000)) })
                .ToList();
        }
        throw new ArgumentException($"no generator for {type.Name}", nameof(type));
    }
}
