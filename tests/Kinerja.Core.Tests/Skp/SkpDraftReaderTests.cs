using System.Text.Json;
using System.Text.Json.Nodes;
using Kinerja.Core.Skp;

namespace Kinerja.Core.Tests.Skp;

/// <summary>The plan body's own checks (no database): each refusal names the field path and says what is wrong.</summary>
public sealed class SkpDraftReaderTests
{
    private const int Year = 2026;

    private static JsonObject Indicator(string aspect = "kuantitas", JsonNode? target = null) => new()
    {
        ["aspect"] = aspect, ["text"] = "Jumlah laporan", ["target"] = target ?? new JsonObject { ["value"] = 12, ["unit"] = "laporan" },
    };

    private static JsonObject Rhk(string code = "R1", string kind = "utama", params JsonObject[] indicators) => new()
    {
        ["code"] = code, ["kind"] = kind, ["text"] = "Tersusunnya laporan kinerja", ["parentRhkId"] = 7,
        ["indicators"] = new JsonArray(indicators.Length == 0 ? [Indicator()] : indicators.Select(i => (JsonNode)i).ToArray()),
    };

    private static JsonObject Plan(params JsonObject[] rhk) => new() { ["version"] = 0, ["rhk"] = new JsonArray(rhk.Select(r => (JsonNode)r).ToArray()) };

    private static (SkpDraft? Draft, IReadOnlyList<SkpFieldError> Errors) Read(JsonNode body, int year = Year) =>
        SkpDraftReader.Read(JsonDocument.Parse(body.ToJsonString()).RootElement, year, Year);

    private static string Error(JsonNode body, string field)
    {
        var (draft, errors) = Read(body);
        Assert.Null(draft);
        var match = errors.FirstOrDefault(e => e.Field == field);
        Assert.True(match is not null, $"no error at {field}; got: {string.Join("; ", errors.Select(e => e.Field + ": " + e.Message))}");
        return match.Message;
    }

    [Fact]
    public void AGoodPlan_IsRead_WithNumericAndQualitativeTargetsAndPeriodTargets()
    {
        var quality = Indicator("kualitas", JsonValue.Create("Laporan diterima tanpa revisi"));
        var timed = Indicator("waktu", new JsonObject { ["value"] = 12, ["unit"] = "bulan" });
        timed["periodTargets"] = new JsonObject { ["2026-Q1"] = new JsonObject { ["value"] = 3, ["unit"] = "bulan" } };
        var second = Rhk("R2", "tambahan", Indicator());
        second.Remove("parentRhkId");
        second["parentIku"] = "IKU-1";
        var (draft, errors) = Read(Plan(Rhk("R1", "utama", Indicator(), quality, timed), second));

        Assert.Empty(errors);
        Assert.NotNull(draft);
        Assert.Equal(2, draft.Rhk.Count);
        Assert.Equal(7, draft.Rhk[0].ParentRhkId);
        Assert.Equal("IKU-1", draft.Rhk[1].ParentIku);
        Assert.Equal(SkpTarget.Qualitative("Laporan diterima tanpa revisi"), draft.Rhk[0].Indicators[1].Target);
        Assert.Equal(SkpTarget.Numeric(3, "bulan"), draft.Rhk[0].Indicators[2].PeriodTargets["2026-Q1"]);
    }

    [Fact]
    public void ATargetOfTheWrongKind_IsRefusedAtItsPath()
    {
        Assert.Contains("needs a numeric target", Error(Plan(Rhk("R1", "utama", Indicator("kuantitas", JsonValue.Create("banyak")))),
            "rhk[0].indicators[0].target"));
        Assert.Contains("needs a numeric target", Error(Plan(Rhk("R1", "utama", Indicator(), Indicator("waktu", JsonValue.Create("tepat waktu")))),
            "rhk[0].indicators[1].target"));
        Assert.Contains("needs value: a number", Error(Plan(Rhk("R1", "utama", Indicator("kuantitas", new JsonObject { ["unit"] = "laporan" }))),
            "rhk[0].indicators[0].target.value"));
        Assert.Contains("unit is required", Error(Plan(Rhk("R1", "utama", Indicator("kuantitas", new JsonObject { ["value"] = 3 }))),
            "rhk[0].indicators[0].target.unit"));
        var mixed = Indicator();
        mixed["periodTargets"] = new JsonObject { ["2026-03"] = "teks" };
        Assert.Contains("needs a numeric target", Error(Plan(Rhk("R1", "utama", mixed)), "rhk[0].indicators[0].periodTargets.2026-03"));
        var qualityMixed = Indicator("kualitas", JsonValue.Create("Baik"));
        qualityMixed["periodTargets"] = new JsonObject { ["2026-03"] = new JsonObject { ["value"] = 1, ["unit"] = "%" } };
        Assert.Contains("same kind as the annual target", Error(Plan(Rhk("R1", "utama", qualityMixed)), "rhk[0].indicators[0].periodTargets.2026-03"));
    }

    [Fact]
    public void PeriodTargetsOutsideThePlansYear_AndUnknownAspectsOrKinds_AreRefused()
    {
        var outside = Indicator();
        outside["periodTargets"] = new JsonObject { ["2025-12"] = new JsonObject { ["value"] = 1, ["unit"] = "laporan" } };
        Assert.Contains("is not a month (YYYY-MM) or quarter (YYYY-Qn) of 2026", Error(Plan(Rhk("R1", "utama", outside)),
            "rhk[0].indicators[0].periodTargets.2025-12"));
        Assert.Contains("'kuantitas', 'kualitas' or 'waktu'", Error(Plan(Rhk("R1", "utama", Indicator("biaya"))), "rhk[0].indicators[0].aspect"));
        Assert.Contains("'utama' or 'tambahan'", Error(Plan(Rhk("R1", "pokok")), "rhk[0].kind"));
    }

    [Fact]
    public void TooManyRhkOrIndicators_AndOversizedText_AreRefused()
    {
        var many = Plan(Enumerable.Range(0, SkpLimits.MaxRhk + 1).Select(i => Rhk("R" + i)).ToArray());
        Assert.Equal($"A plan has at most {SkpLimits.MaxRhk} RHK; this one has {SkpLimits.MaxRhk + 1}.", Error(many, "rhk"));
        var wide = Rhk("R1", "utama", Enumerable.Range(0, SkpLimits.MaxIndicatorsPerRhk + 1).Select(_ => Indicator()).ToArray());
        Assert.Contains($"at most {SkpLimits.MaxIndicatorsPerRhk} indicators", Error(Plan(wide), "rhk[0].indicators"));
        var big = Rhk("R1");
        big["text"] = new string('x', SkpLimits.MaxText + 1);
        Assert.Equal($"text is at most {SkpLimits.MaxText} characters; got {SkpLimits.MaxText + 1}.", Error(Plan(Rhk("R0"), big), "rhk[1].text"));
        Assert.Contains("indicators is required", Error(Plan(NoIndicators()), "rhk[0].indicators"));
    }

    private static JsonObject NoIndicators()
    {
        var r = Rhk("R1");
        r["indicators"] = new JsonArray();
        return r;
    }

    [Fact]
    public void DuplicateCodes_AndMissingOrDoubleParents_AreRefused()
    {
        Assert.Contains("already used by rhk[0]", Error(Plan(Rhk("R1"), Rhk("r1")), "rhk[1].code"));
        var both = Rhk("R1");
        both["parentIku"] = "IKU-1";
        Assert.Contains("Give exactly one parent", Error(Plan(both), "rhk[0].parentRhkId"));
        var none = Rhk("R1");
        none.Remove("parentRhkId");
        Assert.Contains("Give exactly one parent", Error(Plan(none), "rhk[0].parentRhkId"));
    }

    [Fact]
    public void AYearOutsideTheWindow_AndAMissingVersion_AreRefused()
    {
        Assert.Equal($"year must be between {Year - SkpLimits.YearsBack} and {Year + SkpLimits.YearsAhead}; got 2028.",
            Read(Plan(Rhk()), 2028).Errors.Single().Message);
        Assert.Equal("year", Read(Plan(Rhk()), 2020).Errors.Single().Field);
        Assert.Empty(Read(Plan(Rhk()), 2021).Errors);
        Assert.Empty(Read(Plan(Rhk()), 2027).Errors);
        var noVersion = Plan(Rhk());
        noVersion.Remove("version");
        Assert.Contains("version is required", Error(noVersion, "version"));
        Assert.Contains("must match ?year=2026", Error(new JsonObject { ["year"] = 2025, ["version"] = 0, ["rhk"] = new JsonArray() }, "year"));
    }
}
