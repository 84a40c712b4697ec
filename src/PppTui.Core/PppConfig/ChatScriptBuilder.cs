namespace PppTui.Core.PppConfig;

/// <summary>
/// Writes a new chat script, one keyword pair or expect/send pair per line, every string quoted
/// by <see cref="ChatQuoting"/> so that <see cref="ChatScript"/> (and chat -f) reads back exactly
/// what was added.
/// </summary>
/// <example><code>
/// var text = new ChatScriptBuilder()
///     .Abort("BUSY").Abort("NO CARRIER").Timeout(30)
///     .Pair("", "AT").Pair("OK", "AT+CGDCONT=1,\"IP\",\"internet\"").Pair("OK", "ATD*99#")
///     .Pair("CONNECT", "")
///     .Build();
/// </code></example>
public sealed class ChatScriptBuilder
{
    private readonly List<string> _lines = [];

    /// <summary>A comment line (<c># text</c>).</summary>
    public ChatScriptBuilder Comment(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('\r', '\n') >= 0 || text.Contains('\0'))
            throw new ArgumentException("A chat comment must stay on one line.", nameof(text));
        _lines.Add(text.Length == 0 ? "#" : "# " + text);
        return this;
    }

    /// <summary>An empty line.</summary>
    public ChatScriptBuilder BlankLine()
    {
        _lines.Add("");
        return this;
    }

    /// <summary><c>ABORT string</c>: give up when the modem says this.</summary>
    public ChatScriptBuilder Abort(string text) => Keyword("ABORT", text);

    /// <summary><c>REPORT string</c>: log the modem's line that contains this.</summary>
    public ChatScriptBuilder Report(string text) => Keyword("REPORT", text);

    /// <summary><c>SAY string</c>: print this on chat's standard error.</summary>
    public ChatScriptBuilder Say(string text) => Keyword("SAY", text);

    /// <summary><c>TIMEOUT seconds</c> for the expects that follow.</summary>
    public ChatScriptBuilder Timeout(int seconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        return Keyword("TIMEOUT", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><c>ECHO ON|OFF</c>: copy the modem's output to standard error.</summary>
    public ChatScriptBuilder Echo(bool on) => Keyword("ECHO", on ? "ON" : "OFF");

    /// <summary><c>HANGUP ON|OFF</c>: whether a hangup ends chat.</summary>
    public ChatScriptBuilder Hangup(bool on) => Keyword("HANGUP", on ? "ON" : "OFF");

    /// <summary>Wait for <paramref name="expect"/> ("" waits for nothing), then send
    /// <paramref name="send"/> ("" sends just a carriage return; end it with <c>\c</c> to send nothing).</summary>
    public ChatScriptBuilder Pair(string expect, string send)
    {
        ArgumentNullException.ThrowIfNull(expect);
        if (IsKeyword(expect))
            throw new ArgumentException(
                $"The expect string '{expect}' is a chat keyword, so chat would not wait for it; use the keyword's own method.",
                nameof(expect));
        _lines.Add(Encode(expect, nameof(expect)) + " " + Encode(send, nameof(send)));
        return this;
    }

    /// <summary>The script text, each line ended by <paramref name="lineEnding"/>. Use "\n":
    /// chat does not treat the CR of CRLF as white space.</summary>
    public string Build(string lineEnding = "\n")
    {
        var builder = new StringBuilder();
        foreach (var line in _lines) builder.Append(line).Append(lineEnding);
        return builder.ToString();
    }

    internal static bool IsKeyword(string value) =>
        value is "HANGUP" or "ABORT" or "CLR_ABORT" or "REPORT" or "CLR_REPORT" or "TIMEOUT" or "ECHO" or "SAY";

    private ChatScriptBuilder Keyword(string keyword, string argument)
    {
        _lines.Add(keyword + " " + Encode(argument, nameof(argument)));
        return this;
    }

    private static string Encode(string value, string parameter)
    {
        ArgumentNullException.ThrowIfNull(value, parameter);
        if (!ChatQuoting.TryQuote(value, out var encoded, out var problem))
            throw new ArgumentException($"The {parameter} string cannot be written in a chat script: it {problem}.", parameter);
        return encoded;
    }
}
