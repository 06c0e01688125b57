using Kinerja.Dashboard.Hosting;

namespace Kinerja.Dashboard.Tests.Hosting;

public class ProcessRolesTests
{
    [Theory]
    [InlineData(null, true, true, true)]
    [InlineData("", true, true, true)]
    [InlineData("ingest", true, false, false)]
    [InlineData("dashboard,rules", false, true, true)]
    [InlineData(" Ingest , DASHBOARD ", true, false, true)]
    public void Parse_KnownRoles(string? text, bool ingest, bool rules, bool dashboard) =>
        Assert.Equal(new ProcessRoles(ingest, rules, dashboard), ProcessRoles.Parse(text));

    [Fact]
    public void Parse_UnknownRole_NamesIt()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ProcessRoles.Parse("ingest,web"));
        Assert.Contains("web", ex.Message);
    }
}
