namespace PppTui.Core.PppConfig;

/// <summary>What a token does in a chat script.</summary>
public enum ChatTokenKind
{
    /// <summary>A string chat waits for (may hold sub-expects: <c>OK-AT-OK</c>).</summary>
    Expect,
    /// <summary>A string chat sends after the expect before it matched.</summary>
    Send,
    /// <summary>ABORT, CLR_ABORT, REPORT, CLR_REPORT, TIMEOUT, ECHO, SAY or HANGUP in an expect position.</summary>
    Keyword,
    /// <summary>The string after a keyword (the abort string, the timeout, the text to say, ...).</summary>
    KeywordArgument,
}

/// <summary>One token of a chat script.</summary>
/// <param name="Value">The string chat receives: the text between the quotes, or the bare word,
/// with chat's escapes (<c>\r \c \d \T</c>, <c>^C</c>, <c>\"</c>) still as written, because chat
/// interprets them itself and differently for expect and send strings.</param>
/// <param name="Start">Offset of the token's first character (its opening quote, if any).</param>
/// <param name="End">Offset just past the token (past its closing quote, if any).</param>
/// <param name="Line">1-based line of the token.</param>
/// <param name="WasQuoted">True when written in '...' or "...".</param>
public sealed record ChatToken(string Value, int Start, int End, int Line, bool WasQuoted)
{
    /// <summary>What the token does.</summary>
    public ChatTokenKind Kind { get; init; }

    /// <summary>The quote character used, or '\0' for a bare token.</summary>
    public char Quote { get; init; }

    /// <summary>For a <see cref="ChatTokenKind.KeywordArgument"/>: the keyword it belongs to.</summary>
    public string? Keyword { get; init; }

    /// <summary>Position in <see cref="ChatScript.Tokens"/>.</summary>
    public int Index { get; init; }
}

/// <summary>
/// A chat(8) script file as <c>chat -f</c> reads it (chat.c do_file): one line at a time; a line
/// whose first character is <c>#</c> is a comment (a <c>#</c> anywhere else is an ordinary
/// character, as in <c>AT#GAUTH=0</c> or <c>ATD*99#</c>); tokens are separated by spaces and tabs
/// only; a token starting with ' or " runs to the matching quote, a backslash protecting the
/// next character, and ends there; other tokens run to the next space or tab. Tokens alternate
/// expect, send, expect, ... across lines; an expect that is a keyword (ABORT, TIMEOUT, SAY, ...)
/// takes the following token as its argument.
/// </summary>
/// <remarks>
/// Faithful to chat, a carriage return is not white space: in a CRLF file it becomes part of the
/// last bare token on each line, or a token of its own after a closing quote. Such files are
/// listed in <see cref="Problems"/>. Edits replace one token's characters and nothing else.
/// </remarks>
public sealed class ChatScript
{
    /// <summary>chat's default timeout in seconds (DEFAULT_CHAT_TIMEOUT).</summary>
    public const int DefaultTimeout = 45;

    private string _text;
    private IReadOnlyList<ChatToken> _tokens = null!;
    private IReadOnlyList<SyntaxProblem> _problems = null!;

    private ChatScript(string text)
    {
        _text = text;
        Load(text);
    }

    /// <summary>Reads a chat script. Never throws for odd content: see <see cref="Problems"/>.</summary>
    public static ChatScript Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new ChatScript(text);
    }

    /// <summary>The current text, after any edits.</summary>
    public string Text => _text;

    /// <summary>Every token, in order.</summary>
    public IReadOnlyList<ChatToken> Tokens => _tokens;

    /// <summary>What chat would stop on or misread: unterminated quotes, CRLF line endings,
    /// over-long lines, a shell script instead of a chat file.</summary>
    public IReadOnlyList<SyntaxProblem> Problems => _problems;

    /// <summary>True when the text is a shell script (it starts with <c>#!</c>), typically one
    /// that runs chat with the strings on its command line. Its strings follow shell quoting,
    /// not chat -f rules, so the tokens here do not describe what chat will do.</summary>
    public bool IsShellScript => _text.StartsWith("#!", StringComparison.Ordinal);

    /// <summary>Expect/send pairs in order, keyword pairs left out. An expect at the end of the
    /// script with nothing after it pairs with an empty send.</summary>
    public IReadOnlyList<(string Expect, string Send)> Pairs
    {
        get
        {
            var pairs = new List<(string, string)>();
            for (int i = 0; i < _tokens.Count; i++)
            {
                if (_tokens[i].Kind != ChatTokenKind.Expect) continue;
                pairs.Add((_tokens[i].Value, i + 1 < _tokens.Count ? _tokens[i + 1].Value : ""));
            }
            return pairs;
        }
    }

    /// <summary>The ABORT strings, in order, as written.</summary>
    public IReadOnlyList<string> AbortStrings => ArgumentsOf("ABORT");

    /// <summary>The REPORT strings, in order, as written.</summary>
    public IReadOnlyList<string> ReportStrings => ArgumentsOf("REPORT");

    /// <summary>The first TIMEOUT's value in seconds as chat computes it (atoi; 0 or less means
    /// the default, 45), or null when the script sets none.</summary>
    public int? Timeout => Timeouts.Count > 0 ? Timeouts[0] : null;

    /// <summary>Every TIMEOUT value in order (a script may change the timeout as it goes).</summary>
    public IReadOnlyList<int> Timeouts => ArgumentsOf("TIMEOUT").Select(EffectiveTimeout).ToList();

    /// <summary>The first send token whose value satisfies <paramref name="predicate"/>, e.g.
    /// <c>FindSend(s => s.Contains("+CGDCONT"))</c>; keyword arguments are not send strings.</summary>
    public ChatToken? FindSend(Func<string, bool> predicate) =>
        _tokens.FirstOrDefault(t => t.Kind == ChatTokenKind.Send && predicate(t.Value));

    /// <summary>The send token that follows the first expect whose value satisfies
    /// <paramref name="expectPredicate"/>, or null.</summary>
    public ChatToken? FindSendAfter(Func<string, bool> expectPredicate)
    {
        for (int i = 0; i + 1 < _tokens.Count; i++)
            if (_tokens[i].Kind == ChatTokenKind.Expect && expectPredicate(_tokens[i].Value))
                return _tokens[i + 1];
        return null;
    }

    /// <summary>
    /// Replaces one token's value; only that token's characters change. Quoting follows
    /// <see cref="ChatQuoting"/>, keeping the token's quote character when it can. In a CRLF
    /// file the carriage return ending the line stays where it is.
    /// </summary>
    /// <exception cref="ArgumentException">The token is not one of the current <see cref="Tokens"/>
    /// (it was read before an earlier edit), or chat cannot carry the value in its place.</exception>
    public void ReplaceToken(ChatToken token, string newValue)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(newValue);
        if (token.Index < 0 || token.Index >= _tokens.Count || _tokens[token.Index] != token)
            throw new ArgumentException("The token is not part of this script's current text (it was read before an earlier edit).",
                nameof(token));

        if (newValue == token.Value) return;
        int end = token.End;
        bool keepsCarriageReturn = !token.WasQuoted && end > token.Start && _text[end - 1] == '\r' &&
                                   (end == _text.Length || _text[end] == '\n');
        if (keepsCarriageReturn)
        {
            end--;
            // The caller may pass the value as read, carriage return included.
            if (newValue.EndsWith('\r')) newValue = newValue[..^1];
        }
        string expected = keepsCarriageReturn ? newValue + "\r" : newValue;
        if (expected == token.Value) return;

        // Text glued to the token (as in 'a'b) would join a bare replacement.
        bool textFollows = end < _text.Length && _text[end] is not (' ' or '\t' or '\n' or '\0') && !keepsCarriageReturn;
        if (!ChatQuoting.TryEncode(newValue, token.Quote, allowBare: !textFollows, out var encoded, out var problem))
            throw new ArgumentException($"The new string cannot be written in the chat script: it {problem}.", nameof(newValue));
        if (keepsCarriageReturn && encoded.Length > 0 && encoded[0] is '\'' or '"')
            throw new ArgumentException(
                "The new string needs quotes, but this line ends with a carriage return (CRLF), which chat(8) would read " +
                "as a token of its own after a closing quote; convert the script to LF line endings first.",
                nameof(newValue));

        var previous = _text;
        int tokenCount = _tokens.Count;
        Load(TextEdits.Apply(_text, [new TextEdit(token.Start, end, encoded)]));
        bool ok = _tokens.Count == tokenCount && _tokens[token.Index].Value == expected;
        if (ok) return;
        Load(previous);
        throw new ArgumentException("The new string would change how chat reads the rest of the line.", nameof(newValue));
    }

    private List<string> ArgumentsOf(string keyword) =>
        _tokens.Where(t => t.Kind == ChatTokenKind.KeywordArgument && t.Keyword == keyword).Select(t => t.Value).ToList();

    /// <summary>C's atoi(), then chat's "0 or less means the default".</summary>
    private static int EffectiveTimeout(string value)
    {
        int i = 0;
        while (i < value.Length && PppWordReader.IsSpace(value[i])) i++;
        bool negative = false;
        if (i < value.Length && value[i] is '+' or '-') negative = value[i++] == '-';
        long number = 0;
        while (i < value.Length && char.IsAsciiDigit(value[i]) && number <= int.MaxValue) number = number * 10 + (value[i++] - '0');
        if (negative) number = -number;
        return number <= 0 ? DefaultTimeout : (int)Math.Min(number, int.MaxValue);
    }

    private void Load(string text)
    {
        _text = text;
        var tokens = new List<ChatToken>();
        List<SyntaxProblem>? problems = null;
        if (text.StartsWith("#!", StringComparison.Ordinal))
            (problems ??= []).Add(new SyntaxProblem(1,
                "this is a shell script, not a chat -f script: its strings follow shell quoting, which this reader does not model"));

        bool send = false, sawCarriageReturn = false;
        string? pendingKeyword = null;
        int lineStart = 0, line = 1;
        while (lineStart < text.Length)
        {
            int lineBreak = text.IndexOf('\n', lineStart);
            int lineEnd = lineBreak < 0 ? text.Length : lineBreak;
            // chat works on C strings: a NUL ends the line's content.
            int nul = text.IndexOf('\0', lineStart, lineEnd - lineStart);
            int contentEnd = nul < 0 ? lineEnd : nul;

            if (lineEnd - lineStart > (ChatQuoting.MaxLineBytes - 1) / 3)
            {
                int bytes = Encoding.UTF8.GetByteCount(text.AsSpan(lineStart, lineEnd - lineStart)) + (lineBreak < 0 ? 0 : 1);
                if (bytes > ChatQuoting.MaxLineBytes)
                    (problems ??= []).Add(new SyntaxProblem(line,
                        $"the line is {bytes} bytes long; chat(8) reads at most {ChatQuoting.MaxLineBytes} bytes at a time and treats the rest as another line"));
            }
            if (!sawCarriageReturn && contentEnd > lineStart && text[contentEnd - 1] == '\r')
            {
                sawCarriageReturn = true;
                (problems ??= []).Add(new SyntaxProblem(line,
                    "the script has CRLF line endings; chat(8) does not treat the carriage return as white space, so it ends up " +
                    "in the last string of each line (or as a string of its own after a quote): convert the file to LF line endings"));
            }

            if (contentEnd > lineStart && text[lineStart] == '#')
            {
                lineStart = lineEnd + 1;
                line++;
                continue;
            }

            int p = lineStart;
            while (p < contentEnd)
            {
                char ch = text[p];
                if (ch is ' ' or '\t')
                {
                    p++;
                    continue;
                }

                int start = p;
                string value;
                char quote = '\0';
                if (ch is '"' or '\'')
                {
                    quote = ch;
                    p++;
                    int valueStart = p;
                    while (p < contentEnd && text[p] != quote)
                    {
                        if (text[p++] == '\\' && p < contentEnd) p++;
                    }
                    if (p >= contentEnd)
                    {
                        (problems ??= []).Add(new SyntaxProblem(line,
                            $"a string opened with {quote} is not closed on its line; chat(8) stops with \"unterminated quote\""));
                        value = text.Substring(valueStart, contentEnd - valueStart);
                    }
                    else
                    {
                        value = text.Substring(valueStart, p - valueStart);
                        p++;
                    }
                }
                else
                {
                    while (p < contentEnd && text[p] is not (' ' or '\t')) p++;
                    value = text.Substring(start, p - start);
                }

                ChatTokenKind kind;
                string? keyword = null;
                if (!send)
                {
                    kind = ChatScriptBuilder.IsKeyword(value) ? ChatTokenKind.Keyword : ChatTokenKind.Expect;
                    pendingKeyword = kind == ChatTokenKind.Keyword ? value : null;
                }
                else if (pendingKeyword is not null)
                {
                    kind = ChatTokenKind.KeywordArgument;
                    keyword = pendingKeyword;
                    pendingKeyword = null;
                }
                else
                {
                    kind = ChatTokenKind.Send;
                }
                tokens.Add(new ChatToken(value, start, p, line, quote != '\0')
                {
                    Kind = kind,
                    Quote = quote,
                    Keyword = keyword,
                    Index = tokens.Count,
                });
                send = !send;
            }

            lineStart = lineEnd + 1;
            line++;
        }

        _tokens = tokens;
        _problems = problems ?? (IReadOnlyList<SyntaxProblem>)[];
    }
}
