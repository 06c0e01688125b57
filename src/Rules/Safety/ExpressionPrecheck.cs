namespace Kinerja.Rules.Safety;

/// <summary>
/// Checks an expression's text against <see cref="RuleLimits"/> before the parser sees it: length, nesting of
/// brackets and runs of unary operators (each is a level of parser recursion). Runs in one pass over the
/// characters, skipping string and character literals, and never recurses.
/// </summary>
internal static class ExpressionPrecheck
{
    /// <summary>The first limit the text breaks, as a readable reason naming the setting; null when within limits.</summary>
    public static string? Check(string expression, RuleLimits limits)
    {
        if (expression.Length > limits.MaxExpressionLength)
        {
            return $"the expression has {expression.Length} characters, more than the limit of {limits.MaxExpressionLength} "
                + $"(Kinerja:Rules:Limits:MaxExpressionLength)";
        }
        var depth = 0;
        var unary = 0;
        // true where a unary operator may start (after an operator, an opening bracket, a comma or at the start)
        var operandExpected = true;
        for (var i = 0; i < expression.Length; i++)
        {
            var c = expression[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }
            if (c is '"' or '\'')
            {
                i = SkipLiteral(expression, i);
                (operandExpected, unary) = (false, 0);
                continue;
            }
            if (c is '(' or '[' or '{')
            {
                if (++depth > limits.MaxNestingDepth)
                {
                    return $"brackets are nested more than {limits.MaxNestingDepth} deep (Kinerja:Rules:Limits:MaxNestingDepth)";
                }
                (operandExpected, unary) = (true, 0);
                continue;
            }
            if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
                (operandExpected, unary) = (false, 0);
                continue;
            }
            var isNotWord = (c is 'n' or 'N') && IsWord(expression, i, "not");
            if (operandExpected && (c is '!' or '-' or '+' or '~' || isNotWord))
            {
                if (++unary > limits.MaxUnaryRun)
                {
                    return $"more than {limits.MaxUnaryRun} unary operators in a row (Kinerja:Rules:Limits:MaxUnaryRun)";
                }
                i += isNotWord ? 2 : 0;
                continue;
            }
            if (char.IsLetterOrDigit(c) || c is '_' or '@' or '.')
            {
                while (i + 1 < expression.Length && (char.IsLetterOrDigit(expression[i + 1]) || expression[i + 1] is '_' or '.'))
                {
                    i++;
                }
                (operandExpected, unary) = (false, 0);
                continue;
            }
            // any other operator or punctuation: an operand follows
            (operandExpected, unary) = (true, 0);
        }
        return null;
    }

    private static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                // a doubled quote is an escaped quote in Dynamic LINQ string literals
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return text.Length - 1;
    }

    private static bool IsWord(string text, int i, string word) =>
        string.Compare(text, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (i == 0 || !char.IsLetterOrDigit(text[i - 1]))
        && (i + word.Length >= text.Length || !char.IsLetterOrDigit(text[i + word.Length]));
}
