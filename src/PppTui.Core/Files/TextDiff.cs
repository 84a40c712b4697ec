using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

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
        if (oldText == newText) return "";
        var oldLines = SplitKeepingEndings(oldText);
        var newLines = SplitKeepingEndings(newText);
        if (oldLines.Count == 0 || newLines.Count == 0) return WholeFile(oldLines, newLines, oldLabel, newLabel);
        var diff = Differ.Instance.CreateDiffs(
            string.Concat(oldLines.Select(Escape)), string.Concat(newLines.Select(Escape)),
            ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());

        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Merge blocks whose context windows touch into one hunk, as diff -u does.
            var first = i;
            var last = i;
            while (last + 1 < blocks.Count &&
                   blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * Context)
                last++;
            var startA = Math.Max(0, blocks[first].DeleteStartA - Context);
            var endA = Math.Min(oldLines.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + Context);
            var startB = Math.Max(0, blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA));
            var hunk = new StringBuilder();
            var countA = 0;
            var countB = 0;
            var a = startA;
            for (var b = first; b <= last; b++)
            {
                var block = blocks[b];
                for (; a < block.DeleteStartA; a++, countA++, countB++) AppendLine(hunk, ' ', oldLines[a]);
                for (var d = 0; d < block.DeleteCountA; d++, a++, countA++) AppendLine(hunk, '-', oldLines[a]);
                for (var n = 0; n < block.InsertCountB; n++, countB++) AppendLine(hunk, '+', newLines[block.InsertStartB + n]);
            }
            for (; a < endA; a++, countA++, countB++) AppendLine(hunk, ' ', oldLines[a]);
            output.Append("@@ -").Append(Range(startA, countA)).Append(" +").Append(Range(startB, countB)).Append(" @@\n");
            output.Append(hunk);
            i = last + 1;
        }
        return output.ToString();
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

    // The line chunker splits on newlines; escaping a line's ending into the text lets a change
    // of line ending alone (CRLF to LF) count as a change.
    private static string Escape(string line) =>
        line.EndsWith("\r\n", StringComparison.Ordinal) ? line[..^2] + "\u0001CR\n"
        : line.EndsWith('\n') ? line : line + "\u0001EOF\n";

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
