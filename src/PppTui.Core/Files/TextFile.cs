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

    /// <summary>
    /// The file's text, or null when it does not exist or cannot be read as text: for what a kind
    /// only looks at to recognise a file (an unreadable one is then simply not recognised).
    /// </summary>
    public static string? ReadIfReadable(string path)
    {
        try { return ReadOrNull(path); }
        catch (PppTuiException) { return null; }
    }

    /// <summary>The file's text, or null when it does not exist.</summary>
    /// <exception cref="PppTuiException">The file is larger than <see cref="MaxBytes"/>, is not
    /// valid UTF-8, or cannot be read.</exception>
    public static string? ReadOrNull(string path)
    {
        byte[] bytes;
        try
        {
            if (!File.Exists(path))
            {
                // File.Exists says false for a file in a folder the user may not search, too:
                // that is permission denied, not "does not exist".
                if (IsHiddenByPermissions(path)) throw new UnauthorizedAccessException(path);
                return null;
            }
            bytes = ReadBounded(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new NeedsRootException("ppptui", path, write: false);
        }
        catch (IOException ex)
        {
            throw new PppTuiException(Msg.F("{0}: could not read it ({1})", path, ex.Message), Msg.T("Check that the path names a readable file (ls -l)."), ex)
            {
                Cause = ex.Message,
                File = path,
            };
        }
        return Decode(bytes, path);
    }

    /// <summary>
    /// True when the current user may not look at <paramref name="path"/> (a folder on the way
    /// denies searching, such as /etc/ppp/peers at 2750 root:dip), so that whether it exists is
    /// unknown rather than false.
    /// </summary>
    public static bool IsHiddenByPermissions(string path)
    {
        try
        {
            File.GetAttributes(path);
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // Reads at most MaxBytes + 1 bytes whatever the file claims its length is (a device or /proc
    // file says 0), so that an oversized file is refused without being read whole.
    private static byte[] ReadBounded(string path)
    {
        if (Posix.IsPipeOrSocket(path))
            throw new PppTuiException(Localization.Msg.F("{0} is a named pipe or a socket, not a file: reading it would wait for a writer forever", path),
                Localization.Msg.T("Move it aside (ls -l shows a 'p' or 's' first); pppd's files are plain files."), kind: FailureKind.Invalid)
            {
                File = path,
            };
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
        long claimed = stream.CanSeek ? stream.Length : -1;
        if (claimed > MaxBytes) throw TooLarge(path, claimed);
        // Sized by the length the file claims (one byte more, to see the end at once): a 64 KiB
        // chunk for every 1 KiB profile was most of what listing 10,000 profiles allocated.
        // Whatever the claim (/proc and devices say 0), reading goes on until the end.
        var buffer = new MemoryStream(claimed > 0 ? (int)claimed : 0);
        var chunk = new byte[claimed >= 0 ? (int)Math.Clamp(claimed + 1, 512, 64 * 1024) : 64 * 1024];
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
        "Check that the path names the right file (ls -l); ppptui will neither read nor rewrite it.", kind: FailureKind.Invalid)
    {
        File = path,
    };

    public static string Decode(byte[] bytes, string path)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            // The file may hold other users' records (chap-secrets does), so the fix never converts
            // or rewrites it whole: only the line at fault, by hand, by whoever owns it.
            var offset = FirstInvalidByte(bytes);
            var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
            throw new PppTuiException(
                Msg.F("{0}:{1}: not valid UTF-8 text (byte {2})", path, line, offset),
                Msg.F("Correct line {0} by hand (grep -naxv '.*' {1} shows it); ppptui will neither read nor rewrite bytes it cannot read back exactly.", line, path),
                ex, FailureKind.Invalid)
            {
                Cause = "not valid UTF-8",
                File = path,
                Line = line,
            };
        }
    }

    // The decoder's index is relative to its internal buffer, so find the offset ourselves.
    private static int FirstInvalidByte(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done) return i;
            i += consumed;
        }
        return bytes.Length;
    }

    public static byte[] Encode(string text) => StrictUtf8.GetBytes(text);
}
