using System.Globalization;

namespace Kinerja.Rules.Compilation;

/// <summary>Converts a rule output to the type of the snapshot property it sets.</summary>
internal static class ValueCoercion
{
    public static object? To(object? value, Type target)
    {
        if (value is null)
        {
            return null;
        }
        var t = Nullable.GetUnderlyingType(target) ?? target;
        if (t.IsInstanceOfType(value))
        {
            return value;
        }
        if (t == typeof(string))
        {
            return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
        return Convert.ChangeType(value, t, CultureInfo.InvariantCulture);
    }
}
