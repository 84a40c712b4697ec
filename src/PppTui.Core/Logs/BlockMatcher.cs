using System.Buffers;

namespace PppTui.Core.Logs;

/// <summary>
/// Finds the lines of a block that pass a filter, the way grep does: the regex runs over the
/// whole block (one vectorised search per match, not one call per line), and only lines that
/// contain a match are parsed. Without a regex, a program filter is used the same way as a
/// literal prefilter. Inverted patterns and other filters fall back to looking at every line.
/// </summary>
internal sealed class BlockMatcher
{
    private readonly LogFilter _filter;
    private readonly SyslogLineParser _parser;
    private readonly LinkTracker? _tracker;
    private readonly Regex? _search;
    private readonly SearchValues<string>? _programs;

    public BlockMatcher(LogFilter filter, SyslogLineParser parser, LinkTracker? tracker)
    {
        _filter = filter;
        _parser = parser;
        _tracker = tracker;
        if (filter.Pattern is { } pattern && !filter.Invert)
            _search = (pattern.Options & RegexOptions.Multiline) != 0
                ? pattern
                : new Regex(pattern.ToString(), pattern.Options | RegexOptions.Multiline, pattern.MatchTimeout);
        else if (filter.Pattern is null && filter.Programs is { Count: > 0 } programs && parser.BareProgramIsNotImplied)
            _programs = SearchValues.Create(programs.ToArray(), StringComparison.Ordinal);
    }

    /// <summary>Adds the block's matching lines, in file order, to <paramref name="output"/>.</summary>
    public void Match(TextBlock block, List<LogLine> output)
    {
        var text = block.Span;
        if (block.CutBytes > 0)
        {
            // One overlong line: judge it on the part that was kept.
            var line = TrimNewline(text);
            if (PassesText(line)) Accept(line, block.CutBytes, output);
            return;
        }

        if (_search is not null) MatchByRegex(text, output);
        else if (_programs is not null) MatchByLiteral(text, output);
        else
        {
            int pos = 0;
            while (pos < text.Length)
            {
                var end = LineEnd(text, pos);
                var line = text[pos..end];
                if (PassesText(line)) Accept(line, 0, output);
                pos = end + 1;
            }
        }
    }

    private void MatchByRegex(ReadOnlySpan<char> text, List<LogLine> output)
    {
        int pos = 0;
        while (pos < text.Length)
        {
            var found = false;
            int index = 0, length = 0;
            foreach (var m in _search!.EnumerateMatches(text, pos))
            {
                found = true;
                index = m.Index;
                length = m.Length;
                break;
            }
            if (!found) return;
            var start = index == 0 ? 0 : text[..index].LastIndexOf('\n') + 1;
            if (start < pos) start = pos;
            var end = LineEnd(text, index);
            var line = text[start..end];
            // A match that ran over the newline (\s, [^x]) is not a match on this line alone.
            if (index + length <= end || _search.IsMatch(line)) Accept(line, 0, output);
            pos = end + 1;
        }
    }

    private void MatchByLiteral(ReadOnlySpan<char> text, List<LogLine> output)
    {
        int pos = 0;
        while (pos < text.Length)
        {
            var hit = text[pos..].IndexOfAny(_programs!);
            if (hit < 0) return;
            hit += pos;
            var start = text[..hit].LastIndexOf('\n') + 1;
            if (start < pos) start = pos;
            var end = LineEnd(text, hit);
            Accept(text[start..end], 0, output);
            pos = end + 1;
        }
    }

    private bool PassesText(ReadOnlySpan<char> line) =>
        _filter.Pattern is not { } pattern || pattern.IsMatch(line) != _filter.Invert;

    private void Accept(ReadOnlySpan<char> raw, long cut, List<LogLine> output)
    {
        var line = _parser.Parse(raw, cut);
        if (_tracker is not null) line = _tracker.Assign(line);
        if (_filter.MatchesFields(line)) output.Add(line);
    }

    private static int LineEnd(ReadOnlySpan<char> text, int from)
    {
        var nl = text[from..].IndexOf('\n');
        return nl < 0 ? text.Length : from + nl;
    }

    private static ReadOnlySpan<char> TrimNewline(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[^1] == '\n' ? text[..^1] : text;
}
