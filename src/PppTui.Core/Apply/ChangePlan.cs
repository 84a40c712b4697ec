namespace PppTui.Core.Apply;

/// <summary>What a file is for; decides its mode when new and how it is masked in previews.</summary>
public enum FileRole { Peers, Secrets, ChatScript, RoutesScript, Options, Profile, IpsecConfig }

/// <summary>
/// One file of a change plan: what is on disk now, what would be written, and a fingerprint of
/// what was read so that apply can refuse to overwrite a file that changed in between.
/// </summary>
public sealed record PlannedFile(
    string SystemPath,
    string FullPath,
    FileRole Role,
    string? OldText,
    string NewText,
    FileFingerprint ReadFingerprint,
    UnixFileMode NewFileMode)
{
    /// <summary>Turns text into what may be shown on screen (secrets replaced by a mask).</summary>
    public Func<string, string>? Mask { get; init; }

    /// <summary>
    /// Set when ppptui wrote or imported this file before and it was edited since: the text as
    /// ppptui left it (empty when no copy is kept). Apply refuses such a file unless forced.
    /// </summary>
    public string? ChangedOnDiskSince { get; init; }

    public bool IsNew => OldText is null;

    public bool Changes => OldText != NewText;

    /// <summary>The new text as a preview may show it.</summary>
    public string PreviewText => Mask is null ? NewText : Mask(NewText);

    /// <summary>A unified diff against disk, masked like the preview.</summary>
    public string Diff()
    {
        var before = OldText is null ? null : Mask is null ? OldText : Mask(OldText);
        return TextDiff.Unified(before, PreviewText, OldText is null ? "/dev/null" : "a" + SystemPath, "b" + SystemPath);
    }

    /// <summary>What changed on disk since ppptui last wrote the file, as a masked diff.</summary>
    public string DriftDiff() =>
        ChangedOnDiskSince is null ? "" : TextDiff.Unified(Masked(ChangedOnDiskSince), Masked(OldText ?? ""), "ppptui" + SystemPath, "disk" + SystemPath);

    private string Masked(string text) => Mask is null ? text : Mask(text);

    public static UnixFileMode ModeFor(FileRole role) => role switch
    {
        FileRole.Secrets or FileRole.ChatScript or FileRole.IpsecConfig => UnixFileMode.UserRead | UnixFileMode.UserWrite,
        FileRole.RoutesScript => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                 UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute,
        FileRole.Peers => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        _ => UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
    };
}

/// <summary>Everything applying a profile would write, file by file. The live preview is this plan.</summary>
public sealed record ChangePlan(string ProfileName, IReadOnlyList<PlannedFile> Files, IReadOnlyList<string> Notes)
{
    public bool HasChanges => Files.Any(f => f.Changes);

    public IEnumerable<PlannedFile> Changed => Files.Where(f => f.Changes);

    /// <summary>The diffs of every changed file, masked, one after the other.</summary>
    public string Diff() => string.Concat(Changed.Select(f => f.Diff()));
}
