using System.Text;

namespace PppTui.Core.Files;

/// <summary>
/// Reads system files as text without losing a byte: no BOM stripping surprises, invalid UTF-8
/// is detected rather than silently replaced (we refuse to rewrite such a file).
/// </summary>
public static class TextFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The most ppptui reads of a pppd, chat, secrets or profile file (16 MiB). Real ones are a few
    /// kilobytes; anything bigger is the wrong file (or a device such as /dev/zero behind a
    /// symlink), and reading it whole would only exhaust memory.
    /// </summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The file's text, or null when it does not exist.</summary>
    /// <exception cref="PppTuiException">The file is larger than <see cref="MaxBytes"/>, is not
    /// valid UTF-8, or cannot be read.</exception>
    public static string? ReadOrNull(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path)) return null;
            bytes = ReadBounded(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new NeedsRootException("ppptui", path, write: false);
        }
        catch (IOException ex)
        {
            throw new PppTuiException($"{path}: {ex.Message}", "Check that the file is readable.");
        }
        return Decode(bytes, path);
    }

    // Reads at most MaxBytes + 1 bytes whatever the file claims its length is (a device or /proc
    // file says 0), so that an oversized file is refused without being read whole.
    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        if (stream.CanSeek && stream.Length > MaxBytes) throw TooLarge(path, stream.Length);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes) throw TooLarge(path, null);
        }
        return buffer.ToArray();
    }

    private static PppTuiException TooLarge(string path, long? length) => new(
        $"{path}: {(length is { } l ? $"{l / (1024 * 1024)} MiB" : "more than 16 MiB")} is too large for a pppd, chat, secrets or profile file (ppptui reads at most 16 MiB)",
        "Check that the path names the right file (ls -l); ppptui will neither read nor rewrite it.");

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
