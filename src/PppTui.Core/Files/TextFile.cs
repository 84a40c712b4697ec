using System.Text;

namespace PppTui.Core.Files;

/// <summary>
/// Reads system files as text without losing a byte: no BOM stripping surprises, invalid UTF-8
/// is detected rather than silently replaced (we refuse to rewrite such a file).
/// </summary>
public static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The file's text, or null when it does not exist.</summary>
    /// <exception cref="PppTuiException">The file is not valid UTF-8 or cannot be read.</exception>
    public static string? ReadOrNull(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return null;
            bytes = File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new PppTuiException($"{path}: permission denied",
                "Run ppptui as root (sudo ppptui ...), or use --root DIR to work on a copy.");
        }
        catch (IOException ex)
        {
            throw new PppTuiException($"{path}: {ex.Message}", "Check that the file is readable.");
        }
        return Decode(bytes, path);
    }

    public static string Decode(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PppTuiException(
                $"{path}: not valid UTF-8 text (byte {ex.Index})",
                "Convert the file to UTF-8 (iconv -f LATIN1 -t UTF-8), or edit it by hand; ppptui will not rewrite bytes it cannot read back exactly.");
        }
    }

    public static byte[] Encode(string text) => StrictUtf8.GetBytes(text);
}
