namespace PppTui.Core.PppConfig;

/// <summary>One replacement of the characters [Start, End) of a text.</summary>
internal readonly record struct TextEdit(int Start, int End, string Replacement);

/// <summary>
/// Splicing helpers shared by the pppd and chat file editors: every edit builds the new text in
/// one pass, and everything outside the edited spans is copied unchanged.
/// </summary>
internal static class TextEdits
{
    /// <summary>Applies non-overlapping edits (removals may overlap; they are merged) in one pass.</summary>
    public static string Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        if (edits.Count == 0) return text;
        if (edits.Count == 1) return Splice(text, [edits[0]]);

        var sorted = edits.OrderBy(e => e.Start).ThenBy(e => e.End);
        var merged = new List<TextEdit>(edits.Count);
        foreach (var edit in sorted)
        {
            if (merged.Count > 0 && edit.Start < merged[^1].End)
            {
                var previous = merged[^1];
                if (previous.Replacement.Length != 0 || edit.Replacement.Length != 0)
                    throw new InvalidOperationException("Two edits replace the same characters.");
                merged[^1] = previous with { End = Math.Max(previous.End, edit.End) };
                continue;
            }
            merged.Add(edit);
        }
        return Splice(text, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(merged));
    }

    // The new text is built straight into its final string: a large file is copied once per edit.
    private static string Splice(string text, ReadOnlySpan<TextEdit> sorted)
    {
        long length = text.Length;
        foreach (var edit in sorted) length += (long)edit.Replacement.Length - (edit.End - edit.Start);
        var state = (Text: text, Edits: sorted.ToArray());
        return string.Create(checked((int)length), state, static (target, state) =>
        {
            int copied = 0;
            foreach (var edit in state.Edits)
            {
                state.Text.AsSpan(copied, edit.Start - copied).CopyTo(target);
                target = target[(edit.Start - copied)..];
                edit.Replacement.CopyTo(target);
                target = target[edit.Replacement.Length..];
                copied = edit.End;
            }
            state.Text.AsSpan(copied).CopyTo(target);
        });
    }

    /// <summary>The file's line ending: CRLF when its first line ends with one, else LF.</summary>
    public static string DetectLineEnding(string text)
    {
        int lineBreak = text.IndexOf('\n');
        return lineBreak > 0 && text[lineBreak - 1] == '\r' ? "\r\n" : "\n";
    }

    /// <summary>
    /// The edit that appends <paramref name="line"/> as a new last line. A file that ends without
    /// a line break keeps ending without one, unless <paramref name="needsFinalLineBreak"/> (the
    /// line ends in a word pppd would drop at the very end of the file).
    /// </summary>
    public static TextEdit AppendLine(string text, string line, string lineEnding, bool needsFinalLineBreak)
    {
        if (text.Length == 0) return new TextEdit(0, 0, line + lineEnding);
        if (text[^1] == '\n') return new TextEdit(text.Length, text.Length, line + lineEnding);
        return new TextEdit(text.Length, text.Length, lineEnding + line + (needsFinalLineBreak ? lineEnding : ""));
    }

    /// <summary>
    /// The span to delete so that the words [first, last] disappear. When their lines hold
    /// nothing else but white space and a trailing comment, the whole lines go, line break
    /// included (for a last line without a line break, the break before it goes instead, so the
    /// file keeps its missing final newline). Otherwise only the words go, with the white space
    /// on one side of them.
    /// </summary>
    public static (int Start, int End) RemovalSpan(string text, IReadOnlyList<PppWord> words, int first, int last)
    {
        var head = words[first];
        var tail = words[last];
        int lineStart = head.Start == 0 ? 0 : text.LastIndexOf('\n', head.Start - 1) + 1;
        bool prefixBlank = true;
        for (int i = lineStart; i < head.Start && prefixBlank; i++) prefixBlank = PppWordReader.IsSpace(text[i]);

        int p = tail.End;
        while (p < text.Length && text[p] != '\n' && PppWordReader.IsSpace(text[p])) p++;
        if (p < text.Length && text[p] == '#')
        {
            int lineBreak = text.IndexOf('\n', p);
            p = lineBreak < 0 ? text.Length : lineBreak;
        }
        bool suffixBlank = p >= text.Length || text[p] == '\n';

        if (prefixBlank && suffixBlank)
        {
            if (p < text.Length) return (lineStart, p + 1);
            if (lineStart == 0) return (0, text.Length);
            int breakStart = lineStart - 1;
            if (breakStart > 0 && text[breakStart - 1] == '\r') breakStart--;
            return (breakStart, text.Length);
        }

        int lowerBound = Math.Max(lineStart, first > 0 ? words[first - 1].End : 0);
        int before = head.Start;
        while (before > lowerBound && text[before - 1] is ' ' or '\t') before--;
        if (before < head.Start) return (before, tail.End);

        int upperBound = last + 1 < words.Count ? words[last + 1].Start : text.Length;
        int after = tail.End;
        while (after < upperBound && text[after] is ' ' or '\t') after++;
        return (head.Start, after);
    }
}
