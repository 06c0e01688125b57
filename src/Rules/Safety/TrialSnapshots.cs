using System.Reflection;
using System.Text.Json;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Testing;

namespace Kinerja.Rules.Safety;

/// <summary>
/// Sample inputs for the trial evaluation of a candidate rule set: the snapshots of the fixture files in
/// <c>rules/tests/</c> plus generated ones (all defaults; every field set to a small, a boundary and a large
/// value, strings as long as a real NIP or name can be), so a rule that loops or allocates on the shape of
/// the input shows it before it is published.
/// </summary>
internal static class TrialSnapshots
{
    private const string LongText = "Kinerja 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz";

    public static IEnumerable<(string Name, object Snapshot)> All(string? rulesFolder)
    {
        foreach (var sample in Generated<IndicatorSnapshot>("employee"))
        {
            yield return sample;
        }
        foreach (var sample in Generated<UnitSnapshot>("unit"))
        {
            yield return sample;
        }
        foreach (var sample in Fixtures(rulesFolder))
        {
            yield return sample;
        }
    }

    private static IEnumerable<(string, object)> Generated<T>(string kind) where T : new()
    {
        yield return ($"generated {kind} snapshot (defaults)", new T());
        foreach (var (name, number, text) in new[]
                 { ("every field 0 or empty", 0, ""), ("every field 1 or \"x\"", 1, "x"), ("every field 100 or 18 characters", 100, LongText[..18]),
                   ("every field 10000 or 72 characters", 10_000, LongText) })
        {
            var snapshot = new T();
            foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                object? value = type == typeof(string) ? text
                    : type == typeof(int) ? number
                    : type == typeof(double) ? number + 0.5
                    : type == typeof(decimal) ? number * 1_000_000m
                    : type == typeof(bool) ? number != 0
                    : null;
                if (value is not null)
                {
                    p.SetValue(snapshot, value);
                }
            }
            yield return ($"generated {kind} snapshot ({name})", snapshot!);
        }
    }

    private static IEnumerable<(string, object)> Fixtures(string? rulesFolder)
    {
        if (rulesFolder is null || !Directory.Exists(rulesFolder))
        {
            yield break;
        }
        foreach (var file in FixtureRunner.FindFixtures(rulesFolder))
        {
            RuleFixtureFile? fixture;
            try
            {
                fixture = JsonSerializer.Deserialize<RuleFixtureFile>(File.ReadAllText(file), SnapshotJson.Options);
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                continue; // a broken fixture is reported by `rules test`; the generated samples still run
            }
            foreach (var test in fixture?.Tests ?? [])
            {
                object? snapshot = null;
                try
                {
                    snapshot = test.Unit is { } u ? u.Deserialize<UnitSnapshot>(SnapshotJson.Options)
                        : test.Snapshot is { ValueKind: JsonValueKind.Object } s ? s.Deserialize<IndicatorSnapshot>(SnapshotJson.Options)
                        : null;
                }
                catch (JsonException)
                {
                }
                if (snapshot is not null)
                {
                    yield return ($"fixture {Path.GetFileName(file)}: {test.Name}", snapshot);
                }
            }
        }
    }
}
