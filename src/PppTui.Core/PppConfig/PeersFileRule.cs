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

    // A peers file is read whole by pppd; anything much larger than this is not one.
    private const int LongestPeersFile = 256 * 1024;

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
    /// only root may read is judged by its name alone: it is listed, and opening it says why it cannot be read.
    /// </summary>
    public static string? WhyNotPeersFile(string path)
    {
        if (WhyNotPeersName(Path.GetFileName(path)) is { } byName) return byName;
        string text;
        try
        {
            using var stream = File.OpenRead(path);
            if (stream.Length > LongestPeersFile) return $"{stream.Length} bytes: far larger than any options file";
            using var reader = new StreamReader(stream);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return null;
        }
        return WhyNotPeersText(text);
    }

    /// <summary>True when <paramref name="path"/> is a peers file by <see cref="WhyNotPeersFile"/>.</summary>
    public static bool IsPeersFile(string path) => WhyNotPeersFile(path) is null;

    private static bool IsOptionWord(string word) =>
        PppOptionTable.IsKnown(word) ||
        word.StartsWith("/dev/", StringComparison.Ordinal) ||
        word.StartsWith("nic-", StringComparison.Ordinal) ||
        (word.Length > 0 && word.All(char.IsAsciiDigit)) ||
        (word.Contains(':') && word.All(c => char.IsAsciiDigit(c) || c is '.' or ':'));
}
