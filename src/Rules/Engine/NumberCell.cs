using System.Runtime.InteropServices;

namespace Kinerja.Rules.Engine;

/// <summary>What a rule's output is stored as: an object, or unboxed as a double or a decimal (issue 22, typed output slots).</summary>
internal enum OutputNumber : byte
{
    None,
    Double,
    Decimal,
}

/// <summary>
/// One unboxed number (a <see cref="double"/> or a <see cref="decimal"/>, 16 bytes); which of the two it holds is
/// known from the <see cref="NumberMark"/> standing for it.
/// </summary>
[StructLayout(LayoutKind.Explicit)]
internal struct NumberCell
{
    [FieldOffset(0)] public double Double;
    [FieldOffset(0)] public decimal Decimal;

    public static NumberCell Of(double value) => new() { Double = value };
    public static NumberCell Of(decimal value) => new() { Decimal = value };
}

/// <summary>
/// Stands in an outcome's data array for a number kept unboxed in the outcome's own cells (<see cref="Cell"/>): the
/// outcome boxes it only when someone reads <c>Values</c> or <c>Fired</c>. Never visible outside the engine.
/// </summary>
internal sealed class NumberMark
{
    /// <summary>How many numbers an outcome keeps unboxed (the default rules output two: tppPercent and tppEstimate); more are boxed.</summary>
    public const int Cells = 2;

    /// <summary>The mark of the scratch (a number not yet given a cell), by kind.</summary>
    public static readonly NumberMark Double = new(OutputNumber.Double, -1);
    public static readonly NumberMark Decimal = new(OutputNumber.Decimal, -1);
    private static readonly NumberMark[] Doubles = [new(OutputNumber.Double, 0), new(OutputNumber.Double, 1)];
    private static readonly NumberMark[] Decimals = [new(OutputNumber.Decimal, 0), new(OutputNumber.Decimal, 1)];

    private NumberMark(OutputNumber kind, int cell)
    {
        Kind = kind;
        Cell = cell;
    }

    public OutputNumber Kind { get; }
    /// <summary>The outcome's cell holding the number; -1 in the scratch.</summary>
    public int Cell { get; }

    public static NumberMark Of(OutputNumber kind) => kind == OutputNumber.Double ? Double : Decimal;

    /// <summary>This mark's kind in cell <paramref name="cell"/> of an outcome.</summary>
    public NumberMark InCell(int cell) => Kind == OutputNumber.Double ? Doubles[cell] : Decimals[cell];

    /// <summary>The number in <paramref name="value"/> boxed, as a rule output is everywhere else.</summary>
    public object Box(in NumberCell value) => Kind == OutputNumber.Double ? value.Double : value.Decimal;
}

internal static class OutputNumbers
{
    /// <summary>How an output of <paramref name="type"/> is stored: unboxed for exactly double and decimal.</summary>
    public static OutputNumber Of(Type type) =>
        type == typeof(double) ? OutputNumber.Double : type == typeof(decimal) ? OutputNumber.Decimal : OutputNumber.None;
}
