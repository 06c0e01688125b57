using System.Text;

namespace Kinerja.Rules.Forms;

/// <summary>
/// The regular subset of rule expressions a decision table shows: comparisons of an operand with an operand
/// (<c>snapshot.Field</c>, <c>unit.Field</c>, a parameter, a number, a <c>"string"</c>, <c>null</c>, <c>true</c>,
/// <c>false</c>) or bare booleans (<c>name</c>, <c>!name</c>, <c>snapshot.Flag</c>, <c>!snapshot.Flag</c>), all joined by <c>&amp;&amp;</c> or all by <c>||</c>; a term
/// may sit in one pair of parentheses. Anything else (arithmetic, calls, mixed joins, nesting) is irregular.
/// </summary>
public static class ConditionParser
{
    /// <summary>Comparison operators a condition may use.</summary>
    public static readonly IReadOnlyList<string> Operators = ["==", "!=", ">=", "<=", ">", "<"];

    /// <summary>Parses <paramref name="expression"/>; null when it is not in the regular subset.</summary>
    public static (string Join, List<FormCondition> Conditions)? Parse(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression) || Tokenize(expression) is not { } tokens)
        {
            return null;
        }
        var conditions = new List<FormCondition>();
        string? join = null;
        var i = 0;
        while (true)
        {
            var term = ParseTerm(tokens, ref i);
            if (term is null)
            {
                return null;
            }
            conditions.Add(term);
            if (i == tokens.Count)
            {
                return (join ?? "&&", conditions);
            }
            if (tokens[i] is not ("&&" or "||") || (join is not null && join != tokens[i]))
            {
                return null;
            }
            join = tokens[i++];
        }
    }

    /// <summary>The expression for <paramref name="conditions"/> joined by <paramref name="join"/>.</summary>
    public static string Render(string join, IEnumerable<FormCondition> conditions) =>
        string.Join($" {join} ", conditions.Select(c => string.IsNullOrEmpty(c.Op) ? c.Left.Trim() : $"{c.Left.Trim()} {c.Op} {c.Right?.Trim()}"));

    /// <summary>True when <paramref name="text"/> is one operand of the subset (what a table cell may hold).</summary>
    public static bool IsOperand(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Tokenize(text) is { Count: 1 } t && IsOperandToken(t[0]);

    /// <summary>True when <paramref name="text"/> is a bare boolean term: an operand or <c>!name</c>.</summary>
    public static bool IsBareTerm(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Tokenize(text) is { } t
        && ((t.Count == 1 && IsOperandToken(t[0])) || (t.Count == 2 && t[0] == "!" && IsNegatable(t[1])));

    private static FormCondition? ParseTerm(List<string> tokens, ref int i)
    {
        var parenthesised = i < tokens.Count && tokens[i] == "(";
        if (parenthesised)
        {
            i++;
        }
        FormCondition? term = null;
        if (i + 1 < tokens.Count && tokens[i] == "!" && IsNegatable(tokens[i + 1]))
        {
            term = new FormCondition("!" + tokens[i + 1], "", null);
            i += 2;
        }
        else if (i < tokens.Count && IsOperandToken(tokens[i]))
        {
            var left = tokens[i++];
            if (i + 1 < tokens.Count && Operators.Contains(tokens[i]) && IsOperandToken(tokens[i + 1]))
            {
                term = new FormCondition(left, tokens[i], tokens[i + 1]);
                i += 2;
            }
            else
            {
                term = new FormCondition(left, "", null);
            }
        }
        if (term is null)
        {
            return null;
        }
        if (parenthesised)
        {
            if (i >= tokens.Count || tokens[i] != ")")
            {
                return null;
            }
            i++;
        }
        return term;
    }

    /// <summary>What <c>!</c> may stand before: a parameter or a data field (<c>!snapshot.SkpPlanApproved</c>).</summary>
    private static bool IsNegatable(string t) => IsIdentifier(t) || IsMember(t);

    private static bool IsOperandToken(string t) =>
        t.Length > 0 && (t[0] == '"' || char.IsDigit(t[0]) || (t[0] == '-' && t.Length > 1) || IsIdentifier(t) || IsMember(t));

    private static bool IsIdentifier(string t) =>
        t.Length > 0 && (char.IsLetter(t[0]) || t[0] == '_') && t.All(c => char.IsLetterOrDigit(c) || c == '_');

    /// <summary><c>snapshot.Field</c> style: exactly one dot between identifiers.</summary>
    private static bool IsMember(string t) =>
        t.Split('.') is [var a, var b] && IsIdentifier(a) && IsIdentifier(b);

    private static List<string>? Tokenize(string s)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var sb = new StringBuilder("\"");
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        sb.Append(s[i++]);
                    }
                    sb.Append(s[i++]);
                }
                if (i >= s.Length)
                {
                    return null;
                }
                sb.Append('"');
                i++;
                tokens.Add(sb.ToString());
            }
            else if (char.IsDigit(c) || (c == '-' && i + 1 < s.Length && char.IsDigit(s[i + 1]) && PrevAllowsSign(tokens)))
            {
                var start = i++;
                while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
                {
                    i++;
                }
                var number = s[start..i];
                if (number.Count(ch => ch == '.') > 1 || number.EndsWith('.'))
                {
                    return null;
                }
                tokens.Add(number);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_' || s[i] == '.'))
                {
                    i++;
                }
                var word = s[start..i];
                if (!IsIdentifier(word) && !IsMember(word))
                {
                    return null;
                }
                tokens.Add(word);
            }
            else if (i + 1 < s.Length && s.Substring(i, 2) is "&&" or "||" or "==" or "!=" or ">=" or "<=")
            {
                tokens.Add(s.Substring(i, 2));
                i += 2;
            }
            else if (c is '<' or '>' or '!' or '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                // arithmetic, calls, indexers, ternaries: not a table
                return null;
            }
        }
        return tokens;
    }

    private static bool PrevAllowsSign(List<string> tokens) =>
        tokens.Count == 0 || Operators.Contains(tokens[^1]) || tokens[^1] is "&&" or "||" or "(";
}
