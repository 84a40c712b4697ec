namespace PppTui.Core.PppConfig;

/// <summary>
/// Writes a string as one token of a chat(8) script file (<c>chat -f</c>): bare when it has no
/// space or tab and does not start with a quote or <c>#</c>, otherwise in '...' or "...".
/// <see cref="ChatScript"/> reads the result back as exactly that string.
/// </summary>
/// <remarks>
/// Values are chat strings as written in the script: chat's own escapes (<c>\r \n \c \d \p \N
/// \T</c>, <c>^C</c>) are kept as typed and interpreted by chat, not here. Inside quotes chat
/// lets a backslash protect the next character, so a quote character can only be carried when it
/// is written with a backslash before it (<c>\'</c>, <c>\"</c>). Problem texts never repeat the
/// value, because a chat string may hold a password.
/// </remarks>
public static class ChatQuoting
{
    /// <summary>chat reads a script with fgets(buf, 1024): at most 1023 bytes per line, line break included.</summary>
    public const int MaxLineBytes = 1023;

    /// <summary>
    /// Encodes <paramref name="value"/> as one chat token. Returns false, with a problem text,
    /// for values chat cannot carry: NUL, CR or LF characters, an unpaired UTF-16 surrogate,
    /// both quote characters unescaped, a lone trailing backslash that would need quoting, or
    /// more than fits on one chat line.
    /// </summary>
    public static bool TryQuote(string value, out string encoded, out string? problem) =>
        TryEncode(value, preferredQuote: '\0', allowBare: true, out encoded, out problem);

    /// <summary>Like <see cref="TryQuote"/>, but throws <see cref="ArgumentException"/> with the problem text.</summary>
    public static string Quote(string value)
    {
        if (!TryQuote(value, out var encoded, out var problem))
            throw new ArgumentException($"The string cannot be written in a chat script: it {problem}.", nameof(value));
        return encoded;
    }

    /// <summary>Encodes with a preferred quote character (kept from the token being replaced)
    /// and optionally without the bare form (when text follows the token directly).</summary>
    internal static bool TryEncode(string value, char preferredQuote, bool allowBare, out string encoded, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        encoded = "";
        problem = Check(value);
        if (problem is not null) return false;

        if (allowBare && IsBareSafe(value))
        {
            encoded = value;
        }
        else
        {
            char quote = preferredQuote != '\0' && CanQuote(value, preferredQuote) ? preferredQuote
                : CanQuote(value, '\'') ? '\''
                : CanQuote(value, '"') ? '"'
                : '\0';
            if (quote == '\0')
            {
                problem = EndsWithLoneBackslash(value)
                    ? "ends with a lone backslash, which would escape the closing quote"
                    : "contains both ' and \" without a backslash before them, so no quote can hold it (write one of them as \\' or \\\")";
                return false;
            }
            encoded = quote + value + quote;
        }

        int bytes = Encoding.UTF8.GetByteCount(encoded);
        if (bytes > MaxLineBytes - 1)
        {
            problem = $"is too long: written it takes {bytes} bytes, and chat(8) reads at most {MaxLineBytes} bytes per line";
            encoded = "";
            return false;
        }
        return true;
    }

    /// <summary>True when chat reads the value back unquoted: not empty, no space or tab, not
    /// starting with a quote, and not starting with # (a line starting with # is a comment).</summary>
    internal static bool IsBareSafe(string value) =>
        value.Length > 0 && value[0] is not ('\'' or '"' or '#') && value.AsSpan().IndexOfAny(' ', '\t') < 0;

    /// <summary>True when chat's quoted-string scan over q + value + q stops exactly at the
    /// closing quote: every q in the value has a backslash before it and no backslash is left
    /// to escape the closing quote.</summary>
    private static bool CanQuote(string value, char quote)
    {
        for (int i = 0; i < value.Length;)
        {
            char ch = value[i];
            if (ch == quote) return false;
            if (ch == '\\')
            {
                if (i + 1 >= value.Length) return false;
                i += 2;
            }
            else
            {
                i++;
            }
        }
        return true;
    }

    /// <summary>True when a backslash-pair scan from the left ends on a single backslash.</summary>
    private static bool EndsWithLoneBackslash(string value)
    {
        for (int i = 0; i < value.Length; i += value[i] == '\\' ? 2 : 1)
            if (value[i] == '\\' && i + 1 >= value.Length) return true;
        return false;
    }

    private static string? Check(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (ch == '\0') return "contains a NUL character, where chat(8) would end the line";
            if (ch is '\r' or '\n')
                return "contains a line break, but each chat string stays on one line (write chat's own \\r or \\n escapes instead)";
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(ch)) return "contains an invalid Unicode character (an unpaired UTF-16 surrogate)";
        }
        return null;
    }
}
