using Kinerja.Rules.Safety;

namespace Kinerja.Rules.Tests.Safety;

/// <summary>The text limits checked before an expression reaches the parser.</summary>
public sealed class ExpressionPrecheckTests
{
    [Theory]
    [InlineData("snapshot.TksDays > 0")]
    [InlineData("!(snapshot.Active) && -snapshot.TksDays < 0")]
    [InlineData("snapshot.Nip == \"((((((((((((((((((((((((((((((((((((((((\"")] // brackets inside a literal do not nest
    [InlineData("snapshot.TksDays - -1 > 0 and not (snapshot.Active)")]
    public void Check_OrdinaryExpression_Accepted(string expression) =>
        Assert.Null(ExpressionPrecheck.Check(expression, RuleLimits.Default));

    [Theory]
    [InlineData("not not not not not not not not not snapshot.Active", "MaxUnaryRun")]
    [InlineData("!!!!!!!!!snapshot.Active", "MaxUnaryRun")]
    [InlineData("- - - - - - - - - snapshot.TksDays > 0", "MaxUnaryRun")]
    public void Check_LongUnaryRun_RefusedNamingTheLimit(string expression, string limit) =>
        Assert.Contains($"Kinerja:Rules:Limits:{limit}", ExpressionPrecheck.Check(expression, RuleLimits.Default));

    [Fact]
    public void Check_NestingOneOverTheLimit_Refused()
    {
        var limits = new RuleLimits { MaxNestingDepth = 4 };
        Assert.Null(ExpressionPrecheck.Check("((((snapshot.TksDays))))", limits));
        Assert.Contains("nested more than 4 deep", ExpressionPrecheck.Check("(((([snapshot.TksDays]))))", limits));
    }
}
