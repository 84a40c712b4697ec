using PppTui.Core.Files;
using Serilog;

namespace PppTui.Core.Kinds;

/// <summary>One file's outcome.</summary>
public sealed record AppliedFile(string SystemPath, bool Written, string? Backup);

public sealed record ApplyResult(string ProfileName, IReadOnlyList<AppliedFile> Files)
{
    public bool ChangedAnything => Files.Any(f => f.Written);
}

/// <summary>
/// Writes a change plan: one apply at a time, each file atomically with a backup, and never over a
/// file that changed on disk since the plan read it (or since ppptui last wrote it) unless forced.
/// </summary>
public sealed class ProfileApplier
{
    private readonly SystemPaths _paths;
    private readonly AtomicFileWriter _writer;
    private readonly AppliedState _state;
    private readonly ILogger _log;

    public ProfileApplier(SystemPaths paths, AtomicFileWriter writer, ILogger? log = null)
    {
        _paths = paths;
        _writer = writer;
        _state = new AppliedState(paths);
        _log = log ?? Serilog.Log.Logger;
    }

    /// <exception cref="FileChangedOnDiskException">A file changed since it was read; nothing was written.</exception>
    public ApplyResult Apply(ChangePlan plan, bool force = false)
    {
        using var applyLock = ApplyLock.Acquire(_paths, TimeSpan.FromSeconds(30));
        return ApplyLocked(plan, force);
    }

    /// <summary>As <see cref="Apply"/>, for a caller that already holds the <see cref="ApplyLock"/>
    /// (and made the plan under it).</summary>
    public ApplyResult ApplyLocked(ChangePlan plan, bool force = false)
    {
        // Check every file before writing any, so a refusal leaves everything as it was.
        if (!force)
        {
            foreach (var file in plan.Changed)
            {
                var now = FileFingerprint.OfFile(file.FullPath);
                if (now != file.ReadFingerprint)
                {
                    var current = TextFile.ReadOrNull(file.FullPath);
                    var mask = file.Mask ?? (t => t);
                    throw new FileChangedOnDiskException(file.SystemPath,
                        TextDiff.Unified(file.OldText is null ? null : mask(file.OldText), current is null ? "" : mask(current),
                            "read" + file.SystemPath, "disk" + file.SystemPath));
                }
                if (file.ChangedOnDiskSince is not null)
                    throw new FileChangedOnDiskException(file.SystemPath, file.DriftDiff());
            }
        }

        var results = new List<AppliedFile>();
        foreach (var file in plan.Files)
        {
            if (!file.Changes)
            {
                results.Add(new AppliedFile(file.SystemPath, false, null));
                continue;
            }
            var backup = _writer.Write(file.FullPath, file.NewText, file.NewFileMode);
            results.Add(new AppliedFile(file.SystemPath, true, backup));
        }
        foreach (var file in plan.Files.Where(f => f.Role != FileRole.Secrets))
            _state.Record(plan.ProfileName, file.SystemPath, file.NewText, keepCopy: file.Mask is null);
        _log.Information("Applied profile {Profile}: {Written} file(s) written", plan.ProfileName, results.Count(r => r.Written));
        return new ApplyResult(plan.ProfileName, results);
    }

    /// <summary>Records the files as they are, as ppptui's own baseline (after an import).</summary>
    public void Adopt(ChangePlan plan)
    {
        foreach (var file in plan.Files.Where(f => f.Role != FileRole.Secrets && f.OldText is not null))
            _state.Record(plan.ProfileName, file.SystemPath, file.OldText!, keepCopy: file.Mask is null);
    }

    public void Forget(string profileName) => _state.Forget(profileName);
}
