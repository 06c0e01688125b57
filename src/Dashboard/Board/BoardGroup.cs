using System.Text.RegularExpressions;

namespace Kinerja.Dashboard.Board;

/// <summary>The kinds of SignalR group a screen can join.</summary>
public enum BoardGroupKind
{
    Region,
    Unit,
    Public,
}

/// <summary>A parsed group name: <c>region:{regionId}</c>, <c>unit:{unitId}</c> or <c>public:{regionId}</c>.</summary>
public readonly partial record struct BoardGroup(BoardGroupKind Kind, string Id)
{
    public string Name => Kind switch
    {
        BoardGroupKind.Region => "region:" + Id,
        BoardGroupKind.Unit => "unit:" + Id,
        _ => "public:" + Id,
    };

    public override string ToString() => Name;

    public static BoardGroup Region(string id) => new(BoardGroupKind.Region, id);

    public static BoardGroup Unit(string id) => new(BoardGroupKind.Unit, id);

    public static BoardGroup Public(string id) => new(BoardGroupKind.Public, id);

    /// <summary>Parses a group name; false for anything but the three forms with a valid id.</summary>
    public static bool TryParse(string? name, out BoardGroup group)
    {
        group = default;
        if (string.IsNullOrEmpty(name) || name.Length > 80)
        {
            return false;
        }
        var colon = name.IndexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        var id = name[(colon + 1)..];
        if (!IdPattern().IsMatch(id))
        {
            return false;
        }
        BoardGroupKind? kind = name[..colon] switch
        {
            "region" => BoardGroupKind.Region,
            "unit" => BoardGroupKind.Unit,
            "public" => BoardGroupKind.Public,
            _ => null,
        };
        if (kind is null)
        {
            return false;
        }
        group = new BoardGroup(kind.Value, id);
        return true;
    }

    /// <summary>The id rule of the <c>region</c> and <c>unit</c> tables.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    public static partial Regex IdPattern();
}
