namespace PppTui.Core.PppConfig;

/// <summary>
/// Writes a value as one pppd word: bare when every character is safe, otherwise in double
/// quotes with backslash escapes. <see cref="PppWordReader"/> reads the result back as exactly
/// that value.
/// </summary>
/// <remarks>
/// An empty value is written <c>""</c>. pppd drops an empty word that ends the file, so such a
/// word must be followed by something, even just a newline; <see cref="OptionFile"/> and
/// <see cref="SecretsFile"/> take care of that. Problem texts never repeat the value, because
/// the value may be a secret.
/// </remarks>
public static class PppQuoting
{
    /// <summary>
    /// Encodes <paramref name="value"/> as one pppd word. Returns false, with a problem text,
    /// for values pppd cannot carry: a NUL character, an unpaired UTF-16 surrogate, or more than
    /// 1023 bytes of UTF-8.
    /// </summary>
    public static bool TryQuote(string value, out string encoded, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(value);
        encoded = "";
        problem = Check(value);
        if (problem is not null) return false;

        if (IsBareSafe(value))
        {
            encoded = value;
            return true;
        }

        var builder = new StringBuilder(value.Length + 8);
        builder.Append('"');
        foreach (char ch in value)
        {
            if (BackslashEscape.Named(ch, "nrtabf") is { } escape) builder.Append(escape);
            // Always two hex digits, so a following hex letter cannot join the escape.
            else if (ch < 0x20 || ch == 0x7F) builder.Append("\\x").Append(((int)ch).ToString("x2"));
            else builder.Append(ch);
        }
        builder.Append('"');
        encoded = builder.ToString();
        return true;
    }

    /// <summary>Like <see cref="TryQuote"/>, but throws <see cref="ArgumentException"/> with the
    /// problem text when pppd cannot carry the value.</summary>
    public static string Quote(string value)
    {
        if (!TryQuote(value, out var encoded, out var problem))
            throw new ArgumentException($"The value cannot be written as a pppd word: it {problem}.", nameof(value));
        return encoded;
    }

    /// <summary>True when a valid value (see <see cref="Check"/>) can be written without quotes
    /// or escapes: not empty, no white space, control characters, #, quotes or backslashes.
    /// Non-ASCII letters are safe: pppd treats their UTF-8 bytes as ordinary characters.</summary>
    internal static bool IsBareSafe(string value)
    {
        if (value.Length == 0) return false;
        foreach (char ch in value)
        {
            if (ch < 0x21 || ch == 0x7F || ch is '#' or '"' or '\'' or '\\') return false;
        }
        return true;
    }

    /// <summary>Why pppd cannot carry <paramref name="value"/> as one word, or null when it can.
    /// The text completes "the value ..." and never contains the value itself.</summary>
    internal static string? Check(string value)
    {
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            if (ch == '\0') return "contains a NUL character, where pppd would end the word";
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(ch)) return "contains an invalid Unicode character (an unpaired UTF-16 surrogate)";
        }
        int bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > PppWordReader.MaxWordBytes)
            return $"is {bytes} bytes long in UTF-8, and pppd keeps at most {PppWordReader.MaxWordBytes} bytes of a word";
        return null;
    }
}
