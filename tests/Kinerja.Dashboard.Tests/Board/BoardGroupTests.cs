using Kinerja.Dashboard.Board;

namespace Kinerja.Dashboard.Tests.Board;

public sealed class BoardGroupTests
{
    [Theory]
    [InlineData("region:pematangsiantar", BoardGroupKind.Region, "pematangsiantar")]
    [InlineData("unit:dinas-kesehatan", BoardGroupKind.Unit, "dinas-kesehatan")]
    [InlineData("public:manokwari", BoardGroupKind.Public, "manokwari")]
    public void TryParse_ValidName_KindAndId(string name, BoardGroupKind kind, string id)
    {
        Assert.True(BoardGroup.TryParse(name, out var group));
        Assert.Equal(kind, group.Kind);
        Assert.Equal(id, group.Id);
        Assert.Equal(name, group.Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("region:")]
    [InlineData("region:Pematang")]
    [InlineData("region:a b")]
    [InlineData("wilayah:x")]
    [InlineData(":x")]
    [InlineData("public:../x")]
    public void TryParse_InvalidName_False(string? name) => Assert.False(BoardGroup.TryParse(name, out _));
}
