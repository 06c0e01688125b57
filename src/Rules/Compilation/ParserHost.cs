using System.Linq.Expressions;
using Kinerja.Core.Indicators;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Parses rule expressions with RulesEngine's own <see cref="RuleExpressionParser"/> (Dynamic LINQ with
/// RulesEngine's custom type provider), so an expression means here exactly what it means inside
/// <c>RulesEngine.ExecuteAllRulesAsync</c>; then applies <see cref="ExpressionSandbox"/>.
/// </summary>
/// <param name="inputTypes">Input types the sandbox allows besides the snapshots (a compile for tests only).</param>
internal sealed class ParserHost(IReadOnlySet<Type>? inputTypes = null)
{
    /// <summary>The settings both this compiler and the reference RulesEngine runner use.</summary>
    public static ReSettings Settings() => new()
    {
        CustomTypes = [typeof(IndicatorSnapshot), typeof(UnitSnapshot), typeof(DateOnly), typeof(TimeOnly), typeof(MathF)],
        EnableExceptionAsErrorMessage = true,
        IsExpressionCaseSensitive = false,
    };

    private readonly RuleExpressionParser _parser = new(Settings());

    /// <summary>Parses and sandboxes one expression; throws <see cref="RuleCompileException"/> with the reason.</summary>
    public Expression Parse(string expression, IReadOnlyList<ParameterExpression> parameters, Type? returnType)
    {
        Expression parsed;
        try
        {
            parsed = _parser.Parse(expression, parameters.ToArray(), returnType);
        }
        catch (Exception ex)
        {
            throw new RuleCompileException($"expression `{expression}` does not compile: {ex.Message}", ex);
        }
        if (ExpressionSandbox.Check(parsed, inputTypes) is { } violation)
        {
            throw new RuleCompileException($"expression `{expression}` is rejected: {violation}");
        }
        return parsed;
    }
}

/// <summary>A rule expression that does not parse or breaks the sandbox.</summary>
internal sealed class RuleCompileException(string message, Exception? inner = null) : Exception(message, inner);
