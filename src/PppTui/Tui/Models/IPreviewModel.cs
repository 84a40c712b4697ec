namespace PppTui.Tui.Models;

public enum FileChange { Create, Modify, Unchanged, Delete }

public enum DiffKind { Context, Added, Removed, Hunk }

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>One file of the change plan. <see cref="Text"/> and <see cref="Diff"/> already have secrets masked.</summary>
/// <param name="Path">The path as pppd sees it (e.g. /etc/ppp/peers/office).</param>
/// <param name="ChangedOnDisk">The file changed since it was read; Apply will ask before overwriting it.</param>
public sealed record PreviewFile(string Path, FileChange Change, string Text, IReadOnlyList<DiffLine> Diff,
    bool ChangedOnDisk = false);

/// <summary>What an edit would write, recomputed as the user types.</summary>
public interface IPreviewModel
{
    IReadOnlyList<PreviewFile> Files { get; }
    IReadOnlyList<EffectiveOption> EffectiveOptions { get; }

    /// <summary>Set when the plan cannot be rendered (e.g. the form is invalid); says why.</summary>
    string? Problem { get; }

    /// <summary>Things the plan noticed that do not stop Apply (a secrets file readable by others, no secret yet).</summary>
    IReadOnlyList<string> Notes => [];

    event EventHandler? Changed;
}
