namespace PppTui.Core.PppConfig;

/// <summary>
/// Turns a pppd or chat file's bytes into text and back without losing a byte: strict UTF-8
/// when the bytes are valid UTF-8 (a byte order mark stays as U+FEFF), otherwise Latin-1, which
/// maps every byte to one character. Encoding the text with the same encoding gives back the
/// original bytes exactly.
/// </summary>
public static class PppFileText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="encoding"/> is what to encode with again.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes, out Encoding encoding)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            encoding = StrictUtf8;
            return text;
        }
        catch (DecoderFallbackException)
        {
            encoding = Encoding.Latin1;
            return Encoding.Latin1.GetString(bytes);
        }
    }

    /// <summary>Decodes <paramref name="bytes"/>, strict UTF-8 or else Latin-1.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) => Decode(bytes, out _);

    /// <summary>Encodes <paramref name="text"/> with the encoding <see cref="Decode(ReadOnlySpan{byte}, out Encoding)"/>
    /// reported (UTF-8 without an added byte order mark when none is given).</summary>
    public static byte[] Encode(string text, Encoding? encoding = null) => (encoding ?? StrictUtf8).GetBytes(text);
}
