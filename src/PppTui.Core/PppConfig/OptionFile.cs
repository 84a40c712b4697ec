namespace PppTui.Core.PppConfig;

/// <summary>One option as pppd would apply it: its name plus its argument if it takes one.</summary>
/// <param name="Name">The option word's value (what pppd looks up).</param>
/// <param name="Argument">The argument's value; null for a flag option, or when the file ends
/// before the argument (pppd then fails with "too few parameters").</param>
/// <param name="NameWord">The option word, with its position in the text.</param>
/// <param name="ArgumentWord">The argument word, with its position in the text.</param>
public sealed record OptionEntry(string Name, string? Argument, PppWord NameWord, PppWord? ArgumentWord)
{
    /// <summary>1-based line of the option name.</summary>
    public int Line => NameWord.Line;

    /// <summary>True when pppd knows this word as an option; false for bare words such as a
    /// device path, a speed, <c>local:remote</c> or a PPPoE plugin's interface name.</summary>
    public bool IsKnownOption => PppOptionTable.IsKnown(Name);
}

/// <summary>
/// A pppd options file (<c>/etc/ppp/peers/NAME</c>, <c>/etc/ppp/options</c>, options.pptp, ...)
/// read the way pppd reads it, and edited in place: an edit changes only the bytes of the words
/// it touches, and every comment, blank line, quote, tab, CRLF line ending, missing final
/// newline and UTF-8 character elsewhere stays as it was.
/// </summary>
/// <remarks>
/// Each edit rebuilds the text in one splice and re-reads it, then checks that pppd would read
/// back exactly what was asked for; if not (the file ends inside an unterminated quote, say),
/// the edit is undone and an <see cref="InvalidOperationException"/> explains why.
/// </remarks>
public sealed class OptionFile
{
    private string _text;
    private PppWordReadResult _read;
    private IReadOnlyList<OptionEntry> _entries;
    private IReadOnlyList<SyntaxProblem> _problems;

    // What a text reads as never changes: see ParseRemembered.
    private static readonly TextMemo<Analysis> Analyses = new(Analyse);

    private OptionFile(string text, Analysis analysis)
    {
        _text = text;
        (_read, _entries, _problems) = analysis;
    }

    /// <summary>Reads an options file. Never throws for odd content: see <see cref="Problems"/>.</summary>
    public static OptionFile Parse(string text) => Read(text, remember: false);

    /// <summary>
    /// As <see cref="Parse"/>, for a text that will be parsed again as the very same string (a file
    /// in the editor's snapshot of the disk, rendered on every key): it is read only the first time.
    /// </summary>
    internal static OptionFile ParseRemembered(string text) => Read(text, remember: true);

    private static OptionFile Read(string text, bool remember)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new OptionFile(text, remember ? Analyses.Get(text) : Analyse(text));
    }

    /// <summary>The current text, after any edits.</summary>
    public string Text => _text;

    /// <summary>Options in file order, each with its argument.</summary>
    public IReadOnlyList<OptionEntry> Entries => _entries;

    /// <summary>Every word of the file as pppd reads it.</summary>
    public IReadOnlyList<PppWord> Words => _read.Words;

    /// <summary>What pppd would warn about or fail on: truncated words, an unterminated quote,
    /// an option whose argument is missing at the end of the file.</summary>
    public IReadOnlyList<SyntaxProblem> Problems => _problems;

    /// <summary>The line ending new lines get: CRLF when the file's first line ends so, else LF.</summary>
    public string LineEnding => TextEdits.DetectLineEnding(_text);

    /// <summary>True when the option occurs at least once.</summary>
    public bool Has(string option) => Last(option) is not null;

    /// <summary>The argument of the last occurrence (for pppd the last one wins), or null.</summary>
    public string? GetArgument(string option) => Last(option)?.Argument;

    /// <summary>The last occurrence of the option, or null.</summary>
    public OptionEntry? Last(string option)
    {
        for (int i = _entries.Count - 1; i >= 0; i--)
            if (_entries[i].Name == option) return _entries[i];
        return null;
    }

    /// <summary>
    /// The text with the argument of every <c>password</c> option (pppd's own, which puts the
    /// password in the peers file and in ps) replaced by <see cref="SecretsFile.Mask"/>, for
    /// previews and diffs.
    /// </summary>
    public static string MaskPasswords(string text)
    {
        if (!text.Contains("password", StringComparison.Ordinal)) return text;
        return MaskedTexts.Get(text);
    }

    private static readonly TextMemo<string> MaskedTexts = new(MaskPasswordsOf);

    private static string MaskPasswordsOf(string text)
    {
        var file = Parse(text);
        var edits = file.Entries.Where(e => e.Name == "password" && e.ArgumentWord is not null)
            .Select(e => new TextEdit(e.ArgumentWord!.Start, e.ArgumentWord.End, SecretsFile.Mask)).ToList();
        return edits.Count == 0 ? text : TextEdits.Apply(text, edits);
    }

    /// <summary>Every occurrence of the option, in file order.</summary>
    public IReadOnlyList<OptionEntry> All(string option) => _entries.Where(e => e.Name == option).ToList();

    /// <summary>
    /// Makes pppd end up with <paramref name="option"/> (and <paramref name="argument"/>).
    /// If the option occurs, the argument word of its last occurrence is replaced in place (only
    /// that word's characters change; nothing changes when the value is already the same). If it
    /// does not occur, "option argument" is appended as a new last line, in the file's line ending
    /// style, keeping a missing final newline missing. <paramref name="argument"/> null means a
    /// flag option.
    /// </summary>
    /// <exception cref="ArgumentException">The option needs an argument and got none, takes none
    /// and got one, or the argument cannot be written as a pppd word.</exception>
    public void Set(string option, string? argument = null)
    {
        var (name, encoded) = Encode(option, argument);
        var last = Last(option);
        if (last is null)
        {
            Append(option, argument, name, encoded);
            return;
        }
        if (argument is null || last.Argument == argument) return;

        TextEdit edit = last.ArgumentWord is { } word
            ? new TextEdit(word.Start, word.End, encoded!)
            : new TextEdit(last.NameWord.End, last.NameWord.End, " " + encoded);
        if (argument.Length == 0 && edit.End == _text.Length)
            edit = edit with { Replacement = edit.Replacement + LineEnding };

        Commit([edit], option, argument, expectedEntryCount: _entries.Count,
            "the new value");
    }

    /// <summary>
    /// Appends "option argument" as a new last line, even when the option already occurs.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Set"/>.</exception>
    public void Add(string option, string? argument = null)
    {
        var (name, encoded) = Encode(option, argument);
        Append(option, argument, name, encoded);
    }

    /// <summary>
    /// Removes every occurrence of the option with its argument. When an occurrence's lines hold
    /// nothing else than the option, its argument, white space and a trailing comment on the
    /// same line, those whole lines go (the comment went with the option it described); comment
    /// lines above it stay. Otherwise only its words go, with the white space on one side, and
    /// the rest of the line stays.
    /// </summary>
    public void Remove(string option)
    {
        var words = _read.Words;
        var spans = new List<TextEdit>();
        int i = 0;
        while (i < _entries.Count)
        {
            if (_entries[i].Name != option)
            {
                i++;
                continue;
            }
            // Neighbouring occurrences on the same line go together, so a line such as
            // "mtu 1400 mtu 1300" disappears as a whole.
            int j = i;
            while (j + 1 < _entries.Count && _entries[j + 1].Name == option &&
                   _entries[j + 1].NameWord.Line == LastWord(_entries[j]).EndLine)
                j++;
            int first = IndexOf(words, _entries[i].NameWord);
            int lastWord = IndexOf(words, LastWord(_entries[j]));
            var (start, end) = TextEdits.RemovalSpan(_text, words, first, lastWord);
            spans.Add(new TextEdit(start, end, ""));
            i = j + 1;
        }
        if (spans.Count == 0) return;

        int expected = _entries.Count(e => e.Name != option);
        var previous = (_text, Reading: new Analysis(_read, _entries, _problems));
        LoadEdited(spans);
        if (_entries.Count != expected || Has(option))
        {
            (_text, (_read, _entries, _problems)) = previous;
            throw new InvalidOperationException(
                $"Removing '{option}' would change how pppd reads the rest of the file; edit it by hand.");
        }
    }

    private static PppWord LastWord(OptionEntry entry) => entry.ArgumentWord ?? entry.NameWord;

    private static int IndexOf(IReadOnlyList<PppWord> words, PppWord word)
    {
        // Words are in text order: binary search on the start offset.
        int low = 0, high = words.Count - 1;
        while (low <= high)
        {
            int mid = (low + high) >>> 1;
            int start = words[mid].Start;
            if (start == word.Start) return mid;
            if (start < word.Start) low = mid + 1;
            else high = mid - 1;
        }
        throw new InvalidOperationException("The word is not part of this file.");
    }

    private void Append(string option, string? argument, string name, string? encoded)
    {
        string line = encoded is null ? name : name + " " + encoded;
        var edit = TextEdits.AppendLine(_text, line, LineEnding, needsFinalLineBreak: argument is { Length: 0 });
        Commit([edit], option, argument, expectedEntryCount: _entries.Count + 1,
            "the new line");
    }

    private static (string Name, string? Argument) Encode(string option, string? argument)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (option.Length == 0) throw new ArgumentException("The option name is empty.", nameof(option));
        bool takesArgument = PppOptionTable.TakesArgument(option);
        if (takesArgument && argument is null)
            throw new ArgumentException($"The pppd option '{option}' needs an argument.", nameof(argument));
        if (!takesArgument && argument is not null)
            throw new ArgumentException(
                $"The pppd option '{option}' takes no argument (or is unknown), so pppd would read the argument as an option of its own.",
                nameof(argument));
        if (!PppQuoting.TryQuote(option, out var name, out var nameProblem))
            throw new ArgumentException($"The option name {nameProblem}.", nameof(option));
        string? encoded = null;
        if (argument is not null && !PppQuoting.TryQuote(argument, out encoded, out var problem))
            throw new ArgumentException($"The value for '{option}' cannot be written in a pppd file: it {problem}.",
                nameof(argument));
        return (name, encoded);
    }

    private void Commit(IReadOnlyList<TextEdit> edits, string option, string? argument, int expectedEntryCount, string what)
    {
        var previous = (_text, Reading: new Analysis(_read, _entries, _problems));
        LoadEdited(edits);
        var last = Last(option);
        bool ok = last is not null && last.Argument == argument && _entries.Count == expectedEntryCount;
        if (ok) return;

        var problems = _problems;
        (_text, (_read, _entries, _problems)) = previous;
        var cause = _problems.FirstOrDefault(p => p.Message.Contains("quoted word runs"))
                    ?? problems.FirstOrDefault();
        throw new InvalidOperationException(
            $"Setting '{option}' would not be read back by pppd as written: {what} would merge with the text around it" +
            (cause is null ? "." : $" ({cause}). Fix that first."));
    }

    /// <summary>Applies the edits and reads again only what they touched (see <see cref="PppWordReader.ReadAfterEdits"/>).</summary>
    private void LoadEdited(IReadOnlyList<TextEdit> edits)
    {
        (_text, var read) = PppWordReader.ReadAfterEdits(_read, _text, edits);
        (_read, _entries, _problems) = Analyse(read, _entries);
    }

    /// <summary>How pppd reads a text; shared by every <see cref="OptionFile"/> of that text, so never changed.</summary>
    private sealed record Analysis(PppWordReadResult Read, IReadOnlyList<OptionEntry> Entries, IReadOnlyList<SyntaxProblem> Problems);

    private static Analysis Analyse(string text) => Analyse(PppWordReader.Read(text), []);

    /// <summary>The options of a reading; an entry of <paramref name="previous"/> made of the very same words is kept.</summary>
    private static Analysis Analyse(PppWordReadResult read, IReadOnlyList<OptionEntry> previous)
    {
        var words = read.Words;
        var entries = new List<OptionEntry>(words.Count);
        int kept = 0;
        OptionEntry Entry(PppWord name, PppWord? argument)
        {
            // Words kept by an edited reading are the same objects at the same places: so are their entries.
            while (kept < previous.Count && previous[kept].NameWord.Start < name.Start) kept++;
            return kept < previous.Count && ReferenceEquals(previous[kept].NameWord, name) && ReferenceEquals(previous[kept].ArgumentWord, argument)
                ? previous[kept]
                : new OptionEntry(name.Value, argument?.Value, name, argument);
        }
        List<SyntaxProblem>? problems = read.Problems.Count > 0 ? [.. read.Problems] : null;
        for (int i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!PppOptionTable.TakesArgument(word.Value))
            {
                entries.Add(Entry(word, null));
                continue;
            }
            if (i + 1 < words.Count)
            {
                entries.Add(Entry(word, words[++i]));
                continue;
            }
            entries.Add(Entry(word, null));
            (problems ??= []).Add(new SyntaxProblem(word.Line,
                $"the option '{word.Value}' needs an argument, but the file ends; pppd stops with \"too few parameters\""));
        }
        return new Analysis(read, entries, problems ?? (IReadOnlyList<SyntaxProblem>)[]);
    }
}
