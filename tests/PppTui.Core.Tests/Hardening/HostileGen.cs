namespace PppTui.Core.Tests.Hardening;

/// <summary>Generators of values that are hard on pppd's word reader, chat, shells and TOML.</summary>
public static class HostileGen
{
    /// <summary>PPPTUI_LONG_TESTS=1 runs ten times as many cases.</summary>
    public static readonly bool Long = Environment.GetEnvironmentVariable("PPPTUI_LONG_TESTS") == "1";

    public static readonly long Iterations = Long ? 100_000 : 10_000;

    /// <summary>One piece of text: printable ASCII, the characters every reader treats specially,
    /// Cyrillic, CJK, emoji and lone surrogates.</summary>
    public static readonly Gen<string> Fragment = Gen.Frequency(
        (12, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (6, Gen.OneOfConst(" ", "\t", "\n", "\r", "#", "\"", "'", "\\", "\0", "\v", "\f", "\a", "\u007f", "\u0001",
            "\u001b[31m", "*", "--", "@/", "\\x", "\\1", "\r\n", "$(id)", "`id`", ";", "|", "&", "${IFS}", "\u0085",
            "\u00a0", "\u2028", "\u202e", "\ufeff")),
        (2, Gen.Char['\u0400', '\u04FF'].Select(c => c.ToString())),
        (2, Gen.Char['\u4E00', '\u9FFF'].Select(c => c.ToString())),
        (1, Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32)),
        (1, Gen.Char['\uD800', '\uDFFF'].Select(c => c.ToString())));

    /// <summary>Mostly short hostile strings, sometimes long enough to cross the 255/256/1023-byte limits.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (20, Fragment.Array[0, 20].Select(string.Concat)),
        (2, Gen.String),
        (1, Fragment.Array[80, 400].Select(string.Concat)));

    /// <summary>Either a value shaped like <paramref name="plausible"/> (so that a good share of
    /// cases passes validation and reaches the files) or hostile text.</summary>
    public static Gen<string> Field(Gen<string> plausible, int plausibleWeight = 3) => Gen.Frequency((plausibleWeight, plausible), (2, Text));

    /// <summary>Strings from an alphabet, for plausible values.</summary>
    public static Gen<string> Of(string alphabet, int min, int max) => Gen.String[Gen.Char[alphabet], min, max];

    public static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) i++;
            else if (char.IsSurrogate(value[i])) return true;
        }
        return false;
    }
}
