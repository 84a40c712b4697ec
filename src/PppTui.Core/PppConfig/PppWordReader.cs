namespace PppTui.Core.PppConfig;

/// <summary>
/// A word as pppd's <c>getword()</c> reads it from an options or secrets file.
/// </summary>
/// <param name="Value">The word after pppd's quote and escape processing, as pppd uses it
/// (cut at a NUL byte, at most 1023 UTF-8 bytes).</param>
/// <param name="Start">Offset of the first character of the raw word in the text.</param>
/// <param name="End">Offset just past the raw word (covers quotes, escapes and continuations).</param>
/// <param name="Line">1-based line where the raw word starts.</param>
/// <param name="WasQuoted">True when any part of the word was inside '...' or "...".</param>
public sealed record PppWord(string Value, int Start, int End, int Line, bool WasQuoted)
{
    /// <summary>
    /// pppd's "newline" flag: a line break that is not a backslash continuation lies between
    /// the previous word (or the start of the text) and this one. Secrets files start a new
    /// record on such a word.
    /// </summary>
    public bool AfterNewline { get; init; }

    /// <summary>1-based line where the raw word ends (differs from <see cref="Line"/> when a
    /// quoted part or a backslash continuation crosses a line break).</summary>
    public int EndLine { get; init; }

    /// <summary>The raw text of the word in <paramref name="text"/>, exactly as written.</summary>
    public string RawIn(string text) => text.Substring(Start, End - Start);
}

/// <summary>The words of a text plus whatever pppd would warn about while reading them.</summary>
public sealed record PppWordReadResult(IReadOnlyList<PppWord> Words, IReadOnlyList<SyntaxProblem> Problems);

/// <summary>
/// Splits text into words exactly as pppd 2.4.9's <c>getword()</c> (options.c) does:
/// white space is space, tab, CR, LF, VT and FF; <c>#</c> outside quotes starts a comment
/// even in the middle of a word; '...' and "..." quote and join the text around them
/// (<c>te"st"1</c> is <c>test1</c>); a backslash escapes inside and outside quotes
/// (<c>\a \b \f \n \r \s \t</c>, <c>\ddd</c> octal up to 3 digits, <c>\xHH</c> up to 2 hex
/// digits, any other character stands for itself); backslash-newline is ignored; a word keeps
/// at most 1023 bytes; an empty word at the very end of the file is not a word.
/// </summary>
/// <remarks>
/// pppd works on bytes: non-ASCII characters (UTF-8 Cyrillic, Chinese, ...) are ordinary word
/// characters, and escapes such as <c>\xd0</c> produce single bytes. Values are decoded from
/// those bytes as UTF-8. Reading is one linear pass; words without quotes or escapes are plain
/// substrings.
/// </remarks>
public static class PppWordReader
{
    /// <summary>pppd's MAXWORDLEN - 1: the most bytes a word can hold.</summary>
    public const int MaxWordBytes = 1023;

    /// <summary>The words pppd reads from <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<PppWord> ReadWords(string text) => Read(text).Words;

    /// <summary>The words pppd reads from <paramref name="text"/>, plus the warnings pppd would
    /// print (truncated words, a quote that runs to the end of the file) and the traps it would
    /// silently fall into (an empty quoted word at the very end is dropped).</summary>
    public static PppWordReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Most of a large file is usually comments: start small and let the list grow rather than
        // reserve a slot for every few characters.
        var words = new List<PppWord>(Math.Min(text.Length / 32 + 4, 1024));
        List<SyntaxProblem>? problems = null;
        ReadFrom(text, 0, 1, words, ref problems, shareWords: text.Length >= MinTextForSharedWords, rejoin: null);
        return new PppWordReadResult(words, problems ?? (IReadOnlyList<SyntaxProblem>)[]);
    }

    /// <summary>
    /// Applies <paramref name="edits"/> to <paramref name="text"/> and reads the result again: only
    /// from just before the first edit to just past the last, as the rest reads as it did (see
    /// <see cref="ReadEdited"/>).
    /// </summary>
    internal static (string Text, PppWordReadResult Read) ReadAfterEdits(PppWordReadResult previous, string text, IReadOnlyList<TextEdit> edits)
    {
        var newText = TextEdits.Apply(text, edits);
        int start = edits.Min(e => e.Start), oldEnd = edits.Max(e => e.End);
        return (newText, ReadEdited(previous, newText, start, oldEnd, oldEnd + newText.Length - text.Length));
    }

    /// <summary>
    /// The reading of <paramref name="text"/>, which is the text <paramref name="previous"/> was
    /// read from with the characters from <paramref name="editStart"/> to <paramref name="oldEditEnd"/>
    /// replaced by those up to <paramref name="newEditEnd"/>. Exactly what <see cref="Read"/> gives,
    /// found by reading only from the last word ending before the edit until the reading meets a word
    /// that began past the edit before: the words before are kept, the words from there on moved.
    /// </summary>
    /// <remarks>
    /// Between words the reader carries nothing but its position and line, so a word that starts
    /// past the edit where a word started before reads the same, as does everything after it.
    /// </remarks>
    internal static PppWordReadResult ReadEdited(PppWordReadResult previous, string text, int editStart, int oldEditEnd, int newEditEnd)
    {
        // What pppd would warn about is not tied to words: read such a text again in full.
        if (previous.Problems.Count > 0) return Read(text);
        var old = previous.Words;
        // A word whose end (the character that ended it) lies before the edit is read as it was.
        int kept = 0, high = old.Count;
        while (kept < high)
        {
            int mid = (kept + high) >>> 1;
            if (old[mid].End < editStart) kept = mid + 1;
            else high = mid;
        }
        var words = new List<PppWord>(old.Count + 4);
        for (int k = 0; k < kept; k++) words.Add(old[k]);
        List<SyntaxProblem>? problems = null;
        var rejoin = new Rejoin(old, kept, newEditEnd, newEditEnd - oldEditEnd);
        ReadFrom(text, kept > 0 ? old[kept - 1].End : 0, kept > 0 ? old[kept - 1].EndLine : 1, words, ref problems, shareWords: false, rejoin);
        return new PppWordReadResult(words, problems ?? (IReadOnlyList<SyntaxProblem>)[]);
    }

    /// <summary>The words of a previous reading, to take over once a new reading meets one of them past an edit.</summary>
    private sealed class Rejoin(IReadOnlyList<PppWord> old, int next, int newEditEnd, int shift)
    {
        /// <summary>
        /// When a word starting at <paramref name="start"/> (on <paramref name="line"/>, after a line
        /// break or not) began past the edit in the old reading too, adds it and every old word after
        /// it, moved to their new places, and returns true.
        /// </summary>
        public bool TryFinish(int start, int line, bool afterNewline, List<PppWord> words)
        {
            if (start < newEditEnd) return false;
            int oldStart = start - shift;
            while (next < old.Count && old[next].Start < oldStart) next++;
            if (next >= old.Count || old[next].Start != oldStart) return false;
            var first = old[next];
            int lines = line - first.Line;
            words.Add(afterNewline == first.AfterNewline ? Moved(first, shift, lines) : Moved(first, shift, lines) with { AfterNewline = afterNewline });
            for (int k = next + 1; k < old.Count; k++) words.Add(Moved(old[k], shift, lines));
            return true;
        }

        private static PppWord Moved(PppWord word, int shift, int lines) =>
            shift == 0 && lines == 0 ? word
            : word with { Start = word.Start + shift, End = word.End + shift, Line = word.Line + lines, EndLine = word.EndLine + lines };
    }

    private static void ReadFrom(string text, int i, int line, List<PppWord> words, ref List<SyntaxProblem>? problems, bool shareWords, Rejoin? rejoin)
    {
        // The byte buffer is only filled for words with quotes or escapes, the shared strings only
        // pay off in a text long enough for its words to repeat.
        var bytes = new WordBytes();
        Dictionary<string, string>? shortWords = shareWords ? new(StringComparer.Ordinal) : null;
        int length = text.Length;

        while (true)
        {
            // Skip white space and comments, as the first loop of getword() does.
            bool escape = false, newline = false;
            int escapeStart = -1;
            while (i < length)
            {
                char ch = text[i];
                if (ch == '\n')
                {
                    if (!escape) newline = true;
                    else escape = false;
                    line++;
                    i++;
                    continue;
                }
                if (escape) break;
                if (ch == '\\')
                {
                    escape = true;
                    escapeStart = i;
                    i++;
                    continue;
                }
                if (ch == '#')
                {
                    int lineBreak = text.IndexOf('\n', i);
                    i = lineBreak < 0 ? length : lineBreak;
                    continue;
                }
                if (!IsSpace(ch)) break;
                i++;
            }
            if (i >= length) break;

            int start = escape ? escapeStart : i;
            int startLine = line;
            if (rejoin is not null && rejoin.TryFinish(start, startLine, newline, words)) break;
            bool simple = !escape, wasQuoted = false;
            char quoted = '\0';
            bytes.Reset();

            while (i < length)
            {
                char ch = text[i];
                if (escape)
                {
                    escape = false;
                    if (ch == '\n')
                    {
                        line++;
                        i++;
                        continue;
                    }
                    switch (ch)
                    {
                        case 'a': bytes.Add(0x07); i++; continue;
                        case 'b': bytes.Add(0x08); i++; continue;
                        case 'f': bytes.Add(0x0C); i++; continue;
                        case 'n': bytes.Add(0x0A); i++; continue;
                        case 'r': bytes.Add(0x0D); i++; continue;
                        case 's': bytes.Add(0x20); i++; continue;
                        case 't': bytes.Add(0x09); i++; continue;
                    }
                    if (IsOctal(ch))
                    {
                        int octal = 0;
                        for (int n = 0; n < 3 && i < length && IsOctal(text[i]); n++, i++)
                            octal = (octal << 3) + (text[i] - '0');
                        bytes.Add((byte)octal);
                        continue;
                    }
                    if (ch == 'x')
                    {
                        i++;
                        int hex = 0;
                        for (int n = 0; n < 2 && i < length && IsHexDigit(text[i]); n++, i++)
                            hex = (hex << 4) + HexValue(text[i]);
                        bytes.Add((byte)hex);
                        continue;
                    }
                    i = bytes.AddChar(text, i);
                    continue;
                }

                if (ch == '\\')
                {
                    if (simple) { bytes.AddChars(text, start, i); simple = false; }
                    escape = true;
                    i++;
                    continue;
                }
                if (quoted != '\0')
                {
                    if (ch == quoted)
                    {
                        quoted = '\0';
                        i++;
                        continue;
                    }
                }
                else if (ch == '"' || ch == '\'')
                {
                    if (simple) { bytes.AddChars(text, start, i); simple = false; }
                    quoted = ch;
                    wasQuoted = true;
                    i++;
                    continue;
                }
                else if (IsSpace(ch) || ch == '#')
                {
                    break;
                }

                if (ch == '\n') line++;
                if (simple) i++;
                else i = bytes.AddChar(text, i);
            }

            bool atEnd = i >= length;
            if (atEnd && !simple && bytes.Total == 0)
            {
                // getword() returns "no word" for an empty word that ends the file.
                (problems ??= []).Add(new SyntaxProblem(startLine,
                    "an empty quoted word at the very end of the file is ignored by pppd; end the file with a newline"));
                break;
            }
            if (atEnd && quoted != '\0')
            {
                (problems ??= []).Add(new SyntaxProblem(startLine,
                    $"a quoted word runs to the end of the file: the closing {quoted} is missing"));
            }

            string value;
            if (simple && i - start <= MaxSharedWordLength)
            {
                // Option names and common values repeat all over a file: share one string each.
                var span = text.AsSpan(start, i - start);
                if (shortWords is null || !shortWords.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(span, out value!))
                {
                    value = span.ToString();
                    if (value.Contains('\0')) value = ValueOf(bytes, text, start, i, startLine, ref problems);
                    else if (shortWords is not null && shortWords.Count < MaxSharedWords) shortWords.Add(value, value);
                }
            }
            else if (simple)
            {
                value = text.Substring(start, i - start);
                if (value.Length * 3 > MaxWordBytes || value.Contains('\0'))
                {
                    bytes.AddChars(text, start, i);
                    value = bytes.Value(startLine, ref problems);
                }
            }
            else
            {
                value = bytes.Value(startLine, ref problems);
            }

            words.Add(new PppWord(value, start, i, startLine, wasQuoted) { AfterNewline = newline, EndLine = line });
            if (atEnd) break;
        }
    }

    private const int MaxSharedWordLength = 24;
    private const int MinTextForSharedWords = 512;
    private const int MaxSharedWords = 4096;

    private static string ValueOf(WordBytes bytes, string text, int start, int end, int line, ref List<SyntaxProblem>? problems)
    {
        bytes.Reset();
        bytes.AddChars(text, start, end);
        return bytes.Value(line, ref problems);
    }

    /// <summary>C's isspace() in the "C" locale, which pppd runs in.</summary>
    internal static bool IsSpace(char ch) => ch is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    private static bool IsOctal(char ch) => ch is >= '0' and <= '7';

    private static bool IsHexDigit(char ch) => ch is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    private static int HexValue(char ch) => ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10;

    /// <summary>The bytes of one word as pppd stores them: at most MAXWORDLEN are kept, the
    /// rest only counted so the truncation can be reported.</summary>
    private sealed class WordBytes
    {
        private const int Capacity = MaxWordBytes + 1;
        private byte[]? _buffer;
        private int _stored;

        public long Total { get; private set; }

        public void Reset()
        {
            _stored = 0;
            Total = 0;
        }

        public void Add(byte value)
        {
            if (_stored < Capacity) (_buffer ??= new byte[Capacity])[_stored++] = value;
            Total++;
        }

        public void AddChars(string text, int from, int to)
        {
            for (int i = from; i < to;) i = AddChar(text, i);
        }

        /// <summary>Adds the UTF-8 bytes of the character at <paramref name="index"/> (both
        /// halves of a surrogate pair) and returns the index after it.</summary>
        public int AddChar(string text, int index)
        {
            char ch = text[index];
            if (ch < 0x80)
            {
                Add((byte)ch);
                return index + 1;
            }
            int codePoint = ch;
            int next = index + 1;
            if (char.IsHighSurrogate(ch) && next < text.Length && char.IsLowSurrogate(text[next]))
            {
                codePoint = char.ConvertToUtf32(ch, text[next]);
                next++;
            }
            else if (char.IsSurrogate(ch))
            {
                codePoint = 0xFFFD;
            }

            if (codePoint < 0x800)
            {
                Add((byte)(0xC0 | (codePoint >> 6)));
                Add((byte)(0x80 | (codePoint & 0x3F)));
            }
            else if (codePoint < 0x10000)
            {
                Add((byte)(0xE0 | (codePoint >> 12)));
                Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                Add((byte)(0x80 | (codePoint & 0x3F)));
            }
            else
            {
                Add((byte)(0xF0 | (codePoint >> 18)));
                Add((byte)(0x80 | ((codePoint >> 12) & 0x3F)));
                Add((byte)(0x80 | ((codePoint >> 6) & 0x3F)));
                Add((byte)(0x80 | (codePoint & 0x3F)));
            }
            return next;
        }

        public string Value(int line, ref List<SyntaxProblem>? problems)
        {
            int length = _stored;
            if (Total > MaxWordBytes)
            {
                length = MaxWordBytes;
                (problems ??= []).Add(new SyntaxProblem(line,
                    $"a word is {Total} bytes long; pppd keeps only the first {MaxWordBytes} bytes"));
            }
            if (length == 0) return "";
            var buffer = _buffer!;
            int nul = Array.IndexOf(buffer, (byte)0, 0, length);
            if (nul >= 0)
            {
                length = nul;
                (problems ??= []).Add(new SyntaxProblem(line,
                    "a word contains a NUL byte; pppd ignores the rest of the word after it"));
            }
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }
}
