namespace PppTui.Core.Files;

/// <summary>
/// What ppptui last wrote (or imported) for a profile, per file: the fingerprint, and for files
/// without secrets a copy of the text. It lets apply notice a hand edit made since, and show it,
/// instead of silently rendering over it.
/// </summary>
public sealed class AppliedState
{
    private readonly SystemPaths _paths;

    public AppliedState(SystemPaths paths) => _paths = paths;

    private string Dir(string profile) => Path.Join(_paths.StateDir, "applied", profile);

    private static string Key(string systemPath) => systemPath.Trim('/').Replace('/', '_');

    /// <summary>The fingerprint recorded for a file, or null when ppptui never wrote or imported it.</summary>
    /// <param name="read">Reads a state file (null when absent); a preview passes its snapshot reader
    /// so that re-rendering on every keystroke does not go to the disk.</param>
    public FileFingerprint? Recorded(string profile, string systemPath, Func<string, string?>? read = null)
    {
        var text = (read ?? ReadOrNull)(Path.Join(Dir(profile), Key(systemPath) + ".sha256"));
        return text is null ? null : new FileFingerprint(text.Trim());
    }

    /// <summary>The text recorded for a file (null for secrets-bearing files, which are never copied).</summary>
    public string? RecordedText(string profile, string systemPath, Func<string, string?>? read = null) =>
        (read ?? ReadOrNull)(Path.Join(Dir(profile), Key(systemPath) + ".text"));

    private static string? ReadOrNull(string file) => File.Exists(file) ? File.ReadAllText(file) : null;

    public void Record(string profile, string systemPath, string text, bool keepCopy)
    {
        var dir = Dir(profile);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(Path.Join(_paths.StateDir, "applied"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Join(dir, Key(systemPath) + ".sha256"), FileFingerprint.Of(text).Value + "\n");
        var copy = Path.Join(dir, Key(systemPath) + ".text");
        if (keepCopy) File.WriteAllText(copy, text);
        else if (File.Exists(copy)) File.Delete(copy);
    }

    public void Forget(string profile)
    {
        var dir = Dir(profile);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
