namespace PppTui.Core.Files;

/// <summary>
/// The backslash escapes pppd's quoted words and TOML's basic strings have in common: a double
/// quote, a backslash, and the control characters a language names by a letter. What each does
/// with any other control character (pppd <c>\xNN</c>, TOML <c>\uNNNN</c>) stays with its writer.
/// </summary>
internal static class BackslashEscape
{
    /// <param name="c">The character (or rune value) to write.</param>
    /// <param name="letters">The control letters the language knows, out of <c>n r t a b f</c>.</param>
    /// <returns>The escape, or null when <paramref name="c"/> has no named escape in that language.</returns>
    public static string? Named(int c, string letters)
    {
        if (c is '"' or '\\') return "\\" + (char)c;
        var letter = c switch
        {
            '\n' => 'n',
            '\r' => 'r',
            '\t' => 't',
            '\a' => 'a',
            '\b' => 'b',
            '\f' => 'f',
            _ => '\0',
        };
        return letter != '\0' && letters.Contains(letter) ? "\\" + letter : null;
    }
}
