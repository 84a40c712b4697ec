using DiffPlex;
using DiffPlex.Model;

namespace PppTui.Core.Files;

/// <summary>Unified diffs between two texts, line by line, as <c>diff -u</c> prints them.</summary>
public static class TextDiff
{
    private const int Context = 3;

    /// <summary>
    /// A unified diff of <paramref name="oldText"/> to <paramref name="newText"/>; empty when they are
    /// equal. A change in line endings alone shows as a changed line.
    /// </summary>
    public static string Unified(string? oldText, string newText, string oldLabel, string newLabel)
    {
        oldText ??= "";
        if (ReferenceEquals(oldText, newText)) return "";
        if (oldText.Length == 0 || newText.Length == 0)
            return oldText.Length == newText.Length ? "" : WholeFile(SplitKeepingEndings(oldText), SplitKeepingEndings(newText), oldLabel, newLabel);

        // The lines both texts begin and end with take no part in the comparison (the line differ
        // would set them aside first thing too): only the lines between are split and compared,
        // so a one-line change in a large file costs a pass or two over its characters.
        var common = oldText.AsSpan().CommonPrefixLength(newText);
        if (common == oldText.Length && common == newText.Length) return "";
        var prefixEnd = common == 0 ? 0 : oldText.LastIndexOf('\n', common - 1) + 1;
        var (oldSuffix, newSuffix) = CommonLineSuffix(oldText, newText, prefixEnd);
        var skipped = oldText.AsSpan(0, prefixEnd).Count('\n');
        var (oldLines, newLines, blocks) = CompareLines(oldText[prefixEnd..oldSuffix], newText[prefixEnd..newSuffix]);
        var before = LinesBefore(oldText, prefixEnd, Context);
        var after = LinesFrom(oldText, oldSuffix, Context);
        string OldLine(int index) =>
            index < skipped ? before[before.Count - (skipped - index)]
            : index - skipped < oldLines.Count ? oldLines[index - skipped]
            : after[index - skipped - oldLines.Count];
        var oldLineCount = skipped + oldLines.Count + after.Count;

        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context windows touch into one hunk, as diff -u does.
            var first = i;
            var last = i;
            while (last + 1 < blocks.Count &&
                   blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
                last++;
            var startA = Math.Max(0, skipped + blocks[first].DeleteStartA - Context);
            var endA = Math.Min(oldLineCount, skipped + blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
            var startB = Math.Max(0, skipped + blocks[first].InsertStartB - (skipped + blocks[first].DeleteStartA - startA));
            var hunk = new StringBuilder();
            var countA = 0;
            var countB = 0;
            var a = startA;
            for (var b = first; b <= last; b++)
            {
                var block = blocks[b];
                for (; a < skipped + block.DeleteStartA; a++, countA++, countB++) AppendLine(hunk, ' ', OldLine(a));
                for (var d = 0; d < block.DeleteCountA; d++, a++, countA++) AppendLine(hunk, '-', OldLine(a));
                for (var n = 0; n < block.InsertCountB; n++, countB++) AppendLine(hunk, '+', newLines[block.InsertStartB + n]);
            }
            for (; a < endA; a++, countA++, countB++) AppendLine(hunk, ' ', OldLine(a));
            output.Append("@@ -").Append(Range(startA, countA)).Append(" +").Append(Range(startB, countB)).Append(" @@\n");
            output.Append(hunk);
            i = last + 1;
        }
        return output.ToString();
    }

    /// <summary>The changed lines of two middles (each a run of whole lines), as blocks of line indices into them.</summary>
    private static (IReadOnlyList<string> Old, IReadOnlyList<string> New, IList<DiffBlock> Blocks) CompareLines(string oldMiddle, string newMiddle)
    {
        if (oldMiddle.Length == 0 || newMiddle.Length == 0)
        {
            var oldLines = SplitKeepingEndings(oldMiddle);
            var newLines = SplitKeepingEndings(newMiddle);
            return (oldLines, newLines, [new DiffBlock(0, oldLines.Count, 0, newLines.Count)]);
        }
        var diff = Differ.Instance.CreateDiffs(oldMiddle, newMiddle, ignoreWhiteSpace: false, ignoreCase: false, LinesWithEndings.Instance);
        return (diff.PiecesOld, diff.PiecesNew, diff.DiffBlocks);
    }

    /// <summary>
    /// Splits at line feeds only, each line keeping its ending, so a line differs from another
    /// when its ending does (CRLF against LF, or the last line's missing newline), and a carriage
    /// return inside a line stays part of it.
    /// </summary>
    private sealed class LinesWithEndings : IChunker
    {
        public static readonly LinesWithEndings Instance = new();

        public IReadOnlyList<string> Chunk(string text) => SplitKeepingEndings(text);
    }

    /// <summary>
    /// Where the lines both texts end with begin, in each text; never before <paramref name="prefixEnd"/>,
    /// so the shared start and end do not overlap.
    /// </summary>
    private static (int Old, int New) CommonLineSuffix(string oldText, string newText, int prefixEnd)
    {
        var oldTail = oldText.AsSpan(prefixEnd);
        var newTail = newText.AsSpan(prefixEnd);
        var common = 0;
        var limit = Math.Min(oldTail.Length, newTail.Length);
        // Compare backwards a block at a time, then character by character inside the block that differs.
        const int Block = 256;
        while (common < limit)
        {
            var size = Math.Min(Block, limit - common);
            if (!oldTail.Slice(oldTail.Length - common - size, size).SequenceEqual(newTail.Slice(newTail.Length - common - size, size)))
            {
                while (oldTail[oldTail.Length - common - 1] == newTail[newTail.Length - common - 1]) common++;
                break;
            }
            common += size;
        }
        var oldStart = oldText.Length - common;
        var newStart = newText.Length - common;
        // The shared end starts at a line start in both texts; otherwise at the first line start
        // inside it, where both texts agree on the character before.
        if (IsLineStart(oldText, oldStart, prefixEnd) && IsLineStart(newText, newStart, prefixEnd)) return (oldStart, newStart);
        var lineFeed = oldText.IndexOf('\n', oldStart);
        if (lineFeed < 0) return (oldText.Length, newText.Length);
        return (lineFeed + 1, lineFeed + 1 - oldText.Length + newText.Length);
    }

    private static bool IsLineStart(string text, int index, int prefixEnd) => index == prefixEnd || text[index - 1] == '\n';

    /// <summary>Up to <paramref name="count"/> whole lines ending at <paramref name="end"/> (a line start).</summary>
    private static List<string> LinesBefore(string text, int end, int count)
    {
        var start = end;
        for (var n = 0; n < count && start > 0; n++) start = start == 1 ? 0 : text.LastIndexOf('\n', start - 2) + 1;
        return SplitKeepingEndings(text[start..end]);
    }

    /// <summary>Up to <paramref name="count"/> lines starting at <paramref name="start"/> (a line start).</summary>
    private static List<string> LinesFrom(string text, int start, int count)
    {
        var lines = new List<string>(count);
        while (lines.Count < count && start < text.Length)
        {
            var lineFeed = text.IndexOf('\n', start);
            var end = lineFeed < 0 ? text.Length : lineFeed + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    // DiffPlex sees an empty text as one empty line; a file created or emptied is all one hunk.
    private static string WholeFile(List<string> oldLines, List<string> newLines, string oldLabel, string newLabel)
    {
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        output.Append("@@ -").Append(Range(0, oldLines.Count)).Append(" +").Append(Range(0, newLines.Count)).Append(" @@\n");
        foreach (var line in oldLines) AppendLine(output, '-', line);
        foreach (var line in newLines) AppendLine(output, '+', line);
        return output.ToString();
    }

    /// <summary>How many lines a unified diff removes and adds.</summary>
    public static (int Removed, int Added) Count(string unifiedDiff)
    {
        var removed = 0;
        var added = 0;
        foreach (var line in unifiedDiff.Split('\n'))
        {
            if (line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal)) continue;
            if (line.StartsWith('-')) removed++;
            else if (line.StartsWith('+')) added++;
        }
        return (removed, added);
    }

    private static string Range(int start, int count) =>
        count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void AppendLine(StringBuilder sb, char marker, string line)
    {
        sb.Append(marker);
        var body = line.TrimEnd('\n');
        if (body.EndsWith('\r')) body = body[..^1] + "␍";
        sb.Append(body).Append('\n');
        if (!line.EndsWith('\n')) sb.Append("\\ No newline at end of file\n");
    }

    internal static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var nl = text.IndexOf('\n', start);
            if (nl < 0) { lines.Add(text[start..]); break; }
            lines.Add(text[start..(nl + 1)]);
            start = nl + 1;
        }
        return lines;
    }
}
