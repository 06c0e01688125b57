using System.Reflection;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Compilation;

namespace Kinerja.Rules.Tests;

/// <summary>
/// The chain refills one snapshot copy per worker instead of allocating one per snapshot; the refill must copy every
/// field, including ones added to the snapshot records later (record equality compares all of them).
/// </summary>
public class SnapshotCopierTests
{
    [Theory]
    [InlineData(typeof(IndicatorSnapshot))]
    [InlineData(typeof(UnitSnapshot))]
    public void Copier_FromSnapshotWithEveryPropertySet_GivesAnEqualSnapshot(Type type)
    {
        var source = Activator.CreateInstance(type)!;
        var n = 0;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null))
        {
            n++;
            var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object value = t == typeof(string) ? $"v{n}" : t == typeof(bool) ? !(bool)(p.GetValue(source) ?? false)
                : t == typeof(decimal) ? 1000m + n : Convert.ChangeType(100 + n, t, System.Globalization.CultureInfo.InvariantCulture);
            p.SetValue(source, value);
        }
        var target = Activator.CreateInstance(type)!;
        Assert.NotEqual(source, target);

        RuleSetCompiler.Copier(type)(source, target);

        Assert.Equal(source, target);
        Assert.NotSame(source, target);
    }
}
