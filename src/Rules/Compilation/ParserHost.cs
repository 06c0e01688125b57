using System.Linq.Expressions;
using Kinerja.Core.Indicators;
using Kinerja.Rules.Safety;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace Kinerja.Rules.Compilation;

/// <summary>
/// Parses rule expressions with RulesEngine's own <see cref="RuleExpressionParser"/> (Dynamic LINQ with
/// RulesEngine's custom type provider), so an expression means here exactly what it means inside
/// <c>RulesEngine.ExecuteAllRulesAsync</c>; then applies <see cref="ExpressionSandbox"/>. The text is checked
/// against <see cref="RuleLimits"/> first (the parser recurses per nesting level), and the accepted tree is
/// guarded by <see cref="BudgetRewriter"/> (loop ticks, bounded strings). Callers run it on the
/// compiler's large-stack thread (<see cref="BigStack"/>).
/// </summary>
/// <param name="limits">Text limits checked before parsing.</param>
/// <param name="inputTypes">Input types the sandbox allows besides the snapshots (a compile for tests only).</param>
internal sealed class ParserHost(RuleLimits limits, IReadOnlySet<Type>? inputTypes = null)
{
    public RuleLimits Limits => limits;

    /// <summary>The settings both this compiler and the plain RulesEngine (validation here, the tests' <c>PlainRulesEngine</c>) use.</summary>
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
        if (ExpressionPrecheck.Check(expression, limits) is { } tooBig)
        {
            throw new RuleCompileException($"expression `{Abbreviate(expression)}` is refused before parsing: {tooBig}");
        }
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
        return BudgetRewriter.Rewrite(parsed);
    }

    private static string Abbreviate(string expression) => expression.Length <= 80 ? expression : expression[..77] + "...";
}

/// <summary>A rule expression that does not parse or breaks the sandbox.</summary>
internal sealed class RuleCompileException(string message, Exception? inner = null) : Exception(message, inner);
