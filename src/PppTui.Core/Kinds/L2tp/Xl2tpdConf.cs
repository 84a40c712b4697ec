namespace PppTui.Core.Kinds.L2tp;

/// <summary>
/// xl2tpd.conf, edited one section at a time: <c>[lac NAME]</c> gets the keys the profile sets and
/// every other byte of the file (other sections, comments, keys ppptui does not model) stays as
/// it was. xl2tpd reads <c>key = value</c> lines; <c>;</c> and <c>#</c> start comments.
/// </summary>
public sealed partial class Xl2tpdConf
{
    private readonly List<string> _lines;
    private readonly string _newline;
    private readonly bool _endsWithNewline;

    private Xl2tpdConf(string text)
    {
        _newline = TextEdits.DetectLineEnding(text);
        _endsWithNewline = text.Length == 0 || text.EndsWith('\n');
        var body = _endsWithNewline && text.Length > 0 ? text[..^_newline.Length] : text;
        _lines = text.Length == 0 ? [] : [.. body.Split(_newline)];
    }

    public static Xl2tpdConf Parse(string? text) => new(text ?? "");

    public string Text => _lines.Count == 0 ? "" : string.Join(_newline, _lines) + (_endsWithNewline ? _newline : "");

    /// <summary>True when the file has a <c>[lac NAME]</c> section.</summary>
    public bool HasLac(string name) => SectionRange(name) is not null;

    /// <summary>The value of <paramref name="key"/> in <c>[lac NAME]</c> (the last one wins, as in xl2tpd), or null.</summary>
    public string? Get(string name, string key)
    {
        if (SectionRange(name) is not var (start, end)) return null;
        string? value = null;
        for (var i = start + 1; i < end; i++)
            if (KeyLine().Match(_lines[i]) is { Success: true } m && SameKey(m.Groups["key"].Value, key)) value = m.Groups["value"].Value;
        return value;
    }

    /// <summary>Makes <c>[lac NAME]</c> say <paramref name="key"/> = <paramref name="value"/>, creating the section at the end when absent.</summary>
    public void Set(string name, string key, string value)
    {
        if (SectionRange(name) is not var (start, end))
        {
            // A new section is set off from what comes before it by one blank line.
            if (_lines.Count > 0 && _lines[^1].Trim().Length > 0) _lines.Add("");
            _lines.Add($"[lac {name}]");
            _lines.Add($"{key} = {value}");
            return;
        }
        var last = -1;
        for (var i = start + 1; i < end; i++)
            if (KeyLine().Match(_lines[i]) is { Success: true } m && SameKey(m.Groups["key"].Value, key)) last = i;
        if (last >= 0)
        {
            var m = KeyLine().Match(_lines[last]);
            if (m.Groups["value"].Value == value) return;
            var v = m.Groups["value"];
            _lines[last] = _lines[last][..v.Index] + value + _lines[last][(v.Index + v.Length)..];
            return;
        }
        _lines.Insert(LastContent(start, end) + 1, $"{key} = {value}");
    }

    /// <summary>Removes <c>[lac NAME]</c> with its keys; comments and blank lines before the next section stay with it.</summary>
    public void RemoveLac(string name)
    {
        if (SectionRange(name) is not var (start, end)) return;
        var last = LastContent(start, end);
        _lines.RemoveRange(start, last - start + 1);
        // The blank line that set the section off goes with it.
        if (start > 0 && _lines[start - 1].Trim().Length == 0 && (start == _lines.Count || _lines[start].Trim().Length == 0))
            _lines.RemoveAt(start - 1);
    }

    /// <summary>The names of every <c>[lac NAME]</c> section.</summary>
    public IEnumerable<string> LacNames() =>
        _lines.Select(l => Header().Match(l)).Where(m => m.Success && IsLac(m.Groups["section"].Value))
            .Select(m => LacName(m.Groups["section"].Value));

    // The header line and the line after the section's last one (the next header or the end).
    private (int Start, int End)? SectionRange(string name)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            var m = Header().Match(_lines[i]);
            if (!m.Success || !IsLac(m.Groups["section"].Value) || LacName(m.Groups["section"].Value) != name) continue;
            var end = i + 1;
            while (end < _lines.Count && !Header().IsMatch(_lines[end])) end++;
            return (i, end);
        }
        return null;
    }

    // The section's last line that is neither blank nor a comment (the header when it has none):
    // what comes after it up to the next header introduces the next section.
    private int LastContent(int start, int end)
    {
        var last = start;
        for (var i = start + 1; i < end; i++)
            if (!IsCommentOrBlank(_lines[i])) last = i;
        return last;
    }

    private static bool IsCommentOrBlank(string line) => line.TrimStart() is var t && (t.Length == 0 || t[0] is ';' or '#');

    private static bool IsLac(string section) =>
        section.StartsWith("lac", StringComparison.OrdinalIgnoreCase) && section.Length > 3 && char.IsWhiteSpace(section[3]);

    private static string LacName(string section) => section[3..].Trim();

    // xl2tpd compares keys without case ("LNS", "lns").
    private static bool SameKey(string a, string b) => string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*\[(?<section>[^\]]+)\]\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s*(?<key>[^=;#\[\s][^=;#]*?)\s*=\s*(?<value>[^;#]*?)\s*(?:[;#].*)?$")]
    private static partial Regex KeyLine();
}
