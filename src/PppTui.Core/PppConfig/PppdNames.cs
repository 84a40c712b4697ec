namespace PppTui.Core.PppConfig;

/// <summary>
/// The names pppd keeps for authentication. <c>name</c>, <c>user</c> and <c>remotename</c> are
/// OPT_STATIC strings of MAXNAMELEN (256) bytes in pppd 2.4.9 and 2.5.x alike (auth.c), which
/// options.c fills with <c>strlcpy()</c>: a longer word is accepted without a word and silently
/// cut to its first 255 bytes, and that cut name is what pppd looks up in chap-secrets and
/// pap-secrets and sends to the peer. So a long name is never refused; the records ppptui reads
/// and writes for it use the cut name.
/// </summary>
public static class PppdNames
{
    /// <summary>MAXNAMELEN - 1: the bytes of a name pppd keeps.</summary>
    public const int MaxBytes = 255;

    /// <summary>True when pppd keeps less than the whole of <paramref name="name"/>.</summary>
    public static bool IsCut(string? name) => name is not null && Encoding.UTF8.GetByteCount(name) > MaxBytes;

    /// <summary>True when pppd's cut falls inside a character: the name pppd keeps ends in part
    /// of a UTF-8 sequence, which no secrets record written as text can equal.</summary>
    public static bool CutsCharacter(string? name)
    {
        if (!IsCut(name)) return false;
        var bytes = Encoding.UTF8.GetBytes(name!);
        // A byte 10xxxxxx continues a character: the cut splits one when the first byte left out is one.
        return (bytes[MaxBytes] & 0xC0) == 0x80;
    }

    /// <summary>The name pppd uses for <paramref name="name"/>: its first 255 bytes (whole
    /// characters only when the cut falls inside one; see <see cref="CutsCharacter"/>).</summary>
    public static string? Kept(string? name)
    {
        if (!IsCut(name)) return name;
        var bytes = Encoding.UTF8.GetBytes(name!);
        var length = MaxBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80) length--;
        return Encoding.UTF8.GetString(bytes, 0, length);
    }

    /// <summary>What the user should know about the names of <paramref name="ppp"/> that pppd
    /// cuts: which name pppd uses, and that the secrets records go by it.</summary>
    public static IReadOnlyList<string> Notes(PppSettings ppp)
    {
        var notes = new List<string>();
        foreach (var (option, value) in new[] { (ppp.UserKeyword, ppp.User), ("remotename", ppp.RemoteName) })
        {
            if (!IsCut(value)) continue;
            var bytes = Encoding.UTF8.GetByteCount(value!);
            notes.Add(CutsCharacter(value)
                ? Msg.F("'{0}' is {1} bytes long; pppd keeps only the first {2} bytes, which end inside a character, so no chap-secrets or pap-secrets record can match it: shorten it.", option, bytes, MaxBytes)
                : Msg.F("'{0}' is {1} bytes long; pppd keeps only the first {2} bytes and uses that name, \"{3}\", also to look up chap-secrets and pap-secrets: ppptui reads and writes the record under that name.", option, bytes, MaxBytes, Kept(value)!));
        }
        return notes;
    }
}
