using Serilog;

namespace PppTui.Core.Apply;

/// <summary>One file's outcome.</summary>
public sealed record AppliedFile(string SystemPath, bool Written, string? Backup);

public sealed record ApplyResult(string ProfileName, IReadOnlyList<AppliedFile> Files)
{
    /// <summary>The profile's own TOML file was written (it said something else, or did not exist).</summary>
    public bool ProfileSaved { get; init; }

    /// <summary>A file changed: one of the plan's, or the profile's own (a description alone changes only that).</summary>
    public bool ChangedAnything => ProfileSaved || Files.Any(f => f.Written);

    /// <summary>What the user should know about the files as they were (a secrets file readable by others).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>
/// Writes a change plan: one apply at a time, each file atomically with a backup, and never over a
/// file that changed on disk since the plan read it (or since ppptui last wrote it) unless forced.
/// The plan is one transaction: when a file cannot be written, the files written before it are put
/// back from their backups (new ones removed), so a profile is applied whole or not at all.
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
    /// <param name="alsoWrite">A last write that belongs to the same transaction (the profile
    /// itself): when it fails, the plan's files are put back too.</param>
    public ApplyResult ApplyLocked(ChangePlan plan, bool force = false, Action? alsoWrite = null)
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
        var notes = new List<string>();
        var written = new List<(PlannedFile File, string? Backup)>();
        try
        {
            foreach (var file in plan.Files)
            {
                if (!file.Changes)
                {
                    results.Add(new AppliedFile(file.SystemPath, false, null));
                    continue;
                }
                // A file ppptui creates private (secrets, a chat script with the PIN) stays private.
                var outcome = _writer.WriteFile(file.FullPath, file.NewText, file.NewFileMode,
                    keepPrivate: (file.NewFileMode & AtomicFileWriter.GroupAndOther) == 0);
                written.Add((file, outcome.Backup));
                results.Add(new AppliedFile(file.SystemPath, true, outcome.Backup));
                if (outcome.NarrowedFrom is { } was)
                    notes.Add(Msg.F("{0} was mode {1}, readable by other users (pppd warns that it has world and/or group access); ppptui made it {2}", file.SystemPath, Octal(was), Octal(was & ~AtomicFileWriter.GroupAndOther)));
            }
            alsoWrite?.Invoke();
        }
        catch (Exception ex) when (ex is PppTuiException or IOException or UnauthorizedAccessException)
        {
            var undone = RollBack(written);
            if (undone == 0) throw;
            var known = ex as PppTuiException;
            throw new PppTuiException(
                Msg.F("{0}; nothing of {1} was applied (the {2} file(s) written before it were put back)", known?.Message ?? ex.Message, plan.ProfileName, undone),
                known?.Fix ?? Msg.T("Check that the files can be written, then apply again."), ex, known?.Kind ?? FailureKind.Failure)
            {
                Cause = known?.Cause ?? ex.Message,
                File = known?.File,
                Line = known?.Line,
            };
        }
        foreach (var file in plan.Files.Where(f => f.Role != FileRole.Secrets))
            _state.Record(plan.ProfileName, file.SystemPath, file.NewText, keepCopy: file.Mask is null);
        _log.Information("Applied profile {Profile}: {Written} file(s) written", plan.ProfileName, results.Count(r => r.Written));
        return new ApplyResult(plan.ProfileName, results) { Notes = notes };
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    // Newest first: each file goes back to its backup, a file that did not exist is removed.
    private int RollBack(List<(PlannedFile File, string? Backup)> written)
    {
        var undone = 0;
        foreach (var (file, backup) in Enumerable.Reverse(written))
        {
            try
            {
                if (backup is not null) _writer.Restore(file.FullPath, backup);
                else File.Delete(file.FullPath);
                undone++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _log.Error(ex, "Could not put back {Path} after a failed apply", file.FullPath);
            }
        }
        return undone;
    }

    /// <summary>Records the files as they are, as ppptui's own baseline (after an import).</summary>
    public void Adopt(ChangePlan plan)
    {
        foreach (var file in plan.Files.Where(f => f.Role != FileRole.Secrets && f.OldText is not null))
            _state.Record(plan.ProfileName, file.SystemPath, file.OldText!, keepCopy: file.Mask is null);
    }

    public void Forget(string profileName) => _state.Forget(profileName);
}
