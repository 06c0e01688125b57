using System.Text.Json;
using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Tests.Upstream;

// Typed stand-ins for the inputs RulesEngine's own samples pass (anonymous, dynamic or ExpandoObject
// values there), carrying exactly the fields those files read. Property names follow the files.
#pragma warning disable IDE1006 // names as the upstream JSON spells them

/// <summary>input1 of the discount samples (<c>loyalityFactor</c> is how the docs spell it).</summary>
public sealed class Customer
{
    public string country { get; set; } = "";
    public int loyaltyFactor { get; set; }
    public int loyalityFactor { get; set; }
    public decimal totalPurchasesToDate { get; set; }
    public decimal TotalBilled { get; set; }
}

/// <summary>input2 of the discount samples.</summary>
public sealed class Orders
{
    public int totalOrders { get; set; }
    public int noOfVisitsPerMonth { get; set; }
}

/// <summary>input3 of the discount samples.</summary>
public sealed class Telemetry
{
    public int noOfVisitsPerMonth { get; set; }
}

/// <summary><c>myInput</c> of the GlobalParams / LocalParams docs.</summary>
public sealed class HelloInput
{
    public string hello { get; set; } = "";
}

public sealed class ListItem
{
    public int Id { get; set; }
    public string Value { get; set; } = "";
}

public sealed class NestedProp
{
    public string SimpleProp { get; set; } = "";
    public List<ListItem> ListProp { get; set; } = [];
}

/// <summary>input1 of NestedInputDemo.json.</summary>
public sealed class NestedInput
{
    public NestedProp NestedProp { get; set; } = new();
}

/// <summary>input1 of rules5–rules10 (RulesEngine's unit tests).</summary>
public sealed class PropertyInput
{
    public string Property1 { get; set; } = "";
    public bool Boolean { get; set; }
    public Func<bool> Method { get; set; } = () => true;
    public JsonElement Data { get; set; }
}

/// <summary><c>utils</c> of rules5: a helper object whose method the rule calls.</summary>
public sealed class TestUtils
{
    public bool CheckExists(string s) => s.Length > 0;
}

/// <summary>An element of input1 in rules11 (a list of readings).</summary>
public sealed class Reading
{
    public double Value { get; set; }
    public DateTime ChangeDateTime { get; set; }
}
#pragma warning restore IDE1006

/// <summary>Which inputs each upstream file's workflows take (as RulesEngine's samples and tests pass them).</summary>
internal static class UpstreamInputs
{
    private static readonly Type[] Nested = [typeof(NestedProp), typeof(ListItem)];

    private static readonly (string, Type)[] Discount =
        [("input1", typeof(Customer)), ("input2", typeof(Orders)), ("input3", typeof(Telemetry))];

    public static RuleInputs For(string file) => file switch
    {
        "docs-index-block2.json" => Inputs([("basicInfo", typeof(Customer)), ("orderInfo", typeof(Orders)), ("telemetryInfo", typeof(Telemetry))]),
        "docs-index-block4.json" or "docs-index-block5.json" or "docs-index-block6.json" => Inputs([("myInput", typeof(HelloInput))]),
        "demo-NestedInputDemo.json" => Inputs([("input1", typeof(NestedInput))], Nested),
        "test-rules4.json" => Inputs([("input1", typeof(List<Customer>)), ("input3", typeof(Telemetry)),
            ("input4", typeof(Customer)), ("input5", typeof(Orders))]),
        "test-rules5.json" => Inputs([("input1", typeof(PropertyInput)), ("utils", typeof(TestUtils))]),
        "test-rules6.json" or "test-rules7.json" or "test-rules8.json" or "test-rules9.json" or "test-rules10.json" =>
            Inputs([("input1", typeof(PropertyInput))]),
        "test-rules11.json" => Inputs([("input1", typeof(List<Reading>))], [typeof(Reading)]),
        _ => Inputs(Discount),
    };

    private static RuleInputs Inputs((string, Type)[] inputs, Type[]? more = null) =>
        RuleInputs.ForTest(inputs, [typeof(Customer), .. more ?? []]);
}
