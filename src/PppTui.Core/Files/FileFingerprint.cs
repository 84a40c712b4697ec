using System.Buffers;
using System.Security.Cryptography;

namespace PppTui.Core.Files;

/// <summary>
/// What a file held when it was read: its SHA-256, or "absent". Apply compares it with the disk
/// again so that a file changed since it was read is never silently overwritten.
/// </summary>
public readonly record struct FileFingerprint(string Value)
{
    public static readonly FileFingerprint Absent = new("absent");

    public bool IsAbsent => Value == Absent.Value;

    /// <summary>The fingerprint of the UTF-8 bytes of <paramref name="text"/>; remembered for the
    /// string object, so a preview re-rendered from the same snapshot hashes each file once.</summary>
    public static FileFingerprint Of(string text) => new(Hashes.Get(text));

    private static readonly TextMemo<string> Hashes = new(Hash);

    private static string Hash(string text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetByteCount(text));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return Of(buffer.AsSpan(0, length)).Value;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static FileFingerprint Of(ReadOnlySpan<byte> bytes) =>
        new("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static FileFingerprint OfFile(string path) =>
        File.Exists(path) ? Of(File.ReadAllBytes(path)) : Absent;

    public override string ToString() => Value;
}
