using Terminal.Gui.Text;

namespace PppTui.Tui.Text;

/// <summary>
/// Text measured in terminal columns, not chars: a CJK character takes two columns, a combining
/// mark none. Every pane lays rows out through these so wide text lines up.
/// </summary>
public static class Columns
{
    public static int Width(string text) => text.GetColumns();

    /// <summary>Clips to at most <paramref name="width"/> columns without splitting a wide character,
    /// then pads with spaces to exactly that width.</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0) return "";
        var sb = new StringBuilder(width + 4);
        int used = 0;
        foreach (var rune in Printable(text).EnumerateRunes())
        {
            int w = Math.Max(0, rune.GetColumns());
            if (used + w > width) break;
            sb.Append(rune.ToString());
            used += w;
        }
        return used < width ? sb.Append(' ', width - used).ToString() : sb.ToString();
    }

    /// <summary>Clips to at most <paramref name="width"/> columns, ending with "…" when something was cut.</summary>
    public static string Ellipsize(string text, int width)
    {
        text = Printable(text);
        if (width <= 0) return "";
        if (Width(text) <= width) return text;
        return Fit(text, width - 1).TrimEnd() + "…";
    }

    /// <summary>
    /// Clips to at most <paramref name="width"/> columns by cutting the middle ("modem-…arrier"):
    /// names of one family share their start and differ at the end, so both ends are kept.
    /// </summary>
    public static string EllipsizeMiddle(string text, int width)
    {
        text = Printable(text);
        if (width <= 0) return "";
        if (Width(text) <= width) return text;
        if (width < 5) return Ellipsize(text, width);
        int tail = (width - 1) / 2, head = width - 1 - tail;
        string start = Fit(text, head).TrimEnd();
        string end = FitRight(Reverse(Fit(Reverse(text), tail).TrimEnd()), tail).TrimStart();
        return start + "…" + end;
    }

    private static string Reverse(string text)
    {
        var parts = new List<string>();
        var e = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) parts.Add(e.GetTextElement());
        parts.Reverse();
        return string.Concat(parts);
    }

    /// <summary>Pads on the left to <paramref name="width"/> columns (numbers in tables).</summary>
    public static string FitRight(string text, int width)
    {
        text = Printable(text);
        int w = Width(text);
        return w >= width ? Fit(text, width) : new string(' ', width - w) + text;
    }

    /// <summary>
    /// Makes text safe to draw: tabs become spaces, other control characters (including ESC, so a
    /// log line cannot drive the terminal) become a visible '·'.
    /// </summary>
    public static string Printable(string text)
    {
        bool clean = true;
        foreach (char c in text)
            if (char.IsControl(c)) { clean = false; break; }
        if (clean) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (c == '\t') sb.Append(' ', 4 - sb.Length % 4);
            else if (c is '\r' or '\n') sb.Append(' ');
            else if (char.IsControl(c)) sb.Append('·');
            else sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Word-wraps to lines of at most <paramref name="width"/> columns (long words are cut).</summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        if (width <= 0) return lines;
        foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
        {
            var line = new StringBuilder();
            int used = 0;
            foreach (var word in Printable(paragraph).Split(' '))
            {
                int w = Width(word);
                if (used > 0 && used + 1 + w > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    used = 0;
                }
                var rest = word;
                while (Width(rest) > width)
                {
                    var head = Fit(rest, width).TrimEnd();
                    if (head.Length == 0) break;
                    if (used > 0) { lines.Add(line.ToString()); line.Clear(); used = 0; }
                    lines.Add(head);
                    rest = rest[head.Length..];
                }
                if (used > 0) { line.Append(' '); used++; }
                line.Append(rest);
                used += Width(rest);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>The part of <paramref name="text"/> from column <paramref name="start"/> on (horizontal scrolling).
    /// A wide character cut in half by the start becomes a space.</summary>
    public static string From(string text, int start)
    {
        text = Printable(text);
        if (start <= 0) return text;
        int used = 0, i = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used >= start) break;
            used += Math.Max(0, rune.GetColumns());
            i += rune.Utf16SequenceLength;
        }
        var rest = text[i..];
        return used > start ? new string(' ', used - start) + rest : rest;
    }

    /// <summary>Wraps with a prefix on the first line and another on the rest (indented messages).</summary>
    public static IReadOnlyList<string> Wrap(string text, int width, string firstPrefix, string restPrefix)
    {
        int inner = Math.Max(width - Math.Max(Width(firstPrefix), Width(restPrefix)), 4);
        return Wrap(text, inner).Select((l, i) => (i == 0 ? firstPrefix : restPrefix) + l).ToList();
    }
}
