namespace PppTui.Core.PppConfig;

/// <summary>
/// What counts as a peers file in /etc/ppp/peers: the one rule the command line (list, import) and
/// the screen's profile list share. The folder also holds what editors, package managers and
/// people leave there (README, backups, swap files, chat scripts); none of those is a connection.
/// </summary>
public static class PeersFileRule
{
    // Left by editors (~, .swp, .orig), patch and merge tools, and the package managers' upgrades.
    private static readonly string[] LeftoverEndings =
        [".bak", ".orig", ".old", ".rej", ".tmp", ".save", ".swp", ".swo", ".rpmnew", ".rpmsave"];

    private static readonly string[] LeftoverMarkers = [".dpkg-", ".ucf-"];

    // Peers files are a few hundred bytes; a larger file is left to the importer's own limits.
    private const int LongestJudged = 64 * 1024;

    /// <summary>
    /// Why a file name is not a peers file's, or null when it may be one: a name pppd's
    /// <c>call</c> accepts that no editor, tool or package manager leaves behind.
    /// </summary>
    public static string? WhyNotPeersName(string name)
    {
        if (Profiles.ValueRules.CheckProfileName(name) is { } problem) return "not a name 'pppd call' takes: " + problem;
        if (name.EndsWith('~') || LeftoverEndings.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) ||
            LeftoverMarkers.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase)))
            return "a backup or leftover copy, by its name";
        if (name.StartsWith("README", StringComparison.OrdinalIgnoreCase)) return "a README";
        return null;
    }

    /// <summary>
    /// Why a text is not a pppd options file, or null when it is one: at least half of its words are
    /// options pppd knows, device paths, speeds or <c>local:remote</c> addresses. A chat script
    /// (<c>ABORT BUSY '' ATZ ...</c>) or prose has next to none. An empty file is a peers file:
    /// <c>pppd call</c> runs it with the defaults.
    /// </summary>
    public static string? WhyNotPeersText(string text)
    {
        var entries = OptionFile.Parse(text).Entries;
        if (entries.Count == 0) return null;
        int options = entries.Count(e => IsOptionWord(e.Name));
        if (options * 2 >= entries.Count) return null;
        return entries[0].Name is "ABORT" or "TIMEOUT" or "REPORT" or "SAY" or "ECHO" or ""
            ? "a chat script (expect/send pairs, not pppd options)"
            : "not pppd options (most of its words are none pppd knows)";
    }

    /// <summary>
    /// Why the file at <paramref name="path"/> is not a peers file, or null when it is one. A file
    /// that cannot be judged by its text (only root may read it, or it is larger than any options
    /// file: a device behind a symlink, say) is judged by its name alone: it is listed, and opening
    /// or importing it says what is wrong with it.
    /// </summary>
    public static string? WhyNotPeersFile(string path)
    {
        if (WhyNotPeersName(Path.GetFileName(path)) is { } byName) return byName;
        if (Files.Posix.IsPipeOrSocket(path)) return Localization.Msg.T("a named pipe or a socket, not a file");
        var text = ReadSmall(path);
        return text is null ? null : WhyNotPeersText(text);
    }

    /// <summary>True when <paramref name="path"/> is a peers file by <see cref="WhyNotPeersFile"/>.</summary>
    public static bool IsPeersFile(string path) => WhyNotPeersFile(path) is null;

    // The text of a file of at most LongestJudged bytes; null for a larger or unreadable one. At
    // most LongestJudged + 1 bytes are read, whatever length the file claims (/dev/zero says 0).
    private static string? ReadSmall(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            var buffer = new byte[LongestJudged + 1];
            int length = 0, read;
            while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0) length += read;
            return length > LongestJudged ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
    }

    private static bool IsOptionWord(string word) =>
        PppOptionTable.IsKnown(word) ||
        word.StartsWith("/dev/", StringComparison.Ordinal) ||
        word.StartsWith("nic-", StringComparison.Ordinal) ||
        (word.Length > 0 && word.All(char.IsAsciiDigit)) ||
        (word.Contains(':') && word.All(c => char.IsAsciiDigit(c) || c is '.' or ':'));
}
