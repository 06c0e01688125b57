using Kinerja.Core.Domain;

namespace Kinerja.Core.Tests.Domain;

/// <summary>DOMAIN.md "Who and where": NIP = birth YYYYMMDD + start YYYYMM + gender (1/2) + 3-digit sequence.</summary>
public class NipTests
{
    [Theory]
    [InlineData("198503122010011001")] // born 1985-03-12, started 2010-01, male, #001
    [InlineData("199012312015062999")] // female, #999
    [InlineData("200002292022011000")] // leap-day birth, sequence 000
    public void TryParse_ValidNip_ExposesItsParts(string text)
    {
        Assert.True(Nip.TryParse(text, out var nip, out var error), error);
        Assert.Equal(text, nip.Value);
        Assert.Equal(text[..4], nip.BirthDate.Year.ToString("D4"));
        Assert.Equal(int.Parse(text[8..12]), nip.ServiceStart.Year);
        Assert.Equal(text[15..], nip.Sequence);
    }

    [Fact]
    public void Parse_SplitsBirthStartGender()
    {
        var nip = Nip.Parse("198503122010011001");
        Assert.Equal(new DateOnly(1985, 3, 12), nip.BirthDate);
        Assert.Equal(new DateOnly(2010, 1, 1), nip.ServiceStart);
        Assert.Equal('1', nip.GenderDigit);
    }

    [Theory]
    [InlineData(null, "required")]
    [InlineData("", "required")]
    [InlineData("19850312201001100", "exactly 18 digits; got 17")]
    [InlineData("1985031220100110011", "exactly 18 digits; got 19")]
    [InlineData("19850312 201001 1 001", "digits only")]
    [InlineData("1985031220100110O1", "digits only")]
    [InlineData("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠١", "digits only")] // Arabic-Indic digits are not ASCII digits
    [InlineData("198513122010011001", "valid birth date")] // month 13
    [InlineData("198502302010011001", "valid birth date")] // 30 February
    [InlineData("185001012010011001", "valid birth date")] // before 1900
    [InlineData("198503122010131001", "valid civil-service start")] // start month 13
    [InlineData("198503122010001001", "valid civil-service start")] // start month 00
    [InlineData("198503121980011001", "must come after the birth date")]
    [InlineData("198503122010013001", "gender digit")]
    [InlineData("198503122010010001", "gender digit")]
    public void Validate_InvalidNip_SaysWhichPartIsWrong(string? text, string expected)
    {
        Assert.False(Nip.TryParse(text, out _, out var error));
        Assert.Contains(expected, error);
        Assert.Throws<FormatException>(() => Nip.Parse(text));
    }
}
