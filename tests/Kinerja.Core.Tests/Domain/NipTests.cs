using System.Globalization;
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

    [Theory]
    [InlineData("999912312010011001", "must come after the birth date")] // the last month of the calendar (no overflow)
    [InlineData("199912319999121001", null)]
    [InlineData("199912312000011001", null)] // December birth, January start
    [InlineData("199912311999121001", "must come after the birth date")] // same month
    [InlineData("190001012000011001", null)]
    [InlineData("189912312000011001", "valid birth date")]
    [InlineData("199003312015000001", "valid civil-service start")]
    [InlineData("199004312015011001", "valid birth date")] // 31 April
    [InlineData("199002292015011001", "valid birth date")] // not a leap year
    [InlineData("200002292022010001", "gender digit")]
    [InlineData("199001012015010000", "gender digit")]
    [InlineData("199001010000011001", "valid civil-service start")] // start year 0000
    public void Validate_BoundaryDates(string text, string? expected)
    {
        var error = Nip.Validate(text);
        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.Contains(expected, error);
        }
    }

    [Fact]
    public void Validate_RandomDigitStrings_SameAnswerAsTheDateParser()
    {
        // the calendar checks are made on the digits; the reference is how yyyyMMdd parses them
        var random = new Random(22);
        var valid = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var birth = new DateOnly(1890, 1, 1).AddDays(random.Next(0, 40_000));
            var digits = birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (birth.Year + random.Next(-2, 40)).ToString("D4")
                         + random.Next(0, 14).ToString("D2") + random.Next(0, 4) + random.Next(0, 1000).ToString("D3");
            var chars = digits.ToCharArray();
            for (var k = random.Next(0, 3); k > 0; k--)
            {
                chars[random.Next(chars.Length)] = (char)('0' + random.Next(10));
            }
            var text = new string(chars);
            var expected = Reference(text);
            Assert.Equal(expected, Nip.Validate(text));
            valid += expected is null ? 1 : 0;
        }
        Assert.True(valid > 1_000, $"only {valid} valid NIPs among the samples");
    }

    [Fact]
    public void Validate_ValidNip_AllocatesNothing()
    {
        const string text = "198503122010011001";
        Assert.Null(Nip.Validate(text));
        var errors = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            errors += Nip.Validate(text) is null ? 0 : 1;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, errors);
        // every ingested event's NIP is checked here: the substrings of the date parse were per event
        Assert.Equal(0, allocated);
    }

    /// <summary>The checks of an 18-digit text as the date parser makes them (the message parts the tests compare).</summary>
    private static string? Reference(string text)
    {
        if (!DateOnly.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            return $"NIP digits 1-8 must be a valid birth date YYYYMMDD; '{text[..8]}' is not.";
        }
        if (!DateOnly.TryParseExact(text[8..14] + "01", "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return $"NIP digits 9-14 must be a valid civil-service start YYYYMM; '{text[8..14]}' is not.";
        }
        if (start <= new DateOnly(birth.Year, birth.Month, DateTime.DaysInMonth(birth.Year, birth.Month)))
        {
            return $"NIP civil-service start {text[8..14]} must come after the birth date {text[..8]}.";
        }
        return text[14] is not ('1' or '2')
            ? $"NIP digit 15 is the gender digit and must be 1 (male) or 2 (female); got '{text[14]}'."
            : null;
    }
}
