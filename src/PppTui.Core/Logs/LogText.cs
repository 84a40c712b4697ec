using System.Buffers;

namespace PppTui.Core.Logs;

/// <summary>
/// Makes text from logs safe for a terminal: control characters become caret notation (ESC
/// becomes <c>^[</c>, so escape sequences never reach the terminal raw), C1 controls and bidi
/// overrides become <c>\u00NN</c>-style escapes, invalid UTF-8 becomes U+FFFD (the decoder's
/// replacement), and lines longer than <see cref="MaxLineLength"/> are cut with a marker.
/// </summary>
public static partial class LogText
{
    /// <summary>
    /// A line with any SIM PIN a chat script sent (<c>AT+CPIN=1234</c>, as chat -v logs it when
    /// the script does not hide it with <c>\q</c>) masked, so that no log we show prints it.
    /// </summary>
    public static string HideSimPin(string line) =>
        line.Contains("CPIN", StringComparison.OrdinalIgnoreCase)
            ? SimPin().Replace(line, static m => m.Groups[1].Value + new string('*', m.Groups[2].Length))
            : line;

    [GeneratedRegex(@"(AT\+CPIN=""?)(\d+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SimPin();

    /// <summary>The longest line kept (64 Ki characters); the rest is cut and counted in the marker.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>Strict UTF-8 with replacement: invalid bytes decode to U+FFFD, never throw.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private static readonly SearchValues<char> Unsafe = SearchValues.Create(BuildUnsafe());

    private static string BuildUnsafe()
    {
        var sb = new StringBuilder();
        for (char c = '\0'; c < ' '; c++) sb.Append(c);
        sb.Append('\x7f');
        for (char c = '\x80'; c <= '\x9f'; c++) sb.Append(c);
        // Bidi embeddings, overrides and isolates can make a line display as something it is not.
        for (char c = '\u202a'; c <= '\u202e'; c++) sb.Append(c);
        for (char c = '\u2066'; c <= '\u2069'; c++) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>True when the text has nothing that <see cref="Clean(ReadOnlySpan{char}, long)"/> would change.</summary>
    public static bool IsClean(ReadOnlySpan<char> text) => text.Length <= MaxLineLength && !text.ContainsAny(Unsafe);

    /// <summary>The safe form of one line (without its newline).</summary>
    /// <param name="line">The decoded line.</param>
    /// <param name="alreadyCut">Bytes a reader already dropped from the end of an overlong line.</param>
    public static string Clean(ReadOnlySpan<char> line, long alreadyCut = 0) => Clean(line, alreadyCut, out _);

    /// <summary>The safe form of one line; <paramref name="truncated"/> tells whether it was cut.</summary>
    public static string Clean(ReadOnlySpan<char> line, long alreadyCut, out bool truncated)
    {
        if (line.Length > 0 && line[^1] == '\r') line = line[..^1];
        long cut = alreadyCut;
        if (line.Length > MaxLineLength)
        {
            var keep = MaxLineLength;
            if (char.IsHighSurrogate(line[keep - 1])) keep--;
            cut += line.Length - keep;
            line = line[..keep];
        }
        truncated = cut > 0;
        if (!line.ContainsAny(Unsafe))
            return truncated ? string.Concat(line, CutMarker(cut)) : new string(line);

        var sb = new StringBuilder(line.Length + 16);
        var i = 0;
        for (; i < line.Length; i++)
        {
            var c = line[i];
            // Escapes take up to six characters: stop before the shown line outgrows the limit.
            var escaped = c < ' ' && c != '\t' || c == '\x7f' ? 2
                : c is >= '\x80' and <= '\x9f' or >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069' ? 6 : 1;
            if (sb.Length + escaped > MaxLineLength)
            {
                if (sb.Length > 0 && char.IsHighSurrogate(sb[^1])) { sb.Length--; i--; }
                break;
            }
            if (c < ' ')
            {
                if (c == '\t') sb.Append(' ');
                else sb.Append('^').Append((char)(c + '@'));
            }
            else if (c == '\x7f') sb.Append("^?");
            else if (escaped == 6)
                sb.Append("\\u").Append(((int)c).ToString("X4"));
            else sb.Append(c);
        }
        if (i < line.Length)
        {
            cut += line.Length - i;
            truncated = true;
        }
        if (truncated) sb.Append(CutMarker(cut));
        return sb.ToString();
    }

    /// <summary>Decodes bytes as UTF-8 (invalid bytes become U+FFFD) and cleans the result.</summary>
    public static string Clean(ReadOnlySpan<byte> utf8Line)
    {
        long dropped = 0;
        if (utf8Line.Length > MaxLineLength * 4)
        {
            dropped = utf8Line.Length - MaxLineLength * 4;
            utf8Line = utf8Line[..(MaxLineLength * 4)];
        }
        var chars = ArrayPool<char>.Shared.Rent(Utf8.GetMaxCharCount(utf8Line.Length));
        try
        {
            var n = Utf8.GetChars(utf8Line, chars);
            return Clean(chars.AsSpan(0, n), dropped);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string CutMarker(long cut) => $" [line cut: {cut} more bytes]";
}
