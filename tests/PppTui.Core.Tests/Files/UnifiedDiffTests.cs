using DiffPlex;

namespace PppTui.Core.Tests.Files;

/// <summary>
/// The unified diff compares only the lines between the ones both texts share at their start and
/// end. These tests hold it to the diff of the whole texts, line for line and byte for byte.
/// </summary>
public class UnifiedDiffTests
{
    private static readonly Gen<string> Line = Gen.OneOfConst(
        "a\n", "b\n", "c\n", "a\r\n", "b\r\n", "\n", "\r\n", "# comment\n", "mtu 1400\n", "mtu 1401\n", "x", "a", "");

    private static readonly Gen<string> Text = Gen.Frequency(
        (10, Line.Array[0, 12].Select(string.Concat)),
        (1, Gen.Const("")),
        (1, Line.Array[40, 120].Select(string.Concat)));

    [Fact]
    public void Any_two_texts_diff_exactly_as_a_diff_of_the_whole_texts_does()
    {
        Gen.Select(Text, Text).Sample((before, after) =>
            Assert.Equal(WholeTextDiff(before, after, "a/f", "b/f"), TextDiff.Unified(before, after, "a/f", "b/f")),
            iter: 20_000);
    }

    [Fact]
    public void An_edit_of_a_text_diffs_exactly_as_a_diff_of_the_whole_texts_does()
    {
        // Edits of one text, as typing makes them: the shared start and end are long.
        Gen.Select(Line.Array[1, 60], Gen.Int[0, 59], Gen.Int[0, 3], Line.Array[0, 3]).Sample((lines, at, removed, inserted) =>
        {
            var before = string.Concat(lines);
            var start = Math.Min(at, lines.Length);
            var edited = lines.Take(start).Concat(inserted).Concat(lines.Skip(start + removed));
            var after = string.Concat(edited);
            Assert.Equal(WholeTextDiff(before, after, "a/f", "b/f"), TextDiff.Unified(before, after, "a/f", "b/f"));
        }, iter: 20_000);
    }

    [Fact]
    public void One_changed_line_in_a_long_file_gives_its_line_numbers_and_three_lines_around_it()
    {
        var lines = Enumerable.Range(1, 20_000).Select(n => $"# line {n}\n").ToArray();
        var before = string.Concat(lines);
        lines[9_999] = "mtu 1400\n";

        var diff = TextDiff.Unified(before, string.Concat(lines), "a/f", "b/f");

        Assert.Equal(
            "--- a/f\n+++ b/f\n@@ -9997,7 +9997,7 @@\n # line 9997\n # line 9998\n # line 9999\n-# line 10000\n+mtu 1400\n" +
            " # line 10001\n # line 10002\n # line 10003\n", diff);
    }

    [Fact]
    public void Changes_near_both_ends_of_a_file_are_two_hunks()
    {
        var before = string.Concat(Enumerable.Range(1, 30).Select(n => $"{n}\n"));
        var after = string.Concat(Enumerable.Range(1, 30).Select(n => n switch { 2 => "two\n", 29 => "twenty-nine\n", _ => $"{n}\n" }));

        var diff = TextDiff.Unified(before, after, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
            "@@ -26,5 +26,5 @@\n 26\n 27\n 28\n-29\n+twenty-nine\n 30\n", diff);
    }

    [Fact]
    public void A_carriage_return_inside_a_line_keeps_the_line_whole()
    {
        var diff = TextDiff.Unified("x\ra\nb\nc\n", "x\ra\nB\nc\n", "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -1,3 +1,3 @@\n x\ra\n-b\n+B\n c\n", diff);
    }

    [Fact]
    public void A_blank_line_added_at_the_end_is_one_added_line()
    {
        var diff = TextDiff.Unified("a\nb\n", "a\nb\n\n", "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\n b\n+\n", diff);
    }

    [Fact]
    public void A_last_line_losing_its_newline_is_a_change()
    {
        var diff = TextDiff.Unified("a\nb\n", "a\nb", "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n", diff);
    }

    /// <summary>
    /// The diff of the whole texts: every line, with its ending, through the line differ, and the
    /// hunks built from its blocks as diff -u builds them.
    /// </summary>
    private static string WholeTextDiff(string oldText, string newText, string oldLabel, string newLabel)
    {
        if (oldText == newText) return "";
        var oldLines = Split(oldText);
        var newLines = Split(newText);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        if (oldLines.Count == 0 || newLines.Count == 0)
        {
            output.Append("@@ -").Append(Range(0, oldLines.Count)).Append(" +").Append(Range(0, newLines.Count)).Append(" @@\n");
            foreach (var line in oldLines) Append(output, '-', line);
            foreach (var line in newLines) Append(output, '+', line);
            return output.ToString();
        }
        var blocks = new Differ().CreateDiffs(oldText, newText, ignoreWhiteSpace: false, ignoreCase: false, new WholeLines()).DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            var first = i;
            var last = i;
            while (last + 1 < blocks.Count && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 6) last++;
            var startA = Math.Max(0, blocks[first].DeleteStartA - 3);
            var endA = Math.Min(oldLines.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + 3);
            var startB = Math.Max(0, blocks[first].InsertStartB - (blocks[first].DeleteStartA - startA));
            var hunk = new StringBuilder();
            int countA = 0, countB = 0, a = startA;
            for (var b = first; b <= last; b++)
            {
                var block = blocks[b];
                for (; a < block.DeleteStartA; a++, countA++, countB++) Append(hunk, ' ', oldLines[a]);
                for (var d = 0; d < block.DeleteCountA; d++, a++, countA++) Append(hunk, '-', oldLines[a]);
                for (var n = 0; n < block.InsertCountB; n++, countB++) Append(hunk, '+', newLines[block.InsertStartB + n]);
            }
            for (; a < endA; a++, countA++, countB++) Append(hunk, ' ', oldLines[a]);
            output.Append("@@ -").Append(Range(startA, countA)).Append(" +").Append(Range(startB, countB)).Append(" @@\n").Append(hunk);
            i = last + 1;
        }
        return output.ToString();
    }

    private static List<string> Split(string text)
    {
        var lines = new List<string>();
        for (var start = 0; start < text.Length;)
        {
            var end = text.IndexOf('\n', start);
            end = end < 0 ? text.Length : end + 1;
            lines.Add(text[start..end]);
            start = end;
        }
        return lines;
    }

    private sealed class WholeLines : IChunker
    {
        public IReadOnlyList<string> Chunk(string text) => Split(text);
    }

    private static string Range(int start, int count) =>
        count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void Append(StringBuilder output, char marker, string line)
    {
        var body = line.TrimEnd('\n');
        if (body.EndsWith('\r')) body = body[..^1] + "␍";
        output.Append(marker).Append(body).Append('\n');
        if (!line.EndsWith('\n')) output.Append("\\ No newline at end of file\n");
    }
}
