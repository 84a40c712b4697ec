namespace PppTui.Core.PppConfig;

/// <summary>
/// One record of chap-secrets or pap-secrets: <c>client server secret [addresses...] [-- options...]</c>.
/// </summary>
/// <param name="Client">First word; exactly <c>*</c> is a wildcard.</param>
/// <param name="Server">Second word; exactly <c>*</c> is a wildcard.</param>
/// <param name="Secret">Third word. <c>@/path</c> makes pppd read the secret from that file.</param>
/// <param name="Addresses">Words after the secret up to <c>--</c>: <c>-</c> none, <c>*</c> any,
/// <c>!addr</c>, <c>addr/n</c>, ...</param>
/// <param name="Line">1-based line of the client word.</param>
/// <param name="Start">Offset of the client word.</param>
/// <param name="End">Offset just past the record's last word.</param>
/// <remarks><see cref="ToString"/> masks the secret, so a record can be logged.</remarks>
public sealed record SecretRecord(string Client, string Server, string Secret, IReadOnlyList<string> Addresses,
    int Line, int Start, int End)
{
    /// <summary>Words after <c>--</c>: extra pppd options for this peer.</summary>
    public IReadOnlyList<string> Options { get; init; } = [];

    /// <summary>Every word of the record, as read.</summary>
    public IReadOnlyList<PppWord> Words { get; init; } = [];

    /// <summary>The secret's word (its position in the text).</summary>
    public PppWord SecretWord => Words[2];

    /// <summary>True when pppd reads the secret from a file (<c>@/path</c>).</summary>
    public bool SecretIsFileReference => Secret.StartsWith("@/", StringComparison.Ordinal);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Client = ").Append(Client)
            .Append(", Server = ").Append(Server)
            .Append(", Secret = ").Append(SecretsFile.Mask)
            .Append(", Addresses = [").Append(string.Join(' ', Addresses)).Append(']')
            .Append(", Line = ").Append(Line);
        return true;
    }
}

/// <summary>
/// A chap-secrets or pap-secrets file, read as pppd's <c>scan_authfile()</c> (auth.c) reads it:
/// the option-file word reader, a record starting at each word that follows a line break, at
/// least three words per record (shorter lines are skipped by pppd). Edits change only the bytes
/// of the record they touch; every other line stays byte for byte.
/// </summary>
public sealed class SecretsFile
{
    /// <summary>What a secret looks like in <see cref="MaskedText"/> and in logs.</summary>
    public const string Mask = "********";

    /// <summary>pppd's MAXSECRETLEN: longer secrets are cut (with an error in the log).</summary>
    public const int MaxSecretBytes = 256;

    /// <summary>pppd's MAXNAMELEN - 1: the longest client or server name pppd can compare.</summary>
    public const int MaxNameBytes = 255;

    private const int NonWildClient = 2;
    private const int NonWildServer = 1;

    private string _text;
    private Analysis _analysis;

    // A secrets file in the editor's snapshot is analysed and masked once, however often the
    // preview renders it again: see ParseRemembered and MaskSecrets.
    private static readonly TextMemo<Analysis> Analyses = new(Analyse);
    private static readonly TextMemo<string> MaskedTexts = new(text => Parse(text).MaskedText());

    private SecretsFile(string text, Analysis analysis)
    {
        _text = text;
        _analysis = analysis;
    }

    /// <summary>Reads a secrets file. Never throws for odd content: see <see cref="Problems"/>.</summary>
    public static SecretsFile Parse(string text) => Read(text, remember: false);

    /// <summary>
    /// As <see cref="Parse"/>, for a text that will be parsed again as the very same string (a file
    /// in the editor's snapshot of the disk, rendered on every key): it is read only the first time.
    /// </summary>
    internal static SecretsFile ParseRemembered(string text) => Read(text, remember: true);

    private static SecretsFile Read(string text, bool remember)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new SecretsFile(text, remember ? Analyses.Get(text) : Analyse(text));
    }

    /// <summary>
    /// <paramref name="text"/> read as a secrets file and masked as <see cref="MaskedText"/> does;
    /// remembered for the string object, as a preview masks the same text on every render.
    /// </summary>
    public static string MaskSecrets(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return MaskedTexts.Get(text);
    }

    /// <summary>The current text, after any edits.</summary>
    public string Text => _text;

    /// <summary>Records in file order (lines with fewer than three words are not records).</summary>
    public IReadOnlyList<SecretRecord> Records => _analysis.RecordList;

    /// <summary>Lines pppd skips or stumbles over (too few words, truncated words, open quotes).
    /// The messages never contain a secret.</summary>
    public IReadOnlyList<SyntaxProblem> Problems => _analysis.Problems;

    /// <summary>The line ending new lines get: CRLF when the file's first line ends so, else LF.</summary>
    public string LineEnding => TextEdits.DetectLineEnding(_text);

    /// <summary>The first record whose client and server are exactly these words (a <c>*</c>
    /// matches only a <c>*</c> here).</summary>
    public SecretRecord? Find(string client, string server)
    {
        foreach (var (record, _) in _analysis.Records)
            if (record.Client == client && record.Server == server) return record;
        return null;
    }

    /// <summary>
    /// The record pppd would use when <paramref name="client"/> authenticates to
    /// <paramref name="server"/>: a field that is exactly <c>*</c> matches anything; an exact
    /// client beats an exact server, both exact beats either; on a tie the first line wins.
    /// A null name matches any record, as in pppd when that name is not known.
    /// </summary>
    public SecretRecord? BestMatch(string? client, string? server)
    {
        int best = -1;
        SecretRecord? result = null;
        foreach (var (record, _) in _analysis.Records)
        {
            int flags = 0;
            bool clientWild = record.Client == "*";
            if (client is not null && record.Client != client && !clientWild) continue;
            if (!clientWild) flags = NonWildClient;
            if (record.Server != "*")
            {
                if (server is not null && record.Server != server) continue;
                flags |= NonWildServer;
            }
            if (flags <= best) continue;
            best = flags;
            result = record;
        }
        return result;
    }

    /// <summary>
    /// Makes exactly one (client, server) record carry <paramref name="secret"/>. If
    /// <see cref="Find"/> finds it, only its secret word changes (and its address words, when
    /// <paramref name="addresses"/> is given and differs); otherwise
    /// "client server secret [addresses]" is appended as a new last line. Every other byte stays.
    /// </summary>
    /// <exception cref="ArgumentException">A field cannot be written as a pppd word or is longer
    /// than pppd accepts. The message never contains the secret.</exception>
    public void Set(string client, string server, string secret, IReadOnlyList<string>? addresses = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var encodedClient = EncodeName(client, nameof(client));
        var encodedServer = EncodeName(server, nameof(server));
        if (!PppQuoting.TryQuote(secret, out var encodedSecret, out var problem))
            throw new ArgumentException($"The secret cannot be written in a secrets file: it {problem}.", nameof(secret));
        int secretBytes = Encoding.UTF8.GetByteCount(secret);
        if (secretBytes > MaxSecretBytes)
            throw new ArgumentException(
                $"The secret is {secretBytes} bytes long; pppd uses at most {MaxSecretBytes} bytes of a secret.",
                nameof(secret));
        var encodedAddresses = addresses?.Select(EncodeAddress).ToList();

        var existing = _analysis.Records.FirstOrDefault(r => r.Record.Client == client && r.Record.Server == server);
        if (existing.Record is null)
        {
            string separator = ColumnSeparator();
            var line = new StringBuilder()
                .Append(encodedClient).Append(separator).Append(encodedServer).Append(separator).Append(encodedSecret);
            foreach (var address in encodedAddresses ?? []) line.Append(separator).Append(address);
            bool endsWithEmptyWord = secret.Length == 0 && (encodedAddresses is null || encodedAddresses.Count == 0);
            var append = TextEdits.AppendLine(_text, line.ToString(), LineEnding, endsWithEmptyWord);
            Commit([append], client, server, secret, addresses, _analysis.Records.Count + 1);
            return;
        }

        var record = existing.Record;
        var secretWord = record.SecretWord;
        var edits = new List<TextEdit>();
        if (record.Secret != secret) edits.Add(new TextEdit(secretWord.Start, secretWord.End, encodedSecret));

        bool secretEndsRecord = record.Addresses.Count == 0 && record.Options.Count == 0;
        if (addresses is not null && !addresses.SequenceEqual(record.Addresses))
        {
            var addressWords = record.Words.Skip(3).Take(record.Addresses.Count).ToList();
            string joined = string.Join(" ", encodedAddresses!);
            if (addressWords.Count > 0 && addresses.Count > 0)
                edits.Add(new TextEdit(addressWords[0].Start, addressWords[^1].End, joined));
            else if (addresses.Count > 0)
                edits.Add(new TextEdit(secretWord.End, secretWord.End, " " + joined));
            else
                edits.Add(new TextEdit(secretWord.End, addressWords[^1].End, ""));
            secretEndsRecord = addresses.Count == 0 && record.Options.Count == 0;
        }
        if (edits.Count == 0) return;

        // pppd drops an empty word that ends the file: give the "" a line break after it.
        if (secret.Length == 0 && secretEndsRecord && record.End == _text.Length)
            edits.Add(new TextEdit(_text.Length, _text.Length, LineEnding));

        Commit(edits, client, server, secret, addresses, _analysis.Records.Count);
    }

    /// <summary>
    /// Removes every record whose client and server are exactly these words, each with its whole
    /// line (a trailing comment on that line goes too). Returns false when there was none.
    /// </summary>
    public bool Remove(string client, string server)
    {
        var words = _analysis.Read.Words;
        var spans = new List<TextEdit>();
        foreach (var (record, first) in _analysis.Records)
        {
            if (record.Client != client || record.Server != server) continue;
            var (start, end) = TextEdits.RemovalSpan(_text, words, first, first + record.Words.Count - 1);
            spans.Add(new TextEdit(start, end, ""));
        }
        if (spans.Count == 0) return false;

        int expected = _analysis.Records.Count - spans.Count;
        var previous = (_text, _analysis);
        LoadEdited(spans);
        if (_analysis.Records.Count != expected || Find(client, server) is not null)
        {
            (_text, _analysis) = previous;
            throw new InvalidOperationException(
                $"Removing the record for client '{client}' and server '{server}' would change how pppd reads the other lines; edit the file by hand.");
        }
        return true;
    }

    /// <summary>
    /// The text with every secret replaced by <see cref="Mask"/>, for previews and diffs: same
    /// lines, same layout otherwise. Commented-out lines that look like records
    /// (<c>#user * pass *</c>) have their third word masked too, as they often hold an old
    /// password.
    /// </summary>
    public string MaskedText()
    {
        var edits = new List<TextEdit>(_analysis.Records.Count);
        foreach (var (record, _) in _analysis.Records)
            edits.Add(new TextEdit(record.SecretWord.Start, record.SecretWord.End, Mask));
        AddCommentedRecordMasks(edits);
        return TextEdits.Apply(_text, edits);
    }

    private void AddCommentedRecordMasks(List<TextEdit> edits)
    {
        var words = _analysis.Read.Words;
        int wordIndex = 0;
        int lineStart = 0;
        while (lineStart < _text.Length)
        {
            int lineBreak = _text.IndexOf('\n', lineStart);
            int lineEnd = lineBreak < 0 ? _text.Length : lineBreak;
            int hash = lineStart;
            while (hash < lineEnd && PppWordReader.IsSpace(_text[hash])) hash++;
            if (hash < lineEnd && _text[hash] == '#')
            {
                while (wordIndex < words.Count && words[wordIndex].End <= hash) wordIndex++;
                bool insideWord = wordIndex < words.Count && words[wordIndex].Start <= hash;
                if (!insideWord)
                {
                    int contentStart = hash;
                    while (contentStart < lineEnd && _text[contentStart] == '#') contentStart++;
                    var content = _text.Substring(contentStart, lineEnd - contentStart);
                    var commented = PppWordReader.ReadWords(content);
                    if (LooksLikeCommentedRecord(commented, content))
                        edits.Add(new TextEdit(contentStart + commented[2].Start, contentStart + commented[2].End, Mask));
                }
            }
            lineStart = lineEnd + 1;
        }
    }

    private static bool LooksLikeCommentedRecord(IReadOnlyList<PppWord> words, string content)
    {
        if (words.Count is < 3 or > 8) return false;
        if (words[2].Value.ToLowerInvariant() is "secret" or "password" or "passwd") return false;
        if (words[1].Value == "*") return true;
        if (words.Count >= 4 && LooksLikeAddress(words[3].Value)) return true;
        if (words[0].WasQuoted || words[1].WasQuoted || words[2].WasQuoted) return true;
        return content.AsSpan(words[0].End, words[2].Start - words[0].End).Contains('\t');
    }

    private static bool LooksLikeAddress(string word) =>
        word is "*" or "-" ||
        (word.Length > 0 && (char.IsAsciiDigit(word[0]) || word[0] == '!') && (word.Contains('.') || word.Contains(':')));

    private static string EncodeName(string name, string parameter)
    {
        ArgumentNullException.ThrowIfNull(name, parameter);
        if (!PppQuoting.TryQuote(name, out var encoded, out var problem))
            throw new ArgumentException($"The {parameter} name cannot be written in a secrets file: it {problem}.", parameter);
        int bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxNameBytes)
            throw new ArgumentException(
                $"The {parameter} name is {bytes} bytes long; pppd compares names of at most {MaxNameBytes} bytes.", parameter);
        return encoded;
    }

    private static string EncodeAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length == 0) throw new ArgumentException("An address is empty.", "addresses");
        if (address == "--")
            throw new ArgumentException("\"--\" is not an address: pppd reads the words after it as options.", "addresses");
        if (!PppQuoting.TryQuote(address, out var encoded, out var problem))
            throw new ArgumentException($"An address cannot be written in a secrets file: it {problem}.", "addresses");
        return encoded;
    }

    /// <summary>Tab when the last record separates its first two fields with a tab, else space.</summary>
    private string ColumnSeparator()
    {
        if (_analysis.Records.Count == 0) return " ";
        var words = _analysis.Records[^1].Record.Words;
        return _text.AsSpan(words[0].End, words[1].Start - words[0].End).Contains('\t') ? "\t" : " ";
    }

    private void Commit(IReadOnlyList<TextEdit> edits, string client, string server, string secret, IReadOnlyList<string>? addresses,
        int expectedRecords)
    {
        var previous = (_text, _analysis);
        LoadEdited(edits);
        var record = Find(client, server);
        bool ok = record is not null && record.Secret == secret && _analysis.Records.Count == expectedRecords &&
                  (addresses is null || record.Addresses.SequenceEqual(addresses));
        if (ok) return;

        (_text, _analysis) = previous;
        var cause = _analysis.Problems.FirstOrDefault(p => p.Message.Contains("quoted word runs"));
        throw new InvalidOperationException(
            $"Setting the secret for client '{client}' and server '{server}' would not be read back by pppd as written" +
            (cause is null ? "." : $" ({cause}). Fix that first."));
    }

    /// <summary>Applies the edits and reads again only what they touched (see <see cref="PppWordReader.ReadAfterEdits"/>).</summary>
    private void LoadEdited(IReadOnlyList<TextEdit> edits)
    {
        (_text, var read) = PppWordReader.ReadAfterEdits(_analysis.Read, _text, edits);
        _analysis = Analyse(read, _analysis.Records);
    }

    /// <summary>How pppd reads a text; shared by every <see cref="SecretsFile"/> of that text, so never changed.</summary>
    private sealed record Analysis(PppWordReadResult Read, List<(SecretRecord Record, int FirstWord)> Records,
        IReadOnlyList<SecretRecord> RecordList, IReadOnlyList<SyntaxProblem> Problems);

    private static Analysis Analyse(string text) => Analyse(PppWordReader.Read(text), []);

    /// <summary>The records of a reading; a record of <paramref name="previous"/> made of the very same words is kept.</summary>
    private static Analysis Analyse(PppWordReadResult read, List<(SecretRecord Record, int FirstWord)> previous)
    {
        var words = read.Words;
        var records = new List<(SecretRecord, int)>(previous.Count + 1);
        int kept = 0;
        List<SyntaxProblem>? problems = read.Problems.Count > 0 ? [.. read.Problems] : null;
        int i = 0;
        while (i < words.Count)
        {
            int j = i + 1;
            while (j < words.Count && !words[j].AfterNewline) j++;
            int count = j - i;
            if (count < 3)
            {
                (problems ??= []).Add(new SyntaxProblem(words[i].Line,
                    $"{count} word{(count == 1 ? "" : "s")} where pppd needs at least client, server and secret; pppd skips this line"));
                i = j;
                continue;
            }
            // Words kept by an edited reading are the same objects at the same places: so are their records.
            while (kept < previous.Count && previous[kept].Record.Start < words[i].Start) kept++;
            if (kept < previous.Count && SameWords(previous[kept].Record.Words, words, i, count))
            {
                records.Add((previous[kept].Record, i));
                i = j;
                continue;
            }
            var recordWords = new PppWord[count];
            for (int k = 0; k < count; k++) recordWords[k] = words[i + k];
            var addresses = new List<string>();
            var options = new List<string>();
            bool inOptions = false;
            for (int k = 3; k < count; k++)
            {
                var value = recordWords[k].Value;
                if (!inOptions && value == "--") inOptions = true;
                else (inOptions ? options : addresses).Add(value);
            }
            var record = new SecretRecord(recordWords[0].Value, recordWords[1].Value, recordWords[2].Value, addresses,
                recordWords[0].Line, recordWords[0].Start, recordWords[^1].End)
            {
                Options = options,
                Words = recordWords,
            };
            records.Add((record, i));
            i = j;
        }
        return new Analysis(read, records, records.Select(r => r.Item1).ToList(), problems ?? (IReadOnlyList<SyntaxProblem>)[]);
    }

    private static bool SameWords(IReadOnlyList<PppWord> recordWords, IReadOnlyList<PppWord> words, int first, int count)
    {
        if (recordWords.Count != count) return false;
        for (int k = 0; k < count; k++)
            if (!ReferenceEquals(recordWords[k], words[first + k])) return false;
        return true;
    }
}
