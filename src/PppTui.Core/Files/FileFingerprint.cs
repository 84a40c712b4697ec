using System.Security.Cryptography;
using System.Text;

namespace PppTui.Core.Files;

/// <summary>
/// What a file held when it was read: its SHA-256, or "absent". Apply compares it with the disk
/// again so that a file changed since it was read is never silently overwritten.
/// </summary>
public readonly record struct FileFingerprint(string Value)
{
    public static readonly FileFingerprint Absent = new("absent");

    public bool IsAbsent => Value == Absent.Value;

    public static FileFingerprint Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static FileFingerprint Of(ReadOnlySpan<byte> bytes) =>
        new("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));

    public static FileFingerprint OfFile(string path) =>
        File.Exists(path) ? Of(File.ReadAllBytes(path)) : Absent;

    public override string ToString() => Value;
}
