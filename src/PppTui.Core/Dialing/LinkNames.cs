namespace PppTui.Core.Dialing;

/// <summary>
/// What pppd accepts as the NAME of <c>call NAME</c>: a file in /etc/ppp/peers, never a path.
/// </summary>
public static class LinkNames
{
    /// <summary>Null when <paramref name="name"/> can be used with <c>pppd call</c>; otherwise why not.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the link name is empty";
        // pppd itself refuses names that start with '/' or contain "..": they would escape peers/.
        if (name.StartsWith('/') || name.Contains("..", StringComparison.Ordinal) || name.Contains('/'))
            return $"'{name}' is not a peers file name (no '/' and no '..')";
        if (name.StartsWith('-')) return $"'{name}' starts with '-' and would read as an option";
        if (name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return $"'{name}' contains spaces or control characters";
        return null;
    }
}
