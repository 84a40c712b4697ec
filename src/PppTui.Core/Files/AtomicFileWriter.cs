using Serilog;

namespace PppTui.Core.Files;

/// <summary>
/// Writes a file so that a crash at any moment leaves either the old or the new version, never a
/// mix: a temporary file in the same folder, fsync, rename over the target, fsync the folder.
/// An existing file keeps its mode and owner; a new one gets the mode it is given.
/// </summary>
public sealed class AtomicFileWriter
{
    private readonly BackupStore _backups;
    private readonly ILogger _log;

    public AtomicFileWriter(BackupStore backups, ILogger? log = null)
    {
        _backups = backups;
        _log = log ?? Serilog.Log.Logger;
    }

    /// <summary>
    /// Replaces <paramref name="path"/> with <paramref name="text"/>, after a backup of the current
    /// version. <paramref name="newFileMode"/> applies only when the file does not exist yet.
    /// </summary>
    /// <returns>The backup's path, or null when there was no previous version.</returns>
    public string? Write(string path, string text, UnixFileMode newFileMode) =>
        WriteFile(path, text, newFileMode).Backup;

    /// <summary>
    /// As <see cref="Write"/>. With <paramref name="keepPrivate"/> (a secrets file, a chat script
    /// with a PIN) an existing copy readable by the group or others loses those bits, as pppd
    /// expects of its secrets files, and the outcome says so.
    /// </summary>
    public WriteOutcome WriteFile(string path, string text, UnixFileMode newFileMode, bool keepPrivate = false)
    {
        path = ThroughLink(path);
        var directory = Path.GetDirectoryName(path) ?? ".";
        var existed = File.Exists(path);
        var mode = existed ? File.GetUnixFileMode(path) : newFileMode;
        UnixFileMode? narrowedFrom = null;
        if (existed && keepPrivate && (mode & GroupAndOther) != 0)
        {
            narrowedFrom = mode;
            mode &= ~GroupAndOther;
        }
        var owner = existed ? Posix.GetOwner(path) : null;
        string? backup = null;
        var temp = Path.Join(directory, $".{Path.GetFileName(path)}.ppptui-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(directory);
            SweepAbandonedTemporaries(directory, Path.GetFileName(path));
            if (existed) backup = _backups.Save(path);
            // Create the temporary file with the final mode from the start, so a secrets file is
            // never readable by others, not even for a moment.
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                Share = FileShare.None,
                UnixCreateMode = mode,
            };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(TextFile.Encode(text));
                stream.Flush(flushToDisk: true);
            }
            File.SetUnixFileMode(temp, mode); // the umask may have narrowed UnixCreateMode
            if (owner is { } o && Posix.IsRoot) Posix.SetOwner(temp, o.Uid, o.Gid);
            File.Move(temp, path, overwrite: true);
            Posix.SyncDirectory(directory);
            _log.Information("Wrote {Path} ({Bytes} bytes){Backup}", path, text.Length,
                backup is null ? "" : $", previous version in {backup}");
            return new WriteOutcome(backup, narrowedFrom);
        }
        catch (UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new NeedsRootException(Msg.F("Writing {0}", path), directory);
        }
        catch (IOException ex)
        {
            TryDelete(temp);
            throw WriteFailure(path, ex);
        }
    }

    /// <summary>Puts a backup's bytes back in place (undoing a write), keeping the file's mode.</summary>
    public void Restore(string path, string backup)
    {
        path = ThroughLink(path);
        var temp = Path.Join(Path.GetDirectoryName(path) ?? ".", $".{Path.GetFileName(path)}.ppptui-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            File.Copy(backup, temp);
            File.SetUnixFileMode(temp, File.GetUnixFileMode(backup));
            File.Move(temp, path, overwrite: true);
            Posix.SyncDirectory(Path.GetDirectoryName(path) ?? ".");
            _log.Information("Restored {Path} from {Backup}", path, backup);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    /// <summary>
    /// A file an admin keeps elsewhere and links into place (chap-secrets linked to a file under
    /// /etc/secrets) stays linked: the write goes to the file the link leads to, so the real file
    /// gets the change and the link is not silently replaced by a copy. A link leading out of the
    /// root is refused, because nothing outside --root is touched.
    /// </summary>
    private string ThroughLink(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null) return path;
        var target = info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        var root = _backups.Paths.Root;
        if (!_backups.Paths.IsSystemRoot && !target.StartsWith(Path.TrimEndingDirectorySeparator(root) + "/", StringComparison.Ordinal))
            throw new PppTuiException(
                Localization.Msg.F("{0} is a symbolic link to {1}, outside --root {2}: ppptui writes nothing outside the root", path, target, root),
                Localization.Msg.F("Replace the link with a copy of the file (cp --remove-destination {0} {1}), or work on the real root.", target, path),
                kind: FailureKind.Invalid);
        return target;
    }

    /// <summary>Every permission bit of the group and of others.</summary>
    public const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                                               UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    // The system's own reason, checked in the order a user would look: the target is a folder, a
    // folder on the way is a file, the disk is full; only then the system's message as it is.
    private static PppTuiException WriteFailure(string path, IOException ex)
    {
        string cause;
        string fix;
        if (Directory.Exists(path))
        {
            cause = "is a directory";
            fix = $"Move the folder {path} aside (pppd needs a file there), then apply again.";
        }
        else if (FileOnTheWay(path) is { } blocking)
        {
            cause = $"{blocking} is a file, not a folder";
            fix = $"Move {blocking} aside (ppptui needs a folder there), then apply again.";
        }
        else if (ex.HResult == 28 || ex.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase))
        {
            cause = "No space left on device"; // the system's own words, which admins search for
            fix = "Free some space (df -h), then apply again.";
        }
        else
        {
            cause = ex.Message;
            fix = "Check that the file system is writable (mount), then apply again.";
        }
        return new PppTuiException(Msg.F("{0}: could not write it ({1}); the file is unchanged", path, cause), fix, ex)
        {
            Cause = cause,
            File = path,
        };
    }

    private static string? FileOnTheWay(string path)
    {
        for (var folder = Path.GetDirectoryName(path); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
            if (File.Exists(folder)) return folder;
        return null;
    }

    /// <summary>Deletes a file after a backup of it.</summary>
    public string? Delete(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var backup = _backups.Save(path);
            File.Delete(path);
            Posix.SyncDirectory(Path.GetDirectoryName(path) ?? ".");
            _log.Information("Deleted {Path}, previous version in {Backup}", path, backup);
            return backup;
        }
        catch (UnauthorizedAccessException)
        {
            throw new NeedsRootException(Msg.F("Deleting {0}", path), Path.GetDirectoryName(path) ?? path);
        }
    }

    // A ppptui killed between creating its temporary file and the rename leaves it behind; the
    // next writer of the same file removes those whose process is gone.
    private static void SweepAbandonedTemporaries(string directory, string fileName)
    {
        foreach (var temp in Directory.EnumerateFiles(directory, $".{fileName}.ppptui-*.tmp"))
        {
            var rest = Path.GetFileName(temp)[(fileName.Length + ".ppptui-".Length + 1)..];
            var dash = rest.IndexOf('-');
            if (dash > 0 && int.TryParse(rest[..dash], out var pid) && pid != Environment.ProcessId && !Directory.Exists($"/proc/{pid}"))
                TryDelete(temp);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>What one write did: where the previous version went, and the mode it narrowed, if any.</summary>
public sealed record WriteOutcome(string? Backup, UnixFileMode? NarrowedFrom);
